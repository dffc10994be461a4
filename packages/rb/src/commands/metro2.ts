import { hubKeyOption, hubUrlOption, idempotencyKeyOption } from '../options.js';
import type { RegisterCommand } from './index.js';

/** `rb metro2 import <file>`: sends a Metro 2 file to a running hub and prints what became of each consumer. */
export const metro2Command: RegisterCommand = (program) => {
  const metro2 = program.command('metro2').summary('import Metro 2 files into a hub').description('Metro 2 (CDIA) character files: import them into a running hub.');

  metro2
    .command('import')
    .summary('import a Metro 2 file: matched consumers get the report on their profile')
    .description(
      'Sends a Metro 2 character file (426-byte records, up to 1 MiB) to POST /v1/bureau/metro2/imports as text/plain. A consumer matching exactly one ' +
        'active customer gets the report in profile.credit[bureau] (credit_report.received); the others are held for review with a reason. ' +
        'Prints the import id and each consumer\'s outcome (ids and reasons, never names). Exits 1 when the hub quarantined the file as broken.',
    )
    .argument('<file>', 'Metro 2 file')
    .requiredOption('--bureau <bureau>', 'bureau the file is attributed to: experian, equifax or transunion')
    .addOption(hubUrlOption())
    .addOption(hubKeyOption('admin API key'))
    .addOption(idempotencyKeyOption())
    .option('--json', 'print the import record as JSON')
    .action(async (file, o, command) => {
      const [{ readFile }, { z }, { Metro2ImportSchema, Metro2BureauSchema }, { connectHub }] = await Promise.all([
        import('node:fs/promises'),
        import('zod'),
        import('../../../../shared/domain/bureau-pulls/import-metro2.js'),
        import('../hub-client.js'),
      ]);
      const bureau = Metro2BureauSchema.safeParse(o.bureau);
      if (!bureau.success) command.error(`--bureau must be one of ${Metro2BureauSchema.options.join(', ')}`);
      const text = await readFile(file, 'utf8');
      const hub = await connectHub(o);
      const { import: record } = await hub.request({
        method: 'POST',
        path: `/v1/bureau/metro2/imports?bureau=${o.bureau}`,
        body: { text, contentType: 'text/plain' },
        schema: z.object({ import: Metro2ImportSchema }),
      });
      if (o.json) console.log(JSON.stringify(record, null, 2));
      else {
        console.log(`import ${record.importId} (${record.bureau}): ${record.status}, ${record.subjects.length} consumers, ${record.merged} merged, ${record.review} held for review`);
        for (const s of record.subjects) {
          console.log(`  #${s.index} ${s.reportId} ${String(s.accounts).padStart(3)} accounts  ${s.outcome === 'merged' ? `merged into ${s.customerId ?? '?'}` : `review: ${s.reason ?? '?'}${s.candidates?.length ? ` (${s.candidates.join(', ')})` : ''}`}`);
        }
      }
      if (record.status === 'quarantined') throw new Error(`file quarantined: ${record.quarantine?.reason ?? 'broken'} (GET /v1/quarantine/metro2/${record.importId}/payload)`);
    });
};

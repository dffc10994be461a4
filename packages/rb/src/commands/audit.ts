import { hubKeyOption, hubUrlOption } from '../options.js';
import type { RegisterCommand } from './index.js';

/** `rb audit verify`: asks the hub to verify its audit hash chains; fails when one is broken. */
export const auditCommand: RegisterCommand = (program) => {
  const audit = program.command('audit').summary('verify the audit hash chain of a hub').description("The hub's hash-chained audit log.");

  audit
    .command('verify')
    .summary('verify every audit chain of a hub; exit 1 when one is broken')
    .description('Asks the hub to verify every audit hash chain (GET /v1/audit/verify, scope audit:read) and prints the verdict per chain. Exits 1 when a chain is broken.')
    .addOption(hubUrlOption())
    .addOption(hubKeyOption('admin API key with audit:read'))
    .option('--json', 'print the verdict as JSON')
    .action(async (o) => {
      const { connectHub, hubApi } = await import('../hub-client.js');
      const hub = await connectHub(o);
      const verdict = await hubApi(hub).verifyAudit();
      if (o.json) console.log(JSON.stringify(verdict, null, 2));
      else {
        for (const c of verdict.chains) {
          console.log(c.ok ? `ok      ${c.chain}: ${c.entries} entries` : `BROKEN  ${c.chain}: at seq ${String(c.brokenAt)}, ${c.reason ?? 'no reason given'} (${c.entries} entries)`);
        }
      }
      const broken = verdict.chains.filter((c) => !c.ok).map((c) => c.chain);
      if (!verdict.ok) throw new Error(`audit chain broken: ${broken.join(', ') || 'the hub says so'}`);
      if (!o.json) console.log(`audit chains intact (${verdict.chains.length}) at ${hub.url}`);
    });
};

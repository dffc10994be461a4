import { hubKeyOption, hubUrlOption } from '../options.js';
import type { RegisterCommand } from './index.js';

/**
 * `rb audit verify [export-file]`: without a file, asks the hub to verify its audit chains against
 * the latest signed checkpoint; with a file (from POST /v1/audit/exports), checks the export
 * offline, without the hub. Fails (exit 1) when anything does not verify.
 */
/** `--key` is needed for the hub only: an export file is checked without one. */
const optionalKey = () => {
  const option = hubKeyOption('admin API key with audit:read (not needed with an export file)');
  option.mandatory = false;
  return option;
};

export const auditCommand: RegisterCommand = (program) => {
  const audit = program.command('audit').summary('verify the audit trail of a hub, or an audit export offline').description("The hub's hash-chained audit log and its signed checkpoints.");

  audit
    .command('verify')
    .summary('verify every audit chain (of a hub, or of an export file offline); exit 1 when one fails')
    .description(
      'Without a file: asks the hub to verify every audit chain against the latest signed checkpoint (GET /v1/audit/verify, scope audit:read). ' +
        'With an export file (POST /v1/audit/exports): checks it offline — chain links and hashes, every checkpoint signature with the ' +
        'included (or --public-key) key, the links between checkpoints, heads against checkpoints. One line per chain; exits 1 when one fails.',
    )
    .argument('[export-file]', 'an audit export (JSON) to check offline, without the hub')
    .option('--public-key <pem-file>', 'with an export file: the checkpoint public key (SPKI PEM) you trust; without it the export\'s own key is used and its id printed')
    .addOption(hubUrlOption())
    .addOption(optionalKey())
    .option('--json', 'print the verdict as JSON')
    .action(async (file, o, command) => {
      if (file !== undefined) {
        const { verifyExportFile } = await import('../audit-export-file.js');
        const verdict = await verifyExportFile(file, o.publicKey);
        if (o.json) console.log(JSON.stringify(verdict, null, 2));
        else {
          console.log(`${verdict.checkpoints.ok ? 'ok    ' : 'BROKEN'}  checkpoints: ${verdict.checkpoints.count}, key ${verdict.keyId}${verdict.pinned ? ' (pinned)' : ' (from the export; pin it with --public-key)'}${verdict.checkpoints.reason ? `: ${verdict.checkpoints.reason}` : ''}`);
          for (const c of verdict.chains) {
            const span = c.from === undefined ? 'no entries' : `entries ${c.from}..${c.to} (${c.entries})`;
            console.log(c.ok ? `ok      ${c.chain}: ${span}, anchored through ${c.anchoredThrough}, ${c.unanchored} unanchored` : `BROKEN  ${c.chain}: ${span}, ${c.reason ?? 'no reason given'}`);
          }
        }
        if (!verdict.ok) throw new Error(`audit export does not verify: ${[...(verdict.checkpoints.ok ? [] : ['checkpoints']), ...verdict.chains.filter((c) => !c.ok).map((c) => c.chain)].join(', ')}`);
        if (!o.json) console.log(`audit export verifies (${verdict.chains.length} chains) offline: ${file}`);
        return;
      }
      if (o.key === undefined) command.error("required option '--key <key>' not specified (or give an export file)", { exitCode: 2 });
      const { connectHub, hubApi } = await import('../hub-client.js');
      const hub = await connectHub({ ...o, key: o.key });
      const verdict = await hubApi(hub).verifyAudit();
      if (o.json) console.log(JSON.stringify(verdict, null, 2));
      else {
        const cp = verdict.checkpoint;
        console.log(cp ? `${cp.ok ? 'ok    ' : 'BROKEN'}  checkpoint ${cp.seq} at ${cp.at}${cp.reason ? `: ${cp.reason}` : ''}` : 'none    no checkpoint yet: every entry is unanchored');
        for (const c of verdict.chains) {
          console.log(c.ok ? `ok      ${c.chain}: ${c.entries} entries, ${c.unanchored ?? 0} unanchored` : `BROKEN  ${c.chain}: at seq ${String(c.brokenAt)}, ${c.reason ?? 'no reason given'} (${c.entries} entries)`);
        }
      }
      const broken = verdict.chains.filter((c) => !c.ok).map((c) => c.chain);
      if (!verdict.ok) throw new Error(`audit chain broken: ${broken.join(', ') || 'the checkpoint does not verify'}`);
      if (!o.json) console.log(`audit chains intact (${verdict.chains.length}) at ${hub.url}`);
    });
};

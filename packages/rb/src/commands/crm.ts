import { hubKeyOption, hubUrlOption } from '../options.js';
import type { RegisterCommand } from './index.js';

/** `rb crm setup <connectionId>`: checks and creates the CRM fields a connection's write-back needs. */
export const crmCommand: RegisterCommand = (program) => {
  const crm = program.command('crm').summary('set up the CRM fields of a connection').description('CRM connections of a hub: the fields their write-back needs.');

  crm
    .command('setup')
    .summary('check and create the write-back fields (credit hold, reason, limit, rating) of a CRM connection; exit 1 when one failed')
    .description(
      "Asks the hub to check every field of the connection's write-back map on the CRM and create the missing ones " +
        '(POST /v1/crm/connections/{connectionId}/setup, admin). Prints one line per field (present, created, or failed with ' +
        'the reason) and exits 1 when a field failed. See docs/crm-connectors.md "CRM hold fields".',
    )
    .argument('<connectionId>', 'the CRM connection, e.g. local-hubspot')
    .addOption(hubUrlOption())
    .addOption(hubKeyOption('admin API key'))
    .option('--json', 'print the report as JSON')
    .action(async (connectionId, o) => {
      const { connectHub, hubApi } = await import('../hub-client.js');
      const hub = await connectHub(o);
      const report = await hubApi(hub).setupCrmConnection(connectionId);
      if (o.json) console.log(JSON.stringify(report, null, 2));
      else {
        for (const f of report.fields) console.log(`${f.status.padEnd(8)} ${f.field} (${f.source})${f.reason ? `: ${f.reason}` : ''}`);
        console.log(`${report.ready ? 'ready' : 'NOT READY'}: ${report.connectionId} (${report.crm} ${report.objectName}), ${report.fields.length} field(s)`);
      }
      const failed = report.fields.filter((f) => f.status === 'failed').map((f) => f.field);
      if (failed.length > 0) throw new Error(`fields not set up: ${failed.join(', ')}`);
    });
};

import { hubKeyOption, hubUrlOption } from '../options.js';
import type { RegisterCommand } from './index.js';

/** `rb keys`: the first admin key of a stage, and the hub's key list. */
export const keysCommand: RegisterCommand = (program) => {
  const keys = program.command('keys').summary('create the first admin key of a stage; list API keys').description('API keys: the first admin key of a deployed stage, and the keys a hub has issued.');

  keys
    .command('create-admin')
    .summary('create the first admin key of a deployed stage in its table')
    .description(
      'Creates the first admin key of a deployed stage directly in its DynamoDB table (with your AWS credentials and region ' +
        'from the environment) and prints it once. It belongs to no person: it creates the first people and their keys, and ' +
        'stops working once two admins exist (then this command refuses, except with --break-glass). See docs/people.md.',
    )
    .requiredOption('--table <name>', 'TableName from the stack output')
    .option('--name <name>', 'name recorded with the key', 'first admin')
    .option('--break-glass <incident>', 'after two admins exist: a one-hour bootstrap key for this incident (docs/people.md)')
    .action(async (o) => {
      const { ensureAdminKey } = await import('../../../../infra/local/bootstrap.js');
      const key = await ensureAdminKey({ tableName: o.table, name: o.name, ...(o.breakGlass ? { breakGlass: o.breakGlass } : {}) });
      console.log(`admin key (shown once, store it in your secrets manager):\n${key}`);
    });

  keys
    .command('list')
    .summary('list the API keys of a hub (no secrets)')
    .description('Lists the API keys a hub has issued (GET /v1/admin/api-keys, scope keys:manage): id, role, status, name, dates. No secrets.')
    .addOption(hubUrlOption())
    .addOption(hubKeyOption('admin API key with keys:manage'))
    .option('--json', 'print the keys as JSON')
    .action(async (o) => {
      const { connectHub, hubApi } = await import('../hub-client.js');
      const hub = await connectHub(o);
      const list = await hubApi(hub).listApiKeys();
      if (o.json) {
        console.log(JSON.stringify(list, null, 2));
        return;
      }
      console.log(`${'key id'.padEnd(24)} ${'role'.padEnd(10)} ${'status'.padEnd(8)} ${'created'.padEnd(24)} ${'last used'.padEnd(24)} name`);
      for (const k of list) {
        console.log(`${k.keyId.padEnd(24)} ${k.role.padEnd(10)} ${k.status.padEnd(8)} ${k.createdAt.padEnd(24)} ${(k.lastUsedAt ?? '-').padEnd(24)} ${k.name}`);
      }
      console.log(`${list.length} key(s) at ${hub.url}`);
    });
};

import { ensureAdminKey } from '../infra/local/bootstrap.js';

/**
 * `npm run create-admin-key -- --table <TableName>`: creates the first admin key of a deployed
 * stage (with your AWS credentials and region from the environment) and prints it once. Later keys
 * are issued through `POST /v1/admin/api-keys` with this one.
 */
const args = process.argv.slice(2);
const table = args[args.indexOf('--table') + 1];
if (!args.includes('--table') || !table) {
  console.error('usage: npm run create-admin-key -- --table <TableName from the stack output>');
  process.exit(2);
}
const key = await ensureAdminKey({ tableName: table, name: 'first admin' });
console.log(`admin key (shown once, store it in your secrets manager):\n${key}`);

import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ensureAdminKey } from './bootstrap.js';
import { ensureConsoleBuild } from './console-build.js';
import { localLoopbackAllowance } from '../../shared/lambda/env.js';
import { DEFAULT_DATA_DIR, NotADataDirError, prepareDataDir } from './data-dir.js';
import { startEmulators } from './emulators.js';
import { startHub } from './hub.js';
import { assertPortsFree, PortInUseError, portFromEnv } from './ports.js';
import { startSandboxes } from './sandboxes/index.js';
import { repointSandboxConnections } from './reconnect.js';
import { seedDemo } from './seed.js';

/**
 * `npm start`: DynamoDB Local + fauxqs, the sandboxes, the hub (HTTP API, workers, stream
 * relay, schedules) and a seeded demo, on fixed loopback ports so the README's commands work.
 * The table lives in a data directory and survives a restart (`--fresh` wipes it); the demo is
 * seeded only into an empty one. Ctrl-C stops everything.
 */
const started = performance.now();

/** Prints one line (no stack) for the mistakes a user fixes with a variable or a flag, then exits. */
const fail = (error: unknown): never => {
  if (error instanceof PortInUseError || error instanceof NotADataDirError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
};

const { values: flags } = parseArgs({ options: { fresh: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } }, strict: true });
const ports = {
  http: portFromEnv('PORT', 3000),
  dynamo: portFromEnv('DYNAMODB_PORT', 8000),
  sqs: portFromEnv('SQS_PORT', 9324),
  receiver: portFromEnv('RECEIVER_PORT', 4000),
};
await assertPortsFree([
  { port: ports.http, envVar: 'PORT', purpose: 'HTTP API' },
  // DynamoDB Local cannot bind one address: it listens on every interface.
  { port: ports.dynamo, envVar: 'DYNAMODB_PORT', purpose: 'DynamoDB Local', host: '0.0.0.0' },
  { port: ports.sqs, envVar: 'SQS_PORT', purpose: 'SQS + S3 emulator (fauxqs)' },
  { port: ports.receiver, envVar: 'RECEIVER_PORT', purpose: 'webhook receiver' },
]).catch(fail);
const data = await prepareDataDir({ dir: flags['data-dir'] ?? process.env.RISKBRIDGE_DATA_DIR ?? DEFAULT_DATA_DIR, fresh: flags.fresh }).catch(fail);

const allowLoopbackOutbound = localLoopbackAllowance();
let recovered = 'nothing (new data directory)';
// The console's build runs beside the emulators' start (skipped when its sources are unchanged).
const consoleBuild = ensureConsoleBuild();

const emulators = await startEmulators({
  dynamoPort: ports.dynamo,
  sqsPort: ports.sqs,
  dynamoDataDir: data.dynamoDir,
  corsOrigins: [`http://127.0.0.1:${ports.http}`, `http://localhost:${ports.http}`],
}).catch(fail);
const sandboxes = await startSandboxes({ receiverPort: ports.receiver, receiverSecretsFile: data.receiverSecretsFile }).catch(fail);
const hub = await startHub({
  dynamoEndpoint: emulators.dynamoEndpoint,
  sqsEndpoint: emulators.sqsEndpoint,
  prefix: 'riskbridge-local',
  httpPort: ports.http,
  allowLoopbackOutbound,
  resume: !data.empty,
  onRecovered: (report) => {
    recovered = `relayed ${report.relayed} outbox event(s) no relay had sent, parked ${report.deliveriesParked} scheduled webhook retr${report.deliveriesParked === 1 ? 'y' : 'ies'} for the sweep` +
      (report.relayFailed.length > 0 ? `; relay failed for ${report.relayFailed.join(', ')} (npm run redrive)` : '');
  },
  clockStateFile: data.clockFile,
  // Checkpoints describe the audit chain in this table: they live (and are wiped) with it.
  env: {
    ...sandboxes.env,
    AUDIT_CHECKPOINT_DIR: data.auditCheckpointDir,
    AUDIT_SIGNING_KEY_FILE: data.auditSigningKeyFile,
  },
  onError: (source, error) => console.error(`[${source}] ${(error as Error)?.message ?? String(error)}`),
}).catch(fail);
const { built: consoleBuilt, ms: consoleMs } = await consoleBuild;
const adminKey = await ensureAdminKey({ tableName: hub.resources.tableName, ...(process.env.RISKBRIDGE_ADMIN_KEY ? { presetKey: process.env.RISKBRIDGE_ADMIN_KEY } : {}) });
const seeded = data.empty
  ? (await seedDemo(hub.url, adminKey, sandboxes, { loopbackOutbound: allowLoopbackOutbound, tokenUrl: hub.oidc.tokenUrl })).lines
  : [
      'nothing: the data directory already held a table (npm start -- --fresh to start over)',
      ...(allowLoopbackOutbound ? [`CRM connections re-pointed at this run's sandboxes: ${(await repointSandboxConnections(hub.url, adminKey, sandboxes)).join(', ') || 'none'}`] : []),
    ];
const seconds = ((performance.now() - started) / 1000).toFixed(1);

await mkdir('.local', { recursive: true });
await writeFile(
  '.local/hub.json',
  JSON.stringify({ url: hub.url, oidc: { issuer: hub.oidc.issuer, tokenUrl: hub.oidc.tokenUrl }, dynamoEndpoint: emulators.dynamoEndpoint, sqsEndpoint: emulators.sqsEndpoint, resources: hub.resources, env: sandboxes.env }, null, 2),
);

console.log(`
RiskBridge is up in ${seconds} s
  API            ${hub.url}
  risk console   ${hub.url}/console   (sign in with the admin key below; ${consoleBuilt ? `built in ${(consoleMs / 1000).toFixed(1)} s` : 'build current'})
  admin key      ${adminKey}
                 export RB_KEY=${adminKey}   (the bootstrap key: valid until two admins exist, docs/people.md)
  sign-in (OIDC) ${hub.oidc.issuer}   tokens for the seeded officers: npm run -s rb -- login --as li-wei | anna-schmidt
  data           ${data.dir}   (${data.empty ? 'new' : 'kept from the last run'}; npm start -- --fresh wipes it)
  re-enqueued    ${recovered}
  local clock    ${hub.clock.now().toISOString()}${hub.clock.offsetMs() > 0 ? ` (${Math.round(hub.clock.offsetMs() / 1000)} s ahead)` : ''}   GET / POST ${hub.url}/__local/clock[/advance]
  DynamoDB Local ${emulators.dynamoEndpoint}   table ${hub.resources.tableName}
  SQS + S3 (fauxqs) ${emulators.sqsEndpoint}   bucket ${hub.resources.bucketNames.objects}
  outbound       ${allowLoopbackOutbound ? 'loopback allowed: http://127.0.0.1 / localhost on any port (sandboxes); ALLOW_LOOPBACK_OUTBOUND=false for the cloud rules' : 'cloud rules: https to public addresses on port 443 only (ALLOW_LOOPBACK_OUTBOUND=false)'}
${Object.entries(sandboxes.urls).map(([name, url]) => `  ${name.padEnd(14)} ${url}`).join('\n')}
  seeded         ${seeded.join('\n                 ')}
Ctrl-C stops everything.`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await hub.stop();
  await sandboxes.stop();
  await emulators.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

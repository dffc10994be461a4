import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ensureAdminKey } from './bootstrap.js';
import { localLoopbackAllowance } from '../../shared/lambda/env.js';
import { startEmulators } from './emulators.js';
import { startHub } from './hub.js';
import { startSandboxes } from './sandboxes/index.js';
import { seedDemo } from './seed.js';

/**
 * `npm start`: DynamoDB Local + fauxqs, the sandboxes, the hub (HTTP API, workers, stream
 * relay, schedules) and a seeded demo, on fixed loopback ports so the README's commands work.
 * Ctrl-C stops everything.
 */
const started = performance.now();
const port = (name: string, fallback: number): number => {
  const value = process.env[name];
  return value ? Number(value) : fallback;
};

const allowLoopbackOutbound = localLoopbackAllowance();

const emulators = await startEmulators({ dynamoPort: port('DYNAMODB_PORT', 8000), sqsPort: port('SQS_PORT', 9324) });
const sandboxes = await startSandboxes({ receiverPort: port('RECEIVER_PORT', 4000) });
const hub = await startHub({
  dynamoEndpoint: emulators.dynamoEndpoint,
  sqsEndpoint: emulators.sqsEndpoint,
  prefix: 'riskbridge-local',
  httpPort: port('PORT', 3000),
  allowLoopbackOutbound,
  // The table lives in memory (one per run), so each run gets its own checkpoint folder; the key stays.
  env: {
    ...sandboxes.env,
    AUDIT_CHECKPOINT_DIR: resolve('.local/audit', `checkpoints-${new Date().toISOString().replace(/[-:.]/g, '')}`),
    AUDIT_SIGNING_KEY_FILE: resolve('.local/audit/checkpoint-key.pem'),
  },
  onError: (source, error) => console.error(`[${source}] ${(error as Error)?.message ?? String(error)}`),
});
const adminKey = await ensureAdminKey({ tableName: hub.resources.tableName, ...(process.env.RISKBRIDGE_ADMIN_KEY ? { presetKey: process.env.RISKBRIDGE_ADMIN_KEY } : {}) });
const seed = await seedDemo(hub.url, adminKey, sandboxes, { loopbackOutbound: allowLoopbackOutbound });
const seconds = ((performance.now() - started) / 1000).toFixed(1);

await mkdir('.local', { recursive: true });
await writeFile(
  '.local/hub.json',
  JSON.stringify({ url: hub.url, oidc: { issuer: hub.oidc.issuer, tokenUrl: hub.oidc.tokenUrl }, dynamoEndpoint: emulators.dynamoEndpoint, sqsEndpoint: emulators.sqsEndpoint, resources: hub.resources, env: sandboxes.env }, null, 2),
);

console.log(`
RiskBridge is up in ${seconds} s
  API            ${hub.url}
  risk console   ${hub.url}/console   (sign in with the admin key below)
  admin key      ${adminKey}
                 export RB_KEY=${adminKey}   (the bootstrap key: valid until two admins exist, docs/people.md)
  sign-in (OIDC) ${hub.oidc.issuer}   tokens for the seeded officers: npm run -s rb -- login --as li-wei | anna-schmidt
  DynamoDB Local ${emulators.dynamoEndpoint}   table ${hub.resources.tableName}
  SQS + S3 (fauxqs) ${emulators.sqsEndpoint}   bucket ${hub.resources.bucketNames.objects}
  outbound       ${allowLoopbackOutbound ? 'loopback allowed: http://127.0.0.1 / localhost on any port (sandboxes); ALLOW_LOOPBACK_OUTBOUND=false for the cloud rules' : 'cloud rules: https to public addresses on port 443 only (ALLOW_LOOPBACK_OUTBOUND=false)'}
${Object.entries(sandboxes.urls).map(([name, url]) => `  ${name.padEnd(14)} ${url}`).join('\n')}
  seeded         ${seed.lines.join('\n                 ')}
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

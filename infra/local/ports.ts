import { createServer } from 'node:net';

/** A port the local hub wants is taken by another process; `message` is the one line `npm start` prints. */
export class PortInUseError extends Error {
  readonly code = 'port_in_use';
  readonly retryable = false;
  constructor(
    readonly port: number,
    readonly envVar: string,
    readonly purpose: string,
    options?: ErrorOptions,
  ) {
    super(`Port ${port} (${purpose}) is already in use: set ${envVar} to a free port, e.g. ${envVar}=${port + 1} npm start`, options);
    this.name = 'PortInUseError';
  }
}

/** One port the local hub opens, the variable that moves it and what it serves. */
export interface LocalPort {
  port: number;
  envVar: string;
  purpose: string;
  /** Address the server binds (DynamoDB Local can only bind every interface). Default 127.0.0.1. */
  host?: string;
}

const probe = (port: number, host: string): Promise<NodeJS.ErrnoException | undefined> =>
  new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(undefined)));
  });

/**
 * Fails with a PortInUseError (naming the variable to change) for the first port another process
 * holds, before anything is started. Port 0 (pick a free one) is skipped.
 * @example await assertPortsFree([{ port: 3000, envVar: 'PORT', purpose: 'HTTP API' }]);
 */
export const assertPortsFree = async (ports: readonly LocalPort[]): Promise<void> => {
  for (const entry of ports) {
    if (entry.port === 0) continue;
    const error = await probe(entry.port, entry.host ?? '127.0.0.1');
    if (error?.code === 'EADDRINUSE' || error?.code === 'EACCES') throw new PortInUseError(entry.port, entry.envVar, entry.purpose, { cause: error });
    if (error) throw error;
  }
};

/**
 * Reads a port variable: unset → `fallback`; anything but an integer 0–65535 is refused with the
 * variable's name.
 */
export const portFromEnv = (name: string, fallback: number, source: NodeJS.ProcessEnv = process.env): number => {
  const value = source[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`${name} must be a port number (0–65535), got "${value}"`);
  return port;
};

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseConnectionConfig } from '../../../shared/domain/crm/field-mapping.js';
import { defaultConnectionConfig } from '../../../shared/domain/crm/default-mappings.js';
import type { CrmName } from '../../../shared/domain/crm/crm-record.js';

/** Reads a fixture from test/fixtures/crm as unknown (tests parse it like production does). */
export const fixture = (path: string): unknown => JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/crm/${path}`, import.meta.url)), 'utf8')) as unknown;
export const rawFixture = (path: string): string => readFileSync(fileURLToPath(new URL(`../../fixtures/crm/${path}`, import.meta.url)), 'utf8');

/** A default connection for `crm`, pointed at a sandbox URL. */
export const connection = (crm: CrmName, overrides: Record<string, unknown> = {}) =>
  parseConnectionConfig({ ...defaultConnectionConfig(crm, `test-${crm}`), ...overrides });

/** Secret source backed by a map; unknown names fail loudly. */
export const secretsFrom = (values: Record<string, string>) => ({
  get: async (name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no secret ${name}`);
    return value;
  },
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback "hub" that records what CRMs push to it (raw body + headers) and answers 200. */
export const startReceiver = async () => {
  const received: { url: string; rawBody: string; headers: Record<string, string | undefined> }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ url: req.url ?? '/', rawBody: Buffer.concat(chunks).toString('utf8'), headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v])) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

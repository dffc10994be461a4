import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HubError, hubApi, hubClient } from '../../../packages/rb/src/hub-client.js';

/** A stand-in hub on a loopback port: each path answers one fixed way. */
const routes: Record<string, { status: number; type: string; body: string }> = {
  '/stage/v1/audit/verify': { status: 200, type: 'application/json', body: JSON.stringify({ ok: true, chains: [{ chain: 'c0', ok: true, entries: 2 }] }) },
  '/v1/refused': { status: 403, type: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'scope keys:manage required' }) },
  '/v1/html': { status: 502, type: 'text/html', body: '<html>\n<body>Bad gateway</body>\n</html>' },
  '/v1/not-json': { status: 200, type: 'text/plain', body: 'hello' },
  '/v1/wrong-shape': { status: 200, type: 'application/json', body: JSON.stringify({ ok: 'yes' }) },
};

describe('hubClient', () => {
  let server: Server;
  let url = '';
  const seen: Array<{ method?: string; url?: string; authorization?: string; contentType?: string; idempotencyKey?: string | string[]; body: string }> = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ method: request.method, url: request.url, authorization: request.headers.authorization, contentType: request.headers['content-type'], idempotencyKey: request.headers['idempotency-key'], body });
        const route = routes[request.url ?? ''] ?? { status: 201, type: 'application/json', body: '{}' };
        response.writeHead(route.status, { 'content-type': route.type }).end(route.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it('keeps a stage prefix of the base URL, sends the key and parses the answer', async () => {
    const verdict = await hubApi(hubClient({ url: `${url}/stage/`, key: 'rbk_a' })).verifyAudit();
    expect(verdict).toEqual({ ok: true, chains: [{ chain: 'c0', ok: true, entries: 2 }] });
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/stage/v1/audit/verify', authorization: 'Bearer rbk_a' });
  });

  it('posts a body with its content type', async () => {
    await hubApi(hubClient({ url, key: 'rbk_a' })).createPolicy('{"version":3}');
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/v1/policies', contentType: 'application/json', body: '{"version":3}' });
  });

  it('sends one Idempotency-Key per client on its POSTs, suffixed .n from the second on, and none on GETs', async () => {
    const client = hubClient({ url, key: 'rbk_a', idempotencyKey: 'run-1' });
    await hubApi(client).createPolicy('{"version":4}');
    await client.request({ method: 'POST', path: '/v1/imports', schema: z.unknown(), body: { text: '{}', contentType: 'application/json' } });
    await client.request({ method: 'GET', path: '/v1/imports/x', schema: z.unknown() });
    await client.request({ method: 'POST', path: '/v1/imports/x/chunks', schema: z.unknown(), body: { text: 'a,b', contentType: 'text/csv' } });
    expect(seen.slice(-4).map((s) => s.idempotencyKey)).toEqual(['run-1', 'run-1.1', undefined, 'run-1.2']);
    await hubApi(hubClient({ url, key: 'rbk_a' })).createPolicy('{"version":5}');
    await hubApi(hubClient({ url, key: 'rbk_a' })).createPolicy('{"version":5}');
    const [first, second] = seen.slice(-2).map((s) => s.idempotencyKey);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
  });

  it('turns a problem+json refusal into one line with the status, title and detail', async () => {
    const failure = hubClient({ url, key: 'rbk_a' }).request({ method: 'GET', path: '/v1/refused', schema: z.unknown() });
    await expect(failure).rejects.toBeInstanceOf(HubError);
    await expect(failure).rejects.toMatchObject({ message: 'GET /v1/refused: HTTP 403 Forbidden: scope keys:manage required', status: 403 });
  });

  it('shows a non-JSON refusal on one line', async () => {
    await expect(hubClient({ url, key: 'rbk_a' }).request({ method: 'GET', path: '/v1/html', schema: z.unknown() })).rejects.toThrow(
      'GET /v1/html: HTTP 502 <html> <body>Bad gateway</body> </html>',
    );
  });

  it('rejects a 2xx answer that is not JSON or not the expected shape', async () => {
    const client = hubClient({ url, key: 'rbk_a' });
    await expect(client.request({ method: 'GET', path: '/v1/not-json', schema: z.unknown() })).rejects.toThrow('GET /v1/not-json: the answer is not JSON');
    await expect(client.request({ method: 'GET', path: '/v1/wrong-shape', schema: z.object({ ok: z.boolean() }) })).rejects.toThrow(/^GET \/v1\/wrong-shape: unexpected answer \(ok: /);
  });

  it('says which hub it cannot reach', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(hubClient({ url: `http://127.0.0.1:${port}`, key: 'rbk_a' }).request({ method: 'GET', path: '/v1/x', schema: z.unknown() })).rejects.toThrow(
      `cannot reach the hub at http://127.0.0.1:${port} (ECONNREFUSED); is it running?`,
    );
  });
});

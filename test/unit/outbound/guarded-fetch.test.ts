import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGuardedFetch, ResponseTooLargeError, UnsafeUrlError } from '../../../shared/adapters/http/guarded-fetch.js';
import type { Resolver } from '../../../shared/adapters/http/ssrf-guard.js';

interface Heard {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const servers: Server[] = [];

/** A loopback server recording every request it gets, answering with `answer`. */
const listen = async (answer: (request: IncomingMessage, response: ServerResponse) => void = (_q, r) => r.end('{}')) => {
  const heard: Heard[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      heard.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      answer(request, response);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, heard };
};

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

const publicDns: Resolver = async (hostname) => {
  if (hostname === 'crm.example.com') return [{ address: '93.184.215.14', family: 4 }];
  throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
};

const reasonOf = async (call: Promise<unknown>): Promise<string | undefined> => {
  const error = await call.then(() => undefined, (e: unknown) => e);
  return error instanceof UnsafeUrlError ? error.reason : error === undefined ? undefined : String(error);
};

describe('createGuardedFetch', () => {
  it('returns a redirect to the caller instead of following it, so the secret never reaches the second server (loopback allowed)', async () => {
    // Prepare
    const attacker = await listen();
    const crm = await listen((_request, response) => response.writeHead(307, { location: `${attacker.url}/steal` }).end());
    const outbound = createGuardedFetch({ allowLoopback: true });

    // Act
    const response = await outbound(`${crm.url}/oauth/v2/token`, {
      method: 'POST',
      headers: { authorization: 'Bearer TOP-SECRET-TOKEN', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_secret: 'TOP-SECRET', refresh_token: 'REFRESH-SECRET' }),
    });

    // Assess
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe(`${attacker.url}/steal`);
    expect(crm.heard).toHaveLength(1);
    expect(crm.heard[0]?.body).toContain('client_secret=TOP-SECRET');
    expect(attacker.heard).toEqual([]);
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'scheme_not_allowed'],
    ['https://169.254.169.254/latest/meta-data/', 'cloud_metadata'],
    ['file:///etc/passwd', 'scheme_not_allowed'],
    ['gopher://crm.example.com:70/_GET', 'scheme_not_allowed'],
    ['http://crm.example.com/api', 'scheme_not_allowed'],
    ['https://crm.example.com:8443/api', 'port_not_allowed'],
    ['https://crm.example.com:80/api', 'port_not_allowed'],
    ['https://10.0.0.7/api', 'private'],
  ])('refuses %s outside the local stage (%s)', async (url, reason) => {
    // Prepare
    const outbound = createGuardedFetch({ allowLoopback: false, resolve: publicDns });

    // Act & Assess
    expect(await reasonOf(outbound(url))).toBe(reason);
  });

  it('still refuses cloud metadata, private addresses and other schemes with the loopback allowance on', async () => {
    // Prepare
    const outbound = createGuardedFetch({ allowLoopback: true, resolve: publicDns });

    // Act
    const reasons = await Promise.all(['http://169.254.169.254/latest/meta-data/', 'https://10.0.0.7/', 'file:///etc/passwd', 'gopher://127.0.0.1:70/_x', 'http://crm.example.com/'].map((url) => reasonOf(outbound(url))));

    // Assess
    expect(reasons).toEqual(['cloud_metadata', 'private', 'scheme_not_allowed', 'scheme_not_allowed', 'scheme_not_allowed']);
  });

  it('reaches a loopback server only with the loopback allowance, on any port', async () => {
    // Prepare
    const sandbox = await listen();

    // Act
    const refused = await reasonOf(createGuardedFetch({ allowLoopback: false })(`${sandbox.url}/x`));
    const allowed = await createGuardedFetch({ allowLoopback: true })(`${sandbox.url}/x`);

    // Assess
    expect(refused).toBe('scheme_not_allowed');
    expect(allowed.status).toBe(200);
    expect(sandbox.heard.map((h) => h.url)).toEqual(['/x']);
  });

  it('honours a configured port allow-list', async () => {
    // Prepare
    const outbound = createGuardedFetch({ allowLoopback: false, allowedPorts: [8443], resolve: publicDns });

    // Act
    const defaultPort = await reasonOf(outbound('https://crm.example.com/api'));

    // Assess
    expect(defaultPort).toBe('port_not_allowed');
  });

  it('caps the answer: past the cap it throws ResponseTooLargeError, or keeps the first bytes when asked to truncate', async () => {
    // Prepare
    const declared = await listen((_request, response) => response.end('x'.repeat(4_096)));
    const chunked = await listen((_request, response) => {
      response.write('y'.repeat(3_000));
      response.end('y'.repeat(3_000));
    });
    const outbound = createGuardedFetch({ allowLoopback: true, maxResponseBytes: 1_024 });

    // Act
    const tooLarge = await outbound(`${declared.url}/`).catch((e: unknown) => e);
    const tooLargeChunked = await outbound(`${chunked.url}/`).catch((e: unknown) => e);
    const truncated = await outbound(`${chunked.url}/`, { oversize: 'truncate' });
    const raised = await outbound(`${declared.url}/`, { maxResponseBytes: 8_192 });

    // Assess
    expect(tooLarge).toBeInstanceOf(ResponseTooLargeError);
    expect(tooLarge).toMatchObject({ code: 'response_too_large', retryable: false });
    expect(tooLargeChunked).toBeInstanceOf(ResponseTooLargeError);
    expect(await truncated.text()).toBe('y'.repeat(1_024));
    expect(await raised.text()).toHaveLength(4_096);
  });

  it('ends a call that outlives its budget with a TimeoutError, and a cancelled one with the caller’s reason', async () => {
    // Prepare
    const hanging = await listen(() => undefined);
    const outbound = createGuardedFetch({ allowLoopback: true });
    const controller = new AbortController();

    // Act
    const timedOut = await outbound(`${hanging.url}/`, { timeoutMs: 100 }).catch((e: unknown) => e);
    const cancelled = outbound(`${hanging.url}/`, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(hanging.heard).toHaveLength(2));
    controller.abort();

    // Assess
    expect(timedOut).toMatchObject({ name: 'TimeoutError' });
    expect(await cancelled).toMatchObject({ name: 'AbortError' });
  });

  it('puts no URL, header or body into its errors and writes nothing to the console', async () => {
    // Prepare
    const write = vi.spyOn(process.stdout, 'write');
    const log = vi.spyOn(console, 'log');
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    const outbound = createGuardedFetch({ allowLoopback: false, resolve: publicDns });

    // Act
    const refusals = await Promise.all(
      ['https://10.0.0.7/?access_token=SECRET-IN-QUERY', 'https://crm.example.com:8443/SECRET-IN-PATH', 'https://user:SECRET-PASSWORD@crm.example.com/'].map((url) =>
        outbound(url, { headers: { authorization: 'Bearer SECRET-HEADER' }, body: 'SECRET-BODY', method: 'POST' }).catch((e: unknown) => e),
      ),
    );

    // Assess
    const text = refusals.map((e) => `${String(e)} ${JSON.stringify(e)} ${(e as Error).stack ?? ''}`).join('\n');
    expect(refusals.every((e) => e instanceof UnsafeUrlError)).toBe(true);
    expect(text).not.toMatch(/SECRET/);
    expect([write, log, warn, error].map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0, 0]);
    vi.restoreAllMocks();
  });
});

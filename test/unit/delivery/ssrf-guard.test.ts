import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UnsafeUrlError, assertSafeUrl, unsafeAddressReason, type Resolver } from '../../../shared/adapters/http/ssrf-guard.js';
import { createGuardedFetch } from '../../../shared/adapters/http/guarded-fetch.js';

const resolverFor =
  (table: Record<string, string[]>): Resolver =>
  async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

const refusal = async (url: string, resolve: Resolver = resolverFor({}), allowLoopback = false, allowedPorts?: number[]): Promise<string | undefined> => {
  try {
    await assertSafeUrl(url, { allowLoopback, resolve, ...(allowedPorts ? { allowedPorts } : {}) });
    return undefined;
  } catch (error) {
    if (error instanceof UnsafeUrlError) return error.reason;
    throw error;
  }
};

describe('assertSafeUrl', () => {
  it.each([
    ['https://10.0.0.1/', 'private'],
    ['https://172.16.5.4/', 'private'],
    ['https://172.31.255.255/', 'private'],
    ['https://192.168.1.1/', 'private'],
    ['https://127.0.0.1/', 'loopback'],
    ['https://127.255.0.9/', 'loopback'],
    ['https://[::1]/', 'loopback'],
    ['https://169.254.10.10/', 'link_local'],
    ['https://[fe80::1]/', 'link_local'],
    ['https://100.64.0.1/', 'carrier_grade_nat'],
    ['https://169.254.169.254/latest/meta-data/', 'cloud_metadata'],
    ['https://[fd00:ec2::254]/', 'cloud_metadata'],
    ['https://100.100.100.200/', 'cloud_metadata'],
    ['https://0.0.0.0/', 'unspecified'],
    ['https://0.1.2.3/', 'unspecified'],
    ['https://224.0.0.1/', 'multicast'],
    ['https://[ff02::1]/', 'multicast'],
    ['https://255.255.255.255/', 'broadcast'],
    ['https://240.0.0.1/', 'reserved'],
    ['https://192.0.2.10/', 'reserved'],
    ['https://[fc00::1]/', 'unique_local'],
    ['https://[fd12:3456::1]/', 'unique_local'],
    ['https://[::ffff:127.0.0.1]/', 'ipv4_mapped'],
    ['https://[::ffff:10.0.0.1]/', 'ipv4_mapped'],
    ['https://[::ffff:8.8.8.8]/', 'ipv4_mapped'],
    ['https://[::127.0.0.1]/', 'ipv4_compatible'],
    ['https://[64:ff9b::7f00:1]/', 'nat64_embedded'],
    ['https://[64:ff9b::a9fe:a9fe]/', 'nat64_embedded'],
    ['https://[2002:7f00:1::]/', '6to4_embedded'],
    ['https://[2002:c0a8:101::1]/', '6to4_embedded'],
    ['https://[2001::1]/', 'teredo'],
    ['https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', 'teredo'],
    ['https://[2001:db8::1]/', 'reserved'],
    ['https://2130706433/', 'loopback'],
    ['http://2130706433/', 'scheme_not_allowed'],
    ['https://0x7f.1/', 'loopback'],
    ['https://0177.0.0.1/', 'loopback'],
    ['https://0xa9fea9fe/', 'cloud_metadata'],
    ['https://017700000001/', 'loopback'],
    ['https://0/', 'unspecified'],
  ])('refuses %s (%s)', async (url, reason) => {
    // Act & Assess
    expect(await refusal(url)).toBe(reason);
  });

  it.each([
    ['http://example.com/', 'scheme_not_allowed'],
    ['ftp://example.com/', 'scheme_not_allowed'],
    ['file:///etc/passwd', 'scheme_not_allowed'],
    ['gopher://example.com/', 'scheme_not_allowed'],
    ['https://user:pw@example.com/', 'credentials_in_url'],
    ['not a url', 'invalid_url'],
    ['https://nowhere.invalid/', 'unresolvable_host'],
  ])('refuses %s (%s)', async (url, reason) => {
    // Act & Assess
    expect(await refusal(url, resolverFor({ 'example.com': ['93.184.215.14'] }))).toBe(reason);
  });

  it('refuses a hostname when ANY of its addresses is internal', async () => {
    // Prepare
    const resolve = resolverFor({
      'mixed.example.com': ['93.184.215.14', '10.0.0.5'],
      'meta.example.com': ['169.254.169.254'],
      'v6.example.com': ['2606:4700::1111', 'fd00::1'],
      'nat64.example.com': ['64:ff9b::a00:1'],
      'localhost': ['127.0.0.1', '::1'],
    });

    // Act
    const reasons = await Promise.all(
      ['https://mixed.example.com/', 'https://meta.example.com/', 'https://v6.example.com/', 'https://nat64.example.com/', 'https://localhost/'].map((url) => refusal(url, resolve)),
    );

    // Assess
    expect(reasons).toEqual(['private', 'cloud_metadata', 'unique_local', 'nat64_embedded', 'loopback']);
  });

  it('accepts public https hosts, NAT64/6to4 embedding a public IPv4, and returns the vetted addresses', async () => {
    // Prepare
    const resolve = resolverFor({ 'crm.example.com': ['93.184.215.14', '2606:2800:220:1:248:1893:25c8:1946'] });

    // Act
    const vetted = await assertSafeUrl('https://crm.example.com/hooks?x=1', { allowLoopback: false, resolve });
    const nat64 = await refusal('https://[64:ff9b::808:808]/');
    const sixToFour = await refusal('https://[2002:808:808::1]/');

    // Assess
    expect(vetted.hostname).toBe('crm.example.com');
    expect(vetted.addresses.map((a) => a.address)).toEqual(['93.184.215.14', '2606:2800:220:1:248:1893:25c8:1946']);
    expect(nat64).toBeUndefined();
    expect(sixToFour).toBeUndefined();
  });

  it('allows only the allow-listed ports (443 by default) while the loopback allowance is off', async () => {
    // Prepare
    const resolve = resolverFor({ 'crm.example.com': ['93.184.215.14'] });

    // Act
    const reasons = await Promise.all([
      refusal('https://crm.example.com:8443/hooks', resolve),
      refusal('https://crm.example.com:443/hooks', resolve),
      refusal('https://crm.example.com:8443/hooks', resolve, false, [443, 8443]),
      refusal('https://crm.example.com/hooks', resolve, false, [8443]),
      refusal('https://crm.example.com:8443/hooks', resolve, true),
    ]);

    // Assess
    expect(reasons).toEqual(['port_not_allowed', undefined, undefined, 'port_not_allowed', undefined]);
  });

  it('allows plain http only to loopback and only with the loopback allowance', async () => {
    // Prepare
    const resolve = resolverFor({ localhost: ['127.0.0.1'], 'public.example.com': ['93.184.215.14'] });

    // Act
    const allowed = await refusal('http://localhost:3000/hooks/a', resolve, true);
    const allowedLiteral = await refusal('http://127.0.0.1:3000/', resolve, true);
    const publicHttp = await refusal('http://public.example.com/', resolve, true);
    const privateStillRefused = await refusal('http://10.0.0.1/', resolve, true);
    const notAllowed = await refusal('http://127.0.0.1:3000/', resolve, false);

    // Assess
    expect([allowed, allowedLiteral]).toEqual([undefined, undefined]);
    expect(publicHttp).toBe('scheme_not_allowed');
    expect(privateStillRefused).toBe('private');
    expect(notAllowed).toBe('scheme_not_allowed');
  });

  it('reports a resolver that cannot answer right now as a retryable dns_unavailable, and an unknown name as a refusal', async () => {
    // Prepare
    const failing = (code: string): Resolver => async () => {
      throw Object.assign(new Error(`getaddrinfo ${code}`), { code });
    };

    // Act
    const temporary = await assertSafeUrl('https://crm.example.com/', { allowLoopback: false, resolve: failing('EAI_AGAIN') }).catch((e: unknown) => e);
    const unknown = await assertSafeUrl('https://crm.example.com/', { allowLoopback: false, resolve: failing('ENOTFOUND') }).catch((e: unknown) => e);

    // Assess
    expect(temporary).toMatchObject({ code: 'dns_unavailable', retryable: true });
    expect(unknown).toMatchObject({ code: 'unsafe_url', reason: 'unresolvable_host', retryable: false });
  });

  it('is a PermanentError with code unsafe_url', async () => {
    // Act
    const error = await assertSafeUrl('https://10.1.1.1/', { allowLoopback: false }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(UnsafeUrlError);
    expect(error).toMatchObject({ code: 'unsafe_url', retryable: false, reason: 'private' });
  });
});

describe('unsafeAddressReason', () => {
  it('refuses every RFC 1918 IPv4 address and the same address IPv4-mapped', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const rfc1918 = fc.oneof(
      fc.tuple(octet, octet, octet).map(([b, c, d]) => `10.${b}.${c}.${d}`),
      fc.tuple(fc.integer({ min: 16, max: 31 }), octet, octet).map(([b, c, d]) => `172.${b}.${c}.${d}`),
      fc.tuple(octet, octet).map(([c, d]) => `192.168.${c}.${d}`),
    );
    fc.assert(
      fc.property(rfc1918, (address) => {
        expect(unsafeAddressReason(address, true)).toBe('private');
        expect(unsafeAddressReason(`::ffff:${address}`, true)).toBe('ipv4_mapped');
      }),
    );
  });
});

describe('createGuardedFetch (pinning)', () => {
  it('connects to the vetted address even when the name would resolve elsewhere later (no rebinding window)', async () => {
    // Prepare
    const server = createServer((request, response) => response.end(JSON.stringify({ host: request.headers.host })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    let calls = 0;
    const rebinding: Resolver = async () => {
      calls += 1;
      return [{ address: calls === 1 ? '127.0.0.1' : '10.0.0.9', family: 4 }];
    };

    try {
      // Act
      const response = await createGuardedFetch({ allowLoopback: true, resolve: rebinding })(`http://rebind.test:${port}/x`, { method: 'GET', timeoutMs: 5_000 });

      // Assess
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ host: `rebind.test:${port}` });
      expect(calls).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses before connecting and never follows redirects', async () => {
    // Prepare
    const server = createServer((_request, response) => response.writeHead(302, { location: 'http://169.254.169.254/' }).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;

    try {
      // Act
      const outbound = createGuardedFetch({ allowLoopback: true });
      const refused = await outbound('https://10.0.0.1/').catch((e: unknown) => e);
      const redirected = await outbound(`http://127.0.0.1:${port}/`);

      // Assess
      expect(refused).toBeInstanceOf(UnsafeUrlError);
      expect(redirected.status).toBe(302);
      expect(redirected.headers.get('location')).toBe('http://169.254.169.254/');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createExperianConnector } from '../../../shared/adapters/bureaus/experian/client.js';
import { createPbocConnector } from '../../../shared/adapters/bureaus/pboc/client.js';
import { bureauConnectorRegistry } from '../../../shared/adapters/bureaus/registry.js';
import { mapSecretSource } from '../../../shared/adapters/secrets/secret-source.js';
import { createGuardedFetch } from '../../../shared/adapters/http/guarded-fetch.js';
import type { BureauSubject } from '../../../shared/domain/credit/bureau-connector.js';
import { loopbackFetch } from '../../support/outbound.js';

const servers: Server[] = [];
const listen = async (answer: (request: IncomingMessage, response: ServerResponse) => void) => {
  const heard: Array<{ url: string; headers: IncomingMessage['headers'] }> = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      heard.push({ url: request.url ?? '', headers: request.headers });
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

const ctx = { requestId: 'req-outbound-1' };
const consumer: BureauSubject = { customerId: 'c-1', kind: 'consumer', name: '李四', identifiers: [{ scheme: 'cn_resident_id', value: '11010519491231002X' }] };

describe('bureau connectors: outbound calls', () => {
  it('does not follow a gateway redirect: the API key never reaches the redirect target', async () => {
    // Prepare
    const attacker = await listen((_request, response) => response.end('{"reportHeader":{}}'));
    const gateway = await listen((_request, response) => response.writeHead(307, { location: `${attacker.url}/v1/personal-credit-reports` }).end());
    const connector = createPbocConnector({ baseUrl: gateway.url, apiKey: 'PBOC-API-KEY', institutionCode: 'SYN0001' }, { outbound: loopbackFetch });

    // Act
    const error = await connector.fetchReport(consumer, ctx).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'bureau_redirect', retryable: false });
    expect(gateway.heard[0]?.headers['x-api-key']).toBe('PBOC-API-KEY');
    expect(attacker.heard).toEqual([]);
  });

  it.each(['http://169.254.169.254', 'https://169.254.169.254', 'https://10.0.0.9', 'https://127.0.0.1:8443'])(
    'refuses the base URL %s outside the local stage as a permanent unsafe_url, not a retryable outage',
    async (baseUrl) => {
      // Prepare
      const connector = createExperianConnector({ baseUrl, clientId: 'id', clientSecret: 'secret', timeoutMs: 1_000, outbound: createGuardedFetch({ allowLoopback: false }) });

      // Act
      const error = await connector.fetchReport({ ...consumer, identifiers: [{ scheme: 'ssn', value: '666000001' }] }, ctx).catch((e: unknown) => e);

      // Assess
      expect(error).toMatchObject({ code: 'unsafe_url', retryable: false });
    },
  );

  it('builds the registry’s connectors on the guarded fetch it is given', async () => {
    // Prepare
    const sandbox = await listen((_request, response) => response.end('{}'));
    const registry = bureauConnectorRegistry({
      baseUrls: { pboc: sandbox.url },
      secrets: mapSecretSource({ 'riskbridge/bureau/pboc': JSON.stringify({ apiKey: 'k', institutionCode: 'SYN0001' }) }),
      outbound: createGuardedFetch({ allowLoopback: false }),
    });

    // Act
    const error = await (await registry.connector('pboc')).fetchReport(consumer, ctx).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'unsafe_url' });
    expect(sandbox.heard).toEqual([]);
  });
});

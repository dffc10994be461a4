import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHubSpotClient } from '../../../shared/adapters/crm/hubspot/client.js';
import { createSalesforceClient, salesforceInstanceOrigin } from '../../../shared/adapters/crm/salesforce/client.js';
import { createZohoClient } from '../../../shared/adapters/crm/zoho/client.js';
import { createGuardedFetch } from '../../../shared/adapters/http/guarded-fetch.js';
import { loopbackFetch } from '../../support/outbound.js';
import { connection, secretsFrom } from './support.js';

interface Heard {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const servers: Server[] = [];
const listen = async (answer: (request: IncomingMessage, response: ServerResponse) => void) => {
  const heard: Heard[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      heard.push({ url: request.url ?? '', headers: request.headers, body });
      answer(request, response);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, heard };
};
const json = (body: unknown) => (_request: IncomingMessage, response: ServerResponse) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

const zohoSecrets = secretsFrom({ 'riskbridge/zoho/test-zoho/client-id': 'id', 'riskbridge/zoho/test-zoho/client-secret': 'ZOHO-CLIENT-SECRET', 'riskbridge/zoho/test-zoho/refresh-token': 'ZOHO-REFRESH-TOKEN' });

describe('CRM clients: outbound calls', () => {
  it('does not follow a redirect from the Zoho token endpoint: the client secret and refresh token never reach the redirect target', async () => {
    // Prepare
    const attacker = await listen(json({ access_token: 'stolen', expires_in: 3600 }));
    const crm = await listen((_request, response) => response.writeHead(307, { location: `${attacker.url}/steal` }).end());
    const client = createZohoClient({ secrets: zohoSecrets, outbound: loopbackFetch });

    // Act
    const error = await client.fetchRecord(connection('zoho', { apiBaseUrl: crm.url, authBaseUrl: crm.url }), 'Accounts', '1').catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'crm_redirect', retryable: false });
    expect(crm.heard.map((h) => h.url)).toEqual(['/oauth/v2/token']);
    expect(attacker.heard).toEqual([]);
  });

  it('does not follow a redirect from a CRM API: the bearer token never reaches the redirect target', async () => {
    // Prepare
    const attacker = await listen(json({ id: '1', properties: {} }));
    const crm = await listen((_request, response) => response.writeHead(302, { location: `${attacker.url}/crm/v3/objects/companies/1` }).end());
    const client = createHubSpotClient({ secrets: secretsFrom({ 'riskbridge/hubspot/test-hubspot/private-app-token': 'pat-SECRET' }), outbound: loopbackFetch });

    // Act
    const error = await client.fetchObject(connection('hubspot', { apiBaseUrl: crm.url }), 'companies', '1').catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'crm_redirect' });
    expect(crm.heard[0]?.headers.authorization).toBe('Bearer pat-SECRET');
    expect(attacker.heard).toEqual([]);
  });

  it('refuses a Salesforce token answer whose instance_url points elsewhere, before any authenticated call goes there', async () => {
    // Prepare
    const elsewhere = await listen(json({ Id: '001000000000001AAA' }));
    const tokenEndpoint = await listen(json({ access_token: 'SESSION-ID', instance_url: elsewhere.url }));
    const secrets = secretsFrom({ 'riskbridge/salesforce/test-salesforce/client-id': 'id', 'riskbridge/salesforce/test-salesforce/client-secret': 's' });
    const client = createSalesforceClient({ secrets, outbound: loopbackFetch });

    // Act
    const error = await client.fetchRecord(connection('salesforce', { apiBaseUrl: tokenEndpoint.url }), 'Account', '001000000000001AAA').catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'crm_instance_url_refused', retryable: false });
    expect(tokenEndpoint.heard.map((h) => h.url)).toEqual(['/services/oauth2/token']);
    expect(elsewhere.heard).toEqual([]);
  });

  it.each([
    ['https://acme.my.salesforce.com', 'https://acme.my.salesforce.com'],
    ['https://acme--dev.sandbox.my.salesforce.com/', 'https://acme--dev.sandbox.my.salesforce.com'],
    ['https://na1.salesforce.com', 'https://na1.salesforce.com'],
    ['https://acme.lightning.force.com', 'https://acme.lightning.force.com'],
    ['https://crm.acme.example:443', 'https://crm.acme.example'],
  ])('accepts the instance_url %s (Salesforce domain or the configured URL)', (instanceUrl, origin) => {
    // Act & Assess
    expect(salesforceInstanceOrigin(instanceUrl, { connectionId: 'sf', apiBaseUrl: 'https://crm.acme.example' })).toBe(origin);
  });

  it.each([
    'https://evil.example.com',
    'https://salesforce.com.evil.example',
    'https://evilsalesforce.com',
    'http://acme.my.salesforce.com',
    'https://acme.my.salesforce.com:8443',
    'https://user:pw@acme.my.salesforce.com',
    'https://169.254.169.254',
    'not a url',
  ])('refuses the instance_url %s', (instanceUrl) => {
    // Act & Assess
    expect(() => salesforceInstanceOrigin(instanceUrl, { connectionId: 'sf', apiBaseUrl: 'https://crm.acme.example' })).toThrow(expect.objectContaining({ code: 'crm_instance_url_refused' }));
  });

  it.each(['https://169.254.169.254/latest', 'http://169.254.169.254/latest', 'file:///etc/passwd', 'gopher://127.0.0.1:70/_x', 'https://10.0.0.8'])(
    'checks a stored connection URL again when called: %s is refused before any secret is sent',
    async (url) => {
      // Prepare
      const client = createZohoClient({ secrets: zohoSecrets, outbound: createGuardedFetch({ allowLoopback: false }) });

      // Act
      const error = await client.fetchRecord(connection('zoho', { apiBaseUrl: url, authBaseUrl: url }), 'Accounts', '1').catch((e: unknown) => e);

      // Assess
      expect(error).toMatchObject({ code: 'unsafe_url', retryable: false });
    },
  );

  it('leaves a temporary DNS failure retryable (a write-back is retried, not quarantined)', async () => {
    // Prepare
    const resolve = async () => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' });
    };
    const client = createZohoClient({ secrets: zohoSecrets, outbound: createGuardedFetch({ allowLoopback: false, resolve }) });

    // Act
    const error = await client.fetchRecord(connection('zoho'), 'Accounts', '1').catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'dns_unavailable', retryable: true });
  });

  it('refuses at call time a connection that names another connection’s secret, without reading it or calling the CRM', async () => {
    // Prepare
    const crm = await listen(json({ access_token: 't', expires_in: 3600 }));
    const asked: string[] = [];
    const secrets = { get: async (name: string) => (asked.push(name), 'value') };
    const client = createZohoClient({ secrets, outbound: loopbackFetch });
    const borrowing = connection('zoho', {
      apiBaseUrl: crm.url,
      authBaseUrl: crm.url,
      credentials: { clientId: 'riskbridge/zoho/test-zoho/client-id', clientSecret: 'riskbridge/zoho/other-zoho/client-secret', refreshToken: 'riskbridge/zoho/test-zoho/refresh-token' },
    });

    // Act
    const error = await client.fetchRecord(borrowing, 'Accounts', '1').catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'crm_secret_not_bound', retryable: false });
    expect(asked).not.toContain('riskbridge/zoho/other-zoho/client-secret');
    expect(crm.heard).toEqual([]);
  });
});

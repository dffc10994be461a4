import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRiskBridgeClient, type RiskBridgeClient } from '@riskbridge/client';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

describe('@riskbridge/client against a local hub', () => {
  let t: TestHub;
  let rb: RiskBridgeClient;

  beforeAll(async () => {
    t = await startTestHub();
    rb = createRiskBridgeClient({ baseUrl: t.hub.url, key: t.adminKey });
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('creates customers, lists them page by page and reads one, typed end to end', async () => {
    // Prepare
    for (const id of ['cl-1', 'cl-2', 'cl-3']) {
      const { response, data } = await rb.PUT('/v1/customers/{customerId}', { params: { path: { customerId: id } }, body: { fields: { legalName: `Client ${id} GmbH`, country: 'DE' } } });
      expect(response.status).toBe(201);
      expect(data?.profile.customerId).toBe(id);
    }
    // Act: follow nextCursor until the last page
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { data, error } = await rb.GET('/v1/customers', { params: { query: { limit: 2, ...(cursor ? { cursor } : {}) } } });
      expect(error).toBeUndefined();
      seen.push(...(data?.customers ?? []).map((c) => c.customerId));
      cursor = data?.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    const { data: one } = await rb.GET('/v1/customers/{customerId}', { params: { path: { customerId: 'cl-2' } } });
    // Assess
    expect(seen.sort()).toEqual(['cl-1', 'cl-2', 'cl-3']);
    expect(pages).toBe(2);
    expect(one?.profile.fields.legalName?.value).toBe('Client cl-2 GmbH');
  });

  it('hands problems back as typed errors', async () => {
    // Act
    const missing = await rb.GET('/v1/customers/{customerId}', { params: { path: { customerId: 'cl-none' } } });
    const anonymous = await createRiskBridgeClient({ baseUrl: t.hub.url }).GET('/v1/customers', {});
    // Assess
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ status: 404, code: 'not_found' });
    expect(missing.response.headers.get('content-type')).toBe('application/problem+json');
    expect(anonymous.error).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('serves its own contract without a key: the OpenAPI document and the reference page', async () => {
    // Prepare
    const pub = createRiskBridgeClient({ baseUrl: t.hub.url });
    // Act
    const document = await pub.GET('/openapi.json');
    const page = await pub.GET('/docs', { parseAs: 'text' });
    // Assess
    expect(document.response.status).toBe(200);
    expect(document.data?.openapi).toBe('3.1.0');
    expect(Object.keys(document.data?.paths ?? {})).toEqual(expect.arrayContaining(['/v1/customers', '/openapi.json', '/docs']));
    expect(page.response.status).toBe(200);
    expect(page.response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.response.headers.get('content-security-policy')).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(page.data).toContain('__redoc_definition');
  });
});

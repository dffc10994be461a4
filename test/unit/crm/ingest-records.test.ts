import { describe, expect, it } from 'vitest';
import type { CrmIngestMessage } from '../../../shared/domain/customers/ingest-message.js';
import { ingestRecords, IngestRecordsSchema } from '../../../shared/domain/customers/ingest-records.js';
import { toFieldIssues } from '../../../shared/domain/validation.js';
import { mapRecord } from '../../../shared/domain/crm/field-mapping.js';
import { connection, fixture } from './support.js';

const zoho = connection('zoho', { connectionId: 'acme-zoho' });
const account = (fixture('zoho/account.json') as { data: Array<Record<string, unknown>> }).data[0]!;

const setup = () => {
  const queued: CrmIngestMessage[] = [];
  const ingest = ingestRecords({ connections: { get: async (id) => (id === zoho.connectionId ? zoho : undefined) }, enqueue: async (m) => void queued.push(...m) });
  return { ingest, queued };
};

describe('ingestRecords', () => {
  it('maps native records through the connection and queues them', async () => {
    const { ingest, queued } = setup();
    await expect(ingest('acme-zoho', { objectName: 'Accounts', records: [account] })).resolves.toEqual({ accepted: 1 });
    expect(queued).toEqual([{ kind: 'record', record: expect.objectContaining({ connectionId: 'acme-zoho', crm: 'zoho', externalId: '5725767000000500001' }), receivedAt: expect.any(String) }]);
  });

  it('answers 422 on objectName for an unmapped object, and on records[i] paths for mapping issues, queueing nothing', async () => {
    const { ingest, queued } = setup();
    await expect(ingest('acme-zoho', { objectName: 'Widgets', records: [account] })).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: 'objectName' }] });
    const error = await ingest('acme-zoho', { objectName: 'Accounts', records: [account, {}] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'validation_failed' });
    expect((error as { issues: Array<{ path: string }> }).issues.every((i) => i.path.startsWith('records[1].'))).toBe(true);
    expect(queued).toEqual([]);
  });

  it('refuses canonical records of another connection (422 on records[i].connectionId) and unknown connections (404)', async () => {
    const { ingest, queued } = setup();
    const own = mapRecord(zoho, 'Accounts', account);
    await expect(ingest('acme-zoho', { records: [own, { ...own, connectionId: 'other' }] })).rejects.toMatchObject({ issues: [{ path: 'records[1].connectionId' }] });
    await expect(ingest('nobody', { records: [own] })).rejects.toMatchObject({ code: 'not_found' });
    expect(queued).toEqual([]);
  });

  it('takes canonical records strictly (unknown keys refused at their path) while native records stay open', () => {
    const order = { crm: 'zoho', connectionId: 'acme-zoho', externalId: 'SO-1', modifiedAt: '2026-01-01T00:00:00Z', objectType: 'order', customerExternalId: 'A-1', orderedAt: '2026-01-01T00:00:00Z', amount: { amountMinor: 100, currency: 'EUR' }, status: 'placed' };
    expect(IngestRecordsSchema.safeParse({ records: [order] }).success).toBe(true);
    const strict = IngestRecordsSchema.safeParse({ records: [{ ...order, amount: { amountMinor: 100, currency: 'EUR', cents: true }, note: 'x' }] });
    expect(strict.success).toBe(false);
    const issues = strict.success ? [] : toFieldIssues(strict.error);
    expect(issues.map((i) => [i.path, i.code])).toEqual([['records[0].amount.cents', 'unrecognized_keys'], ['records[0].note', 'unrecognized_keys']]);
    expect(IngestRecordsSchema.safeParse({ objectName: 'Accounts', records: [{ ...account, Anything_Custom__c: 1 }] }).success).toBe(true);
  });

  it('lets a CRM key post only to its own connection (403 before reading it) and name only its own record ids (422)', async () => {
    const { ingest, queued } = setup();
    const own = mapRecord(zoho, 'Accounts', account);
    if (own.objectType !== 'customer') throw new Error('the Zoho account fixture maps to a customer record');
    const key = { role: 'crm' as const, tenantRef: 'acme-zoho' };
    await expect(ingest('acme-zoho', { records: [own] }, { role: 'crm', tenantRef: 'other-zoho' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(ingest('nobody', { records: [own] }, key)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(ingest('acme-zoho', { records: [own] }, { role: 'crm' })).rejects.toMatchObject({ code: 'forbidden' });
    const foreign = { ...own, identifiers: [{ scheme: 'crm_record' as const, value: 'zoho:other-zoho:1' }] };
    await expect(ingest('acme-zoho', { records: [own, foreign] }, key)).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: 'records[1].identifiers[0].value', code: 'foreign_record' }] });
    expect(queued).toEqual([]);
    await expect(ingest('acme-zoho', { records: [own, { ...own, identifiers: [{ scheme: 'crm_record' as const, value: 'zoho:acme-zoho:1' }] }] }, key)).resolves.toEqual({ accepted: 2 });
    await expect(ingest('acme-zoho', { records: [foreign] }, { role: 'admin' })).resolves.toEqual({ accepted: 1 });
  });
});

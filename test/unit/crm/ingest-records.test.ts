import { describe, expect, it } from 'vitest';
import type { CrmIngestMessage } from '../../../shared/domain/customers/ingest-message.js';
import { ingestRecords } from '../../../shared/domain/customers/ingest-records.js';
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
    expect(queued).toEqual([{ kind: 'record', record: expect.objectContaining({ connectionId: 'acme-zoho', crm: 'zoho', externalId: '5725767000000500001' }) }]);
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
});

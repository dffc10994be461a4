import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/domain/clock.js';
import { defaultConnectionConfig } from '../../../shared/domain/crm/default-mappings.js';
import { parseConnectionConfig } from '../../../shared/domain/crm/field-mapping.js';
import type { CrmRecord } from '../../../shared/domain/crm/crm-record.js';
import { processCrmNotice } from '../../../shared/domain/customers/process-crm-notice.js';
import type { SourceRecordStore } from '../../../shared/domain/customers/crm-ports.js';

const INTEGRATION_USER = '1000';
const config = (connectionId: string) => parseConnectionConfig({ ...defaultConnectionConfig('fxiaoke', connectionId), integrationUsers: [INTEGRATION_USER], actingUserId: 'FSUID_X' });
const row = { _id: 'acc-1', name: 'Example Widgets GmbH', tel: '+49 30 0000004', last_modified_time: Date.UTC(2026, 0, 2), last_modified_by: [INTEGRATION_USER], is_deleted: false };
const notice = (connectionId: string) => ({
  crm: 'fxiaoke' as const, connectionId, objectName: 'AccountObj', externalIds: ['acc-1'], operation: 'update' as const, modifiedBy: INTEGRATION_USER, occurredAt: '2026-01-02T00:00:00.000Z',
});

describe('processCrmNotice', () => {
  const setup = (seenOn: string[]) => {
    const ingested: CrmRecord[] = [];
    let echoes = 0;
    const sources: SourceRecordStore = {
      get: async (key) => (seenOn.includes(key.connectionId) ? ({ crm: 'fxiaoke', connectionId: key.connectionId, externalId: key.externalId } as CrmRecord) : undefined),
      customerOf: async () => undefined,
      entry: () => ({ item: {} }),
    };
    const process = processCrmNotice({
      connections: { get: async (id) => config(id) },
      fetchRecord: async () => row,
      fingerprints: { recent: async () => [] },
      countEcho: async () => {
        echoes += 1;
      },
      sources,
      ingest: async (record) => {
        ingested.push(record);
        return { status: 'applied', customerId: 'c', events: [] };
      },
      clock: fixedClock('2026-01-02T00:05:00Z'),
    });
    return { process, ingested, echoes: () => echoes };
  };

  it('drops a change by the integration user to a record this connection has ingested (echo of our write-back)', async () => {
    const { process, ingested, echoes } = setup(['fx1']);
    expect(await process(notice('fx1'), row)).toEqual({ status: 'echo_dropped', reason: 'integration_user' });
    expect(ingested).toEqual([]);
    expect(echoes()).toBe(1);
  });

  it('reproduction: a second connection to the same tenant ingests a row the write-back of the first touched (first sight, not an echo)', async () => {
    const { process, ingested, echoes } = setup(['fx1']);
    const outcome = await process(notice('fx2'), row);
    expect(outcome.status).toBe('processed');
    expect(ingested).toEqual([expect.objectContaining({ objectType: 'customer', connectionId: 'fx2', externalId: 'acc-1', fields: expect.objectContaining({ legalName: 'Example Widgets GmbH' }) })]);
    expect(echoes()).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomeStore } from '../../../shared/adapters/dynamodb/outcome-store.js';
import { profileStore } from '../../../shared/adapters/dynamodb/profile-store.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import { importOutcomes } from '../../../shared/domain/risk/import-outcomes.js';
import { commitIngestedCustomer } from '../../support/e2e-helpers.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

describe('outcome bulk import on DynamoDB Local', () => {
  const clients = emulatorClients();
  const clock = fixedClock('2026-12-07T12:00:00.000Z');
  let table: { client: typeof clients.doc; tableName: string };
  beforeAll(async () => {
    table = { client: clients.doc, tableName: (await provisionTestResources(clients)).tableName };
  });
  afterAll(() => clients.destroy());

  it('stores each (customer, at, defaulted) once, even when the same file is sent twice at the same time, next to single recorded outcomes', async () => {
    // Prepare
    await commitIngestedCustomer(table, 'oi-1', { fields: { country: 'DE' }, aggregates: {} }, clock.now());
    const store = outcomeStore(table);
    await store.put({ customerId: 'oi-1', defaulted: false, at: '2026-01-01T00:00:00.000Z', recordedAt: clock.now().toISOString(), recordedBy: 'person:a' });
    const run = importOutcomes({ profiles: profileStore(table), outcomes: store, audit: { append: async () => undefined }, clock });
    const file = 'customerId,defaulted,at\noi-1,true,2026-06-30T00:00:00Z\noi-1,false,2026-01-01T00:00:00Z\n';
    // Act
    const results = await Promise.all([run(file, 'csv', 'person:a'), run(file, 'csv', 'person:b')]);
    // Assess: the CSV's 01-01 row is its own item (bulk rows are keyed apart from single POSTs), and neither row is stored twice.
    expect(results.map((r) => r.recorded).reduce((a, b) => a + b)).toBe(2);
    expect(results.map((r) => r.duplicates).reduce((a, b) => a + b)).toBe(2);
    const listed = await store.list('oi-1');
    expect(listed.map((o) => [o.at, o.defaulted]).sort()).toEqual([
      ['2026-01-01T00:00:00.000Z', false],
      ['2026-01-01T00:00:00.000Z', false],
      ['2026-06-30T00:00:00.000Z', true],
    ]);
  });
});

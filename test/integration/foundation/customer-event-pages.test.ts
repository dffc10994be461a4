import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventStore, type EventStore } from '../../../shared/adapters/dynamodb/event-store.js';
import { eventWriter } from '../../../shared/adapters/dynamodb/event-writer.js';
import { newEvent } from '../../../shared/domain/events/new-event.js';
import { emptyAggregates } from '../../../shared/domain/profile/aggregates.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

describe("a customer's event log on DynamoDB Local, paged by sequence both ways", () => {
  const clients = emulatorClients();
  let events: EventStore;
  beforeAll(async () => {
    const table = { client: clients.doc, tableName: (await provisionTestResources(clients)).tableName };
    events = eventStore(table);
    const writer = eventWriter(table);
    const at = new Date('2026-12-07T10:00:00.000Z');
    for (let sequence = 1; sequence <= 25; sequence++) {
      await writer.put(newEvent('customer.activity', { source: 'crm:test', objectType: 'order', externalId: `o-${sequence}`, aggregates: emptyAggregates() }, { customerId: 'cus-log', sequence, at }));
    }
  });
  afterAll(() => clients.destroy());

  const sequences = async (options: Parameters<EventStore['listForCustomer']>[1]) => (await events.listForCustomer('cus-log', options)).map((e) => e.sequence);

  it('answers the newest first with order=desc, and the page older than a sequence with beforeSequence', async () => {
    expect(await sequences({ order: 'desc', limit: 10 })).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    expect(await sequences({ order: 'desc', beforeSequence: 16, limit: 10 })).toEqual([15, 14, 13, 12, 11, 10, 9, 8, 7, 6]);
    expect(await sequences({ order: 'desc', beforeSequence: 6, limit: 10 })).toEqual([5, 4, 3, 2, 1]);
    expect(await sequences({ order: 'desc', beforeSequence: 1, limit: 10 })).toEqual([]);
  });

  it('pages newer events oldest first after a sequence, within both bounds, and stays the default order', async () => {
    expect(await sequences({ afterSequence: 20, limit: 3 })).toEqual([21, 22, 23]);
    expect(await sequences({ afterSequence: 5, beforeSequence: 9 })).toEqual([6, 7, 8]);
    expect(await sequences({ afterSequence: 5, beforeSequence: 6 })).toEqual([]);
    expect(await sequences({ afterSequence: 9, beforeSequence: 5 })).toEqual([]);
    expect(await sequences({ order: 'desc', afterSequence: 22 })).toEqual([25, 24, 23]);
  });
});

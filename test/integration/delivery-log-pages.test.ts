import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { deliveryStore } from '../../shared/adapters/dynamodb/delivery-store.js';
import type { DeliveryRecord } from '../../shared/domain/outbound/delivery-record.js';
import { emulatorClients, provisionTestResources } from '../support/aws-clients.js';

describe('delivery log pages on DynamoDB Local', () => {
  const clients = emulatorClients();
  let store: ReturnType<typeof deliveryStore>;
  const subscriptionId = `sub_${ulid()}`;
  const statuses: DeliveryRecord['status'][] = ['delivered', 'exhausted', 'delivered', 'scheduled', 'delivered', 'exhausted', 'delivered'];
  const eventIds: string[] = [];

  beforeAll(async () => {
    store = deliveryStore({ client: clients.doc, tableName: (await provisionTestResources(clients)).tableName });
    for (const [i, status] of statuses.entries()) {
      const eventId = `evt_${ulid(Date.parse('2026-12-01T00:00:00Z') + i * 1000)}`;
      eventIds.push(eventId);
      const at = new Date(Date.parse('2026-12-01T00:00:00Z') + i * 1000).toISOString();
      await store.put({ subscriptionId, eventId, eventType: 'customer.updated', status, attempts: [], createdAt: at, updatedAt: at }, undefined);
    }
  });
  afterAll(() => clients.destroy());

  const walk = async (limit: number, status?: DeliveryRecord['status']) => {
    const pages: string[][] = [];
    let after: string | undefined;
    do {
      const page = await store.listForSubscription(subscriptionId, { limit, ...(after ? { after } : {}), ...(status ? { status } : {}) });
      pages.push(page.records.map((r) => r.eventId));
      after = page.next;
    } while (after && pages.length < 20);
    return pages;
  };

  it('pages the log newest first with exact pages and no empty last page', async () => {
    const pages = await walk(3);
    expect(pages).toEqual([eventIds.slice(4).reverse(), eventIds.slice(1, 4).reverse(), eventIds.slice(0, 1)]);
  });

  it('filters by status across pages without losing or repeating a record', async () => {
    const pages = await walk(2, 'delivered');
    expect(pages.map((p) => p.length)).toEqual([2, 2]);
    expect(pages.flat()).toEqual(eventIds.filter((_, i) => statuses[i] === 'delivered').reverse());
    expect((await walk(5, 'exhausted')).flat()).toEqual([eventIds[5], eventIds[1]]);
  });
});

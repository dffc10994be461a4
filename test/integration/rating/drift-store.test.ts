import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftStore } from '../../../shared/adapters/dynamodb/drift-store.js';
import { eventStore, type EventStore } from '../../../shared/adapters/dynamodb/event-store.js';
import { newEvent } from '../../../shared/domain/events/new-event.js';
import type { DriftPoint, DriftSeries } from '../../../shared/domain/rating/drift.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

const point = (policyVersion: number, date: string, psi: number): DriftPoint => ({
  policyVersion,
  date,
  checkedAt: `${date}T00:00:00.000Z`,
  psi,
  threshold: 0.25,
  drifted: psi > 0.25,
  customers: 42,
  shares: [0.5, 0.5],
  expected: [0.4, 0.6],
  edges: [600],
});

const driftEvent = (p: DriftPoint) =>
  newEvent('rating.drift_detected', { policyVersion: p.policyVersion, psi: p.psi, threshold: p.threshold, customers: p.customers, baselineSource: 'training', checkedAt: p.checkedAt }, { at: new Date(p.checkedAt) });

describe('drift store on DynamoDB Local', () => {
  const clients = emulatorClients();
  let series: DriftSeries;
  let events: EventStore;
  beforeAll(async () => {
    const table = { client: clients.doc, tableName: (await provisionTestResources(clients)).tableName };
    series = driftStore(table);
    events = eventStore(table);
  });
  afterAll(() => clients.destroy());

  it('writes a point and its event once per version and day: a second run of the day writes neither', async () => {
    const first = point(7, '2026-12-07', 0.31);
    const event = driftEvent(first);
    expect(await series.record(first, event)).toBe(true);

    const again = { ...first, psi: 0.5, checkedAt: '2026-12-07T12:00:00.000Z' };
    const second = driftEvent(again);
    expect(await series.record(again, second)).toBe(false);

    expect((await series.list(7, { limit: 10 })).points).toEqual([first]);
    expect(await events.get(event.id)).toMatchObject({ type: 'rating.drift_detected', data: { psi: 0.31 } });
    expect(await events.get(second.id)).toBeUndefined();
  });

  it('lists one version oldest day first, page by page, without the other versions', async () => {
    const days = ['2026-11-03', '2026-11-01', '2026-11-02', '2026-11-05', '2026-11-04'];
    for (const [i, date] of days.entries()) expect(await series.record(point(8, date, i / 100))).toBe(true);
    await series.record(point(9, '2026-11-02', 0.2));

    const first = await series.list(8, { limit: 2 });
    const second = await series.list(8, { limit: 2, ...(first.next ? { after: first.next } : {}) });
    const last = await series.list(8, { limit: 2, ...(second.next ? { after: second.next } : {}) });

    expect(first.points.map((p) => p.date)).toEqual(['2026-11-01', '2026-11-02']);
    expect(second.points.map((p) => p.date)).toEqual(['2026-11-03', '2026-11-04']);
    expect(last.points.map((p) => p.date)).toEqual(['2026-11-05']);
    expect(last.next).toBeUndefined();
    expect((await series.list(9, { limit: 10 })).points.map((p) => p.policyVersion)).toEqual([9]);
    expect((await series.list(10, { limit: 10 })).points).toEqual([]);
  });
});

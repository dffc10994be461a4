import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileStore } from '../../../shared/adapters/dynamodb/profile-store.js';
import { allProfiles, profilePage } from '../../../shared/adapters/dynamodb/profile-pages.js';
import { newProfile } from '../../../shared/domain/profile/customer-profile.js';
import { newEvent } from '../../../shared/domain/events/new-event.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

describe('profilePage', () => {
  const clients = emulatorClients();
  let table: { client: typeof clients.doc; tableName: string };
  const active = Array.from({ length: 7 }, (_, i) => `page-active-${i}`);
  const merged = ['page-merged-0', 'page-merged-1'];

  beforeAll(async () => {
    table = { client: clients.doc, tableName: (await provisionTestResources(clients)).tableName };
    const at = new Date('2026-11-28T00:00:00Z');
    const profiles = profileStore(table);
    for (const id of [...active, ...merged]) {
      const base = { ...newProfile(id, 'business', at), version: 1, sequence: 1 };
      const profile = merged.includes(id) ? { ...base, status: 'merged' as const, mergedInto: active[0]! } : base;
      // Event items land beside the profiles: the scan skips them and the page size stays exact.
      const events = [newEvent('customer.updated', { profile, changedFields: ['created'] }, { customerId: id, sequence: 1, at })];
      await profiles.commit({ profile, expectedVersion: 0, events });
    }
  });
  afterAll(() => clients.destroy());

  const collect = async (query: { limit: number; activeOnly?: boolean }) => {
    const page = profilePage(table);
    const sizes: number[] = [];
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const result = await page({ ...query, ...(cursor !== undefined ? { cursor } : {}) });
      sizes.push(result.profiles.length);
      ids.push(...result.profiles.map((p) => p.customerId));
      cursor = result.nextCursor;
    } while (cursor !== undefined);
    return { sizes, ids };
  };

  it('pages exactly `limit` profiles at a time with an opaque cursor, none skipped or repeated', async () => {
    const { sizes, ids } = await collect({ limit: 3, activeOnly: true });
    expect(sizes).toEqual([3, 3, 1]);
    expect([...ids].sort()).toEqual([...active].sort());
  });

  it('includes merged profiles unless asked for active ones only, and ends without an empty page', async () => {
    const { sizes, ids } = await collect({ limit: 3 });
    expect(sizes).toEqual([3, 3, 3]);
    expect([...ids].sort()).toEqual([...active, ...merged].sort());
  });

  it('answers a cursor it did not issue with a ValidationError on `cursor`', async () => {
    const error = await profilePage(table)({ limit: 3, cursor: 'bm90LWEtY3Vyc29y' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe('cursor');
  });

  it('iterates every profile across scan segments', async () => {
    const ids: string[] = [];
    for await (const profile of allProfiles(table)({ pageSize: 2, segments: 2 })) ids.push(profile.customerId);
    expect([...ids].sort()).toEqual([...active, ...merged].sort());
  });
});

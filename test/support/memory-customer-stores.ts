import type { CrmCustomerRecord, CrmRecord } from '../../shared/domain/crm/crm-record.js';
import type { MergeRecordStore, ReviewItem, ReviewLookup, ReviewQueue, SourceRecordKey, SourceRecordStore } from '../../shared/domain/customers/crm-ports.js';
import type { ExtraPut, IdentityIndex, ProfileChange, ProfileRepository } from '../../shared/domain/customers/ports.js';
import { ConflictError } from '../../shared/domain/errors.js';
import type { EventEnvelope } from '../../shared/domain/events/envelope.js';
import { isUniqueKey } from '../../shared/domain/identity/matching.js';
import type { CustomerProfile } from '../../shared/domain/profile/customer-profile.js';
import type { MergeRecord } from '../../shared/domain/profile/merge.js';

type Item = Record<string, unknown> & { pk: string; sk: string };
const keyOf = (item: { pk: unknown; sk: unknown }) => `${String(item.pk)}\u0000${String(item.sk)}`;
const HOLDER = 'holder';

/**
 * In-memory stand-ins for the customer stores with the adapters' transaction semantics: a
 * profile change commits all or nothing, checks the profile version and every item condition
 * (identity claims: nobody, the same customer or an allowed previous holder), and rejects with
 * ConflictError. For fast domain-level tests; the integration tests run the real adapters.
 * `schedule` wraps every read and write (e.g. fast-check's `scheduler.scheduleFunction`) so a
 * property test can explore interleavings of concurrent writers.
 */
/** Wraps an async function so each call becomes a scheduling point. */
export type Schedule = <A extends unknown[], R>(f: (...args: A) => Promise<R>) => (...args: A) => Promise<R>;

export const memoryCustomerStores = (options: { schedule?: Schedule } = {}) => {
  const scheduled = options.schedule ?? (<A extends unknown[], R>(f: (...args: A) => Promise<R>) => f);
  const profiles = new Map<string, CustomerProfile>();
  const items = new Map<string, Item>();
  const events: EventEnvelope[] = [];

  const check = (change: ProfileChange, staged: Map<string, Item>): void => {
    const stored = profiles.get(change.profile.customerId);
    if (change.expectedVersion === 0 ? stored !== undefined : stored?.version !== change.expectedVersion) throw new ConflictError(`Customer ${change.profile.customerId} changed concurrently`);
    for (const put of change.extraPuts ?? []) {
      const item = put.item as Item;
      const existing = staged.get(keyOf(item)) ?? items.get(keyOf(item));
      if (put.condition === 'not_exists' && existing) throw new ConflictError('item exists');
      if (put.condition && put.condition !== 'not_exists' && put.condition.expression === HOLDER) {
        const allowed = put.condition.values?.['allowed'] as string[];
        if (existing && !allowed.includes(String(existing['customerId']))) throw new ConflictError(`${item.pk} is held by ${String(existing['customerId'])}`);
      }
      staged.set(keyOf(item), item);
    }
    for (const del of change.extraDeletes ?? []) {
      const existing = items.get(keyOf(del.key as Item));
      if (del.condition?.expression === HOLDER) {
        if (existing && existing['customerId'] !== del.condition.values?.['me']) throw new ConflictError('claim held by another customer');
      } else if (!existing) throw new ConflictError('item gone');
    }
  };
  const apply = (changes: ProfileChange[]): void => {
    const staged = new Map<string, Item>();
    const ids = new Set<string>();
    for (const change of changes) {
      if (ids.has(change.profile.customerId)) throw new Error('two changes of one profile in a transaction');
      ids.add(change.profile.customerId);
      check(change, staged);
    }
    for (const change of changes) {
      profiles.set(change.profile.customerId, structuredClone(change.profile));
      events.push(...change.events);
      for (const del of change.extraDeletes ?? []) items.delete(keyOf(del.key as Item));
    }
    for (const [k, item] of staged) items.set(k, structuredClone(item));
  };

  const repository: ProfileRepository & { commitMany(changes: ProfileChange[]): Promise<void> } = {
    get: scheduled(async (id: string) => structuredClone(profiles.get(id))),
    commit: scheduled(async (change: ProfileChange) => apply([change])),
    commitMany: scheduled(async (changes: ProfileChange[]) => apply(changes)),
  };

  const identities: IdentityIndex = {
    find: scheduled(async (keys: readonly string[], limit = 20) => {
      const ids: string[] = [];
      for (const key of keys) {
        for (const item of items.values()) {
          if (item.pk !== `IDENT#${key}`) continue;
          const id = String(item['customerId']);
          if (!ids.includes(id)) ids.push(id);
          if (ids.length >= limit) return ids;
        }
      }
      return ids;
    }),
    holderOf: scheduled(async (key: string) => {
      const item = items.get(keyOf({ pk: `IDENT#${key}`, sk: '#HOLDER' }));
      return item ? String(item['customerId']) : undefined;
    }),
    entries(customerId, keys, options = {}): ExtraPut[] {
      return [...new Set(keys)].map((key) =>
        isUniqueKey(key)
          ? { item: { pk: `IDENT#${key}`, sk: '#HOLDER', customerId }, condition: { expression: HOLDER, values: { allowed: [customerId, ...(options.takeFrom ?? [])] } } }
          : { item: { pk: `IDENT#${key}`, sk: customerId, customerId } },
      );
    },
    releases: (customerId, keys) =>
      [...new Set(keys)].filter(isUniqueKey).map((key) => ({ key: { pk: `IDENT#${key}`, sk: '#HOLDER' }, condition: { expression: HOLDER, values: { me: customerId } } })),
  };

  const srcKey = (r: SourceRecordKey) => ({ pk: `SRC#${r.crm}#${r.connectionId}#${r.objectType}#${r.externalId}`, sk: 'RECORD' });
  const sources: SourceRecordStore = {
    get: async (key) => structuredClone(items.get(keyOf(srcKey(key)))?.['record'] as CrmRecord | undefined),
    customerOf: async (key) => items.get(keyOf(srcKey(key)))?.['customerId'] as string | undefined,
    entry: (record: CrmRecord, customerId: string): ExtraPut => ({ item: { ...srcKey(record), record: structuredClone(record), customerId } }),
  };

  const reviewItems = (): ReviewItem[] => [...items.values()].filter((i) => i.pk.startsWith('REVIEW#')).map((i) => i['review'] as ReviewItem);
  const reviews: ReviewQueue & Pick<ReviewLookup, 'find'> = {
    entry: (item: ReviewItem): ExtraPut => ({ item: { pk: `REVIEW#${item.status}`, sk: `${item.createdAt}#${item.reviewId}`, review: item }, condition: 'not_exists' }),
    find: async (reviewId) => reviewItems().find((r) => r.reviewId === reviewId),
  };

  const merges: MergeRecordStore = {
    entry: (record: MergeRecord): ExtraPut => ({ item: { pk: `MERGE#${record.survivorId}`, sk: record.absorbedId, merge: structuredClone(record) } }),
    get: async (survivorId, absorbedId) => {
      const item = items.get(keyOf({ pk: `MERGE#${survivorId}`, sk: absorbedId }));
      return item && item['undone'] !== true ? structuredClone(item['merge'] as MergeRecord) : undefined;
    },
    undoneEntry: (record: MergeRecord): ExtraPut => ({ item: { pk: `MERGE#${record.survivorId}`, sk: record.absorbedId, merge: structuredClone(record), undone: true } }),
    originRecords: async (ids) =>
      ids.flatMap((id) => {
        const [crm = '', connectionId = '', ...rest] = id.split(':');
        const record = items.get(keyOf(srcKey({ crm, connectionId, objectType: 'customer', externalId: rest.join(':') })))?.['record'] as CrmRecord | undefined;
        return record?.objectType === 'customer' ? [structuredClone(record) as CrmCustomerRecord] : [];
      }),
  };

  return {
    profiles: repository,
    identities,
    sources,
    reviews,
    merges,
    /** Every profile as stored. */
    all: (): CustomerProfile[] => [...profiles.values()].map((p) => structuredClone(p)),
    reviewItems,
    events,
    holders: (): Map<string, string> =>
      new Map([...items.values()].filter((i) => i.sk === '#HOLDER').map((i) => [i.pk.slice('IDENT#'.length), String(i['customerId'])])),
  };
};
export type MemoryCustomerStores = ReturnType<typeof memoryCustomerStores>;

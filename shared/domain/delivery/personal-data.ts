import type { EventType } from '../events/catalogue.js';
import type { Subscription } from './subscription.js';

/**
 * Where events carry personal data: contact data of the customer (names, e-mail, phone, address)
 * and identifiers (e-mail, phone, resident ids among them), as paths under `data`. Custom
 * attributes flagged `pii` are in no event (`customer.updated` publishes `fields` and
 * `identifiers` only), and the other types carry ids, codes and figures.
 */
export const PERSONAL_EVENT_PATHS: Partial<Record<EventType, readonly string[]>> = {
  'customer.updated': [
    'profile.fields.legalName.value',
    'profile.fields.tradingName.value',
    'profile.fields.email.value',
    'profile.fields.phone.value',
    'profile.fields.addressLine.value',
    'profile.fields.city.value',
    'profile.fields.postalCode.value',
    'profile.identifiers.value',
  ],
};

const within = (path: string, ancestor: string): boolean => path === ancestor || path.startsWith(`${ancestor}.`);

/**
 * The personal paths a subscription's events carry, as `<event type>:<path>`, sorted: every
 * personal path of its types without `fields` (the whole event goes out), else those a field
 * reaches (the path itself, an ancestor such as `profile.fields`, or a part of it).
 * @example personalReach({ eventTypes: ['customer.updated'], fields: ['profile.fields.country'] }) // []
 */
export const personalReach = (subscription: Pick<Subscription, 'eventTypes' | 'fields'>): string[] =>
  subscription.eventTypes
    .flatMap((type) =>
      (PERSONAL_EVENT_PATHS[type] ?? [])
        .filter((p) => subscription.fields === undefined || subscription.fields.some((f) => within(p, f) || within(f, p)))
        .map((p) => `${type}:${p}`),
    )
    .sort();

/** What a subscription delivers: per event type, `*` (the whole event) or the projected paths. */
const delivers = (subscription: Pick<Subscription, 'eventTypes' | 'fields'>): Set<string> =>
  new Set(subscription.eventTypes.flatMap((type) => (subscription.fields === undefined ? [`${type}:*`] : subscription.fields.map((f) => `${type}:${f}`))));

/**
 * What a change adds to what a subscription delivers: event types or fields it did not have
 * (dropping `fields` adds the whole event). Removing types or fields, or naming fields where the
 * whole event went out, adds nothing.
 * @example widenedDelivery({ eventTypes: ['rating.changed'] }, { eventTypes: ['rating.changed', 'customer.updated'] }) // ['customer.updated:*']
 */
export const widenedDelivery = (before: Pick<Subscription, 'eventTypes' | 'fields'>, after: Pick<Subscription, 'eventTypes' | 'fields'>): string[] => {
  const had = delivers(before);
  return [...delivers(after)]
    .filter((item) => {
      if (had.has(item)) return false;
      const [type, path] = item.split(':') as [string, string];
      if (had.has(`${type}:*`)) return false;
      return path === '*' || ![...had].some((h) => h.startsWith(`${type}:`) && within(path, h.slice(type.length + 1)));
    })
    .sort();
};

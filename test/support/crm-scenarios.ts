import fc from 'fast-check';
import { expect } from 'vitest';
import type { CrmCustomerRecord, CrmName, CrmRecord } from '../../shared/domain/crm/crm-record.js';
import type { ReviewItem } from '../../shared/domain/customers/crm-ports.js';
import { identityHealth } from '../../shared/domain/customers/identity-health.js';
import { ConflictingIdentifiersError } from '../../shared/domain/customers/ingest-crm-record.js';
import { usccCheckChar } from '../../shared/domain/identity/identifiers/cn-uscc.js';
import type { CustomerProfile } from '../../shared/domain/profile/customer-profile.js';

const uscc = (first17: string) => `${first17}${usccCheckChar(first17)}`;

/**
 * Synthetic companies for identity property tests. The two "Twin Trading" companies share
 * name, city, phone and website but not their USCC: they must never end on one profile.
 */
export const COMPANIES = [
  { key: 'huaxin', name: '杭州华信贸易有限公司', city: '杭州', country: 'CN', phone: '+8657188880001', website: 'huaxin.example', uscc: uscc('91330100MA27XK5N8'), alwaysUscc: false },
  { key: 'widgets', name: 'Example Widgets GmbH', city: 'Berlin', country: 'DE', phone: '+49300000004', website: 'widgets.example', uscc: uscc('91110000MA27XK5P2'), alwaysUscc: false },
  { key: 'logistics', name: 'Sample Logistics Ltd', city: 'London', country: 'GB', phone: '+442000000005', website: 'logistics.example', uscc: uscc('91310000MA27XK5Q7'), alwaysUscc: false },
  { key: 'twin-a', name: 'Twin Trading Co., Ltd.', city: '上海', country: 'CN', phone: '+862160000002', website: 'twin.example', uscc: uscc('91310000MA27XK5R3'), alwaysUscc: true },
  { key: 'twin-b', name: 'Twin Trading Co., Ltd.', city: '上海', country: 'CN', phone: '+862160000002', website: 'twin.example', uscc: uscc('91310000MA27XK5T4'), alwaysUscc: true },
] as const;
export type Company = (typeof COMPANIES)[number];

/** Connections: the second Fxiaoke connection reads the same tenant (same record ids) as the first. */
export const CONNECTIONS: ReadonlyArray<{ crm: CrmName; connectionId: string; tenant: string }> = [
  { crm: 'zoho', connectionId: 'z1', tenant: 'z' },
  { crm: 'fxiaoke', connectionId: 'fx1', tenant: 'fx' },
  { crm: 'fxiaoke', connectionId: 'fx2', tenant: 'fx' },
  { crm: 'hubspot', connectionId: 'hs1', tenant: 'hs' },
  { crm: 'salesforce', connectionId: 'sf1', tenant: 'sf' },
];

export interface Scenario {
  records: CrmRecord[];
  /** Accounts delivered: their company and whether they carried the USCC. */
  accounts: Array<{ record: CrmCustomerRecord; company: Company; withUscc: boolean }>;
  /** Distinct orders, invoices (open) and payments delivered, for conservation checks. */
  totals: { orders: number; openInvoices: number; payments: number };
  /** CRM record ids of accounts whose activity arrived but which never arrived themselves. */
  orphans: string[];
  /** How many records are processed at once. */
  parallel: number;
}

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();

const AccountPlanArb = fc.record({
  present: fc.boolean(),
  withUscc: fc.boolean(),
  orders: fc.integer({ min: 0, max: 2 }),
  invoice: fc.boolean(),
  payment: fc.boolean(),
  update: fc.boolean(),
  replay: fc.boolean(),
  /** An older version of the account carried a mistyped USCC, which the CRM user later corrected. */
  typo: fc.boolean(),
});

/**
 * Random CRM traffic: 2–4 connections (possibly both Fxiaoke connections of one tenant), each with
 * accounts for some companies (USCC sent or not; always for the twins), their orders, invoices
 * and payments, account updates and replays, orphan activity for accounts that never come, all
 * in a random arrival order. One currency, so aggregates can be summed.
 */
export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    connections: fc.shuffledSubarray([...CONNECTIONS], { minLength: 2, maxLength: 4 }),
    plans: fc.array(fc.array(AccountPlanArb, { minLength: COMPANIES.length, maxLength: COMPANIES.length }), { minLength: CONNECTIONS.length, maxLength: CONNECTIONS.length }),
    orphan: fc.boolean(),
    parallel: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ connections, plans, orphan, parallel }) => {
    const records: CrmRecord[] = [];
    const accounts: Scenario['accounts'] = [];
    const totals = { orders: 0, openInvoices: 0, payments: 0 };
    const orphans: string[] = [];
    connections.forEach((connection) => {
      const base = { crm: connection.crm, connectionId: connection.connectionId, deleted: false };
      const tenantPlans = plans[CONNECTIONS.findIndex((c) => c.tenant === connection.tenant)] ?? [];
      COMPANIES.forEach((company, c) => {
        const plan = tenantPlans[c];
        if (!plan?.present) return;
        const accountId = `${connection.tenant}-acc-${company.key}`;
        const withUscc = company.alwaysUscc || plan.withUscc;
        const account: CrmCustomerRecord = {
          ...base, objectType: 'customer', externalId: accountId, modifiedAt: iso(T0), kind: 'business', custom: {},
          fields: { legalName: company.name, city: company.city, country: company.country, phone: company.phone, website: company.website },
          identifiers: withUscc ? [{ scheme: 'cn_uscc', value: company.uscc }] : [],
        };
        records.push(account);
        accounts.push({ record: account, company, withUscc });
        if (plan.update) records.push({ ...account, modifiedAt: iso(T0 + DAY), fields: { ...account.fields, industry: 'Wholesale' } });
        if (plan.typo && withUscc) {
          const typo = uscc(`91330100TYPE${CONNECTIONS.findIndex((x) => x.tenant === connection.tenant)}${c}000`);
          records.push({ ...account, modifiedAt: iso(T0 - DAY), identifiers: [{ scheme: 'cn_uscc', value: typo }] });
        }
        if (plan.replay) records.push(structuredClone(account));
        for (let o = 0; o < plan.orders; o++) {
          records.push({ ...base, objectType: 'order', externalId: `${accountId}-o${o}`, modifiedAt: iso(T0 + o * DAY), customerExternalId: accountId, orderedAt: iso(T0 + o * DAY), amount: { amountMinor: 10_000 + o, currency: 'CNY' }, status: 'placed' });
          totals.orders += 1;
        }
        if (plan.invoice) {
          records.push({ ...base, objectType: 'invoice', externalId: `${accountId}-i0`, modifiedAt: iso(T0), customerExternalId: accountId, issuedAt: iso(T0), dueAt: iso(T0 + 30 * DAY), amount: { amountMinor: 5_000, currency: 'CNY' }, open: { amountMinor: 5_000, currency: 'CNY' }, status: 'open' });
          totals.openInvoices += 1;
        }
        if (plan.payment) {
          records.push({ ...base, objectType: 'payment', externalId: `${accountId}-p0`, modifiedAt: iso(T0 + 2 * DAY), customerExternalId: accountId, paidAt: iso(T0 + 2 * DAY), amount: { amountMinor: 2_000, currency: 'CNY' }, kind: 'payment' });
          totals.payments += 1;
        }
      });
      if (orphan) {
        const accountId = `${connection.tenant}-acc-never`;
        records.push({ ...base, objectType: 'order', externalId: `${accountId}-o0`, modifiedAt: iso(T0), customerExternalId: accountId, orderedAt: iso(T0), amount: { amountMinor: 777, currency: 'CNY' }, status: 'placed' });
        totals.orders += 1;
        orphans.push(`${connection.crm}:${connection.connectionId}:${accountId}`);
      }
    });
    return fc
      .shuffledSubarray(records, { minLength: records.length, maxLength: records.length })
      .map((shuffled) => ({ records: shuffled, accounts, totals, orphans, parallel }));
  });

/**
 * Feeds the records `parallel` at a time, in their order. A record refused as contradicting its
 * customer (ConflictingIdentifiersError: the consumer quarantines it) is collected, as
 * `<crm>:<connectionId>:<externalId>`; any other error fails.
 */
export const deliver = async (scenario: Scenario, ingest: (record: CrmRecord) => Promise<unknown>): Promise<Set<string>> => {
  const quarantined = new Set<string>();
  const one = async (record: CrmRecord): Promise<void> => {
    try {
      await ingest(record);
    } catch (error) {
      if (!(error instanceof ConflictingIdentifiersError)) throw error;
      quarantined.add(`${record.crm}:${record.connectionId}:${record.externalId}`);
    }
  };
  for (let i = 0; i < scenario.records.length; i += scenario.parallel) {
    await Promise.all(scenario.records.slice(i, i + scenario.parallel).map(one));
  }
  return quarantined;
};

const holderOf = (profiles: CustomerProfile[], scheme: string, value: string): CustomerProfile[] =>
  profiles.filter((p) => p.status !== 'merged' && p.identifiers.some((i) => i.scheme === scheme && i.value === value));

/**
 * The identity invariants after a scenario: no unique identifier on two live profiles, no
 * field-less active profile, no rated stub; every account on one active profile; accounts with
 * one USCC together (or, after a corrected typo met the USCC on another customer, reviewed as a
 * pair, or one of its records was quarantined as contradicting), different USCCs apart; no order, invoice or payment lost or counted twice;
 * only orphan activity left pending.
 */
export const expectIdentityInvariants = (
  scenario: Scenario,
  profiles: CustomerProfile[],
  reviews: ReadonlyArray<Pick<ReviewItem, 'customerId' | 'candidateId' | 'reason'>> = [],
  quarantined: ReadonlySet<string> = new Set(),
): void => {
  const health = identityHealth(profiles);
  expect(health.sharedUniqueIdentifiers).toEqual([]);
  expect(health.fieldlessActive).toEqual([]);
  expect(health.ratedPending).toEqual([]);
  expect(health.selfConflicting).toEqual([]);
  const homeOf = new Map<CrmCustomerRecord, CustomerProfile>();
  for (const { record } of scenario.accounts) {
    const holders = holderOf(profiles, 'crm_record', `${record.crm}:${record.connectionId}:${record.externalId}`);
    expect(holders.map((h) => h.status)).toEqual(['active']);
    homeOf.set(record, holders[0]!);
  }
  for (const a of scenario.accounts) {
    for (const b of scenario.accounts) {
      if (!a.withUscc || !b.withUscc) continue;
      const homeA = homeOf.get(a.record)?.customerId ?? '';
      const homeB = homeOf.get(b.record)?.customerId ?? '';
      const label = `${a.record.connectionId}/${a.company.key} vs ${b.record.connectionId}/${b.company.key}`;
      if (a.company.uscc !== b.company.uscc) {
        expect(homeA === homeB, label).toBe(false);
        continue;
      }
      // Together, or (a corrected USCC found it held by another active customer) a review of the pair,
      // or a record of the account was quarantined (two sources of one customer disagreed on its USCC).
      const origin = (r: CrmCustomerRecord) => `${r.crm}:${r.connectionId}:${r.externalId}`;
      if (quarantined.has(origin(a.record)) || quarantined.has(origin(b.record))) continue;
      const reviewed = reviews.some((r) => r.reason === 'identifier_held' && [r.customerId, r.candidateId].sort().join() === [homeA, homeB].sort().join());
      expect(homeA === homeB || reviewed, label).toBe(true);
    }
  }
  const live = profiles.filter((p) => p.status !== 'merged');
  const sum = (f: (p: CustomerProfile) => number) => live.reduce((s, p) => s + f(p), 0);
  expect(sum((p) => p.aggregates.orders.count)).toBe(scenario.totals.orders);
  expect(sum((p) => p.aggregates.exposure.openInvoiceCount)).toBe(scenario.totals.openInvoices);
  expect(sum((p) => p.aggregates.payments.count)).toBe(scenario.totals.payments);
  const pending = profiles.filter((p) => p.status === 'pending').flatMap((p) => p.identifiers.filter((i) => i.scheme === 'crm_record').map((i) => i.value));
  expect(pending.sort()).toEqual([...scenario.orphans].sort());
};

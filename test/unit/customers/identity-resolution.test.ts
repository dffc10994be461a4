import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/domain/clock.js';
import type { CrmCustomerRecord, CrmOrderRecord } from '../../../shared/domain/crm/crm-record.js';
import { ConflictingIdentifiersError, ingestCrmRecord } from '../../../shared/domain/customers/ingest-crm-record.js';
import { mergeCustomers } from '../../../shared/domain/customers/merge-customers.js';
import { upsertCustomer } from '../../../shared/domain/customers/upsert-customer.js';
import { usccCheckChar } from '../../../shared/domain/identity/identifiers/cn-uscc.js';
import { decideRating } from '../../../shared/domain/risk/recompute-rating.js';
import { recomputeRating } from '../../../shared/domain/risk/recompute-rating.js';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import { deliver, expectIdentityInvariants, scenarioArb } from '../../support/crm-scenarios.js';
import { memoryCustomerStores, type Schedule } from '../../support/memory-customer-stores.js';

const uscc = (first17: string) => `${first17}${usccCheckChar(first17)}`;
const USCC = uscc('91330100MA27XK5N8');
const OTHER_USCC = uscc('91330100MA27XK5P2');

const setup = (schedule?: Schedule) => {
  const stores = memoryCustomerStores(schedule ? { schedule } : {});
  const clock = fixedClock('2026-02-01T00:00:00Z');
  const ingest = ingestCrmRecord({ ...stores, clock, backoff: async () => undefined, maxAttempts: 50 });
  return { stores, clock, ingest };
};

const account = (crm: CrmCustomerRecord['crm'], connectionId: string, externalId: string, fields: CrmCustomerRecord['fields'], identifiers: CrmCustomerRecord['identifiers'] = [], modifiedAt = '2026-01-01T00:00:00.000Z'): CrmCustomerRecord => ({
  crm, connectionId, externalId, modifiedAt, deleted: false, objectType: 'customer', kind: 'business', custom: {}, fields, identifiers,
});
const order = (crm: CrmOrderRecord['crm'], connectionId: string, externalId: string, customerExternalId: string, amountMinor = 10_000): CrmOrderRecord => ({
  crm, connectionId, externalId, modifiedAt: '2026-01-01T00:00:00.000Z', deleted: false, objectType: 'order', customerExternalId, orderedAt: '2026-01-01T00:00:00.000Z', amount: { amountMinor, currency: 'CNY' }, status: 'placed',
});
const live = (stores: ReturnType<typeof memoryCustomerStores>) => stores.all().filter((p) => p.status === 'active');

describe('ingestCrmRecord: pending stubs', () => {
  it('an order before its account creates a pending stub: no fields required, no events, never rated', async () => {
    const { stores, ingest, clock } = setup();
    const outcome = await ingest(order('fxiaoke', 'fx1', 'o-1', 'acc-1'));
    expect(outcome).toMatchObject({ status: 'applied', pending: true, events: [] });
    const [stub] = stores.all();
    expect(stub).toMatchObject({ status: 'pending', fields: {}, sequence: 0 });
    expect(stub?.aggregates.orders.count).toBe(1);
    expect(stores.events).toEqual([]);
    const recompute = recomputeRating({ profiles: stores.profiles, policies: { active: async () => ({ record: { policy: DEFAULT_POLICY } }) } as never, history: { entry: () => ({ item: { pk: 'h', sk: 'h' } }) }, clock });
    expect(await recompute({ customerId: stub!.customerId, causedBy: 'test' })).toEqual({ outcome: 'skipped', reason: 'pending' });
    expect(stores.all()[0]?.rating).toBeUndefined();
  });

  it('the account then activates the stub with its fields, its order aggregates and one created event', async () => {
    const { stores, ingest } = setup();
    await ingest(order('fxiaoke', 'fx1', 'o-1', 'acc-1'));
    await ingest(account('fxiaoke', 'fx1', 'acc-1', { legalName: '杭州华信贸易有限公司', country: 'CN' }, [{ scheme: 'cn_uscc', value: USCC }]));
    const [profile] = stores.all();
    expect(profile).toMatchObject({ status: 'active', customerId: 'c:crm:fxiaoke:fx1:acc-1', sequence: 1 });
    expect(profile?.fields.legalName?.value).toBe('杭州华信贸易有限公司');
    expect(profile?.aggregates.orders.count).toBe(1);
    expect(stores.events.map((e) => [e.type, e.data['changedFields']])).toEqual([['customer.updated', expect.arrayContaining(['created', 'fields.legalName'])]]);
  });

  it('reproduction: a Zoho account with a USCC, then a Fxiaoke order, then the Fxiaoke account with that USCC → one active profile holding the order', async () => {
    const { stores, ingest } = setup();
    await ingest(account('zoho', 'z1', 'z-1', { legalName: '杭州华信贸易有限公司', country: 'CN' }, [{ scheme: 'cn_uscc', value: USCC }]));
    await ingest(order('fxiaoke', 'fx1', 'o-1', 'fx-acc-1', 12_345));
    const outcome = await ingest(account('fxiaoke', 'fx1', 'fx-acc-1', { legalName: '华信贸易', phone: '+8657188880042', country: 'CN' }, [{ scheme: 'cn_uscc', value: USCC }]));
    expect(outcome).toMatchObject({ status: 'applied', decision: 'auto_merge', customerId: 'c:crm:zoho:z1:z-1' });
    const active = live(stores);
    expect(active).toHaveLength(1);
    expect(active[0]?.aggregates.orders).toMatchObject({ count: 1, grossMinor: 12_345 });
    expect(active[0]?.identifiers.filter((i) => i.scheme === 'crm_record').map((i) => i.value).sort()).toEqual(['fxiaoke:fx1:fx-acc-1', 'zoho:z1:z-1']);
    // The stub is absorbed (kept as merged, with a merge record an unmerge can use) and published nothing.
    expect(stores.all().find((p) => p.customerId === 'c:crm:fxiaoke:fx1:fx-acc-1')).toMatchObject({ status: 'merged', mergedInto: 'c:crm:zoho:z1:z-1' });
    expect(await stores.merges.get('c:crm:zoho:z1:z-1', 'c:crm:fxiaoke:fx1:fx-acc-1')).toBeDefined();
    expect(stores.events.every((e) => e.customerId === 'c:crm:zoho:z1:z-1')).toBe(true);
    // Later activity of that account lands on the golden profile.
    await ingest(order('fxiaoke', 'fx1', 'o-2', 'fx-acc-1', 100));
    expect(live(stores)[0]?.aggregates.orders.count).toBe(2);
  });

  it('reproduction: a second connection of the same CRM creates no phantom customers, whatever the order', async () => {
    const { stores, ingest } = setup();
    const tenant = [
      account('fxiaoke', 'fx1', 'a-1', { legalName: 'Example Widgets GmbH', city: 'Berlin', country: 'DE' }, [{ scheme: 'cn_uscc', value: USCC }]),
      order('fxiaoke', 'fx1', 'o-1', 'a-1'),
    ];
    for (const r of tenant) await ingest(r);
    // The second connection polls the same tenant: the order first, then the account.
    await ingest({ ...tenant[1]!, connectionId: 'fx2' });
    expect(live(stores)).toHaveLength(1);
    await ingest({ ...tenant[0]!, connectionId: 'fx2' });
    const active = live(stores);
    expect(active).toHaveLength(1);
    expect(active[0]?.aggregates.orders.count).toBe(2);
    expect(active.every((p) => Object.keys(p.fields).length > 0)).toBe(true);
  });
});

describe('ingestCrmRecord: unique identifiers', () => {
  it('conflicting USCCs in one account are refused with a reason and write nothing', async () => {
    const { stores, ingest } = setup();
    const bad = account('zoho', 'z1', 'z-9', { legalName: 'Gamma' }, [{ scheme: 'cn_uscc', value: USCC }, { scheme: 'cn_uscc', value: OTHER_USCC }]);
    const error = await ingest(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictingIdentifiersError);
    expect(error).toMatchObject({ code: 'conflicting_identifiers', retryable: false, schemes: ['cn_uscc'] });
    expect((error as Error).message).not.toContain(USCC);
    expect(stores.all()).toEqual([]);
  });

  it('a USCC another active customer holds is held back with a review, never written twice', async () => {
    const { stores, ingest } = setup();
    await ingest(account('zoho', 'z1', 'z-1', { legalName: 'Delta Components', country: 'CN' }, [{ scheme: 'duns', value: '150483782' }, { scheme: 'cn_uscc', value: USCC }]));
    // Equal DUNS, different USCC: review, and the new customer does not get the DUNS the first one holds.
    await ingest(account('hubspot', 'h1', 'h-1', { legalName: 'Delta Components', country: 'CN' }, [{ scheme: 'duns', value: '150483782' }, { scheme: 'cn_uscc', value: OTHER_USCC }]));
    const created = stores.all().find((p) => p.customerId === 'c:crm:hubspot:h1:h-1');
    expect(created?.status).toBe('active');
    expect(created?.identifiers.map((i) => i.scheme).sort()).toEqual(['cn_uscc', 'crm_record']);
    expect(stores.reviewItems()).toEqual([expect.objectContaining({ customerId: 'c:crm:hubspot:h1:h-1', candidateId: 'c:crm:zoho:z1:z-1', score: 0.8, reason: 'candidate_match' })]);
    // The same record again raises no second review.
    await ingest(account('hubspot', 'h1', 'h-1', { legalName: 'Delta Components', country: 'CN', city: 'Ningbo' }, [{ scheme: 'duns', value: '150483782' }, { scheme: 'cn_uscc', value: OTHER_USCC }], '2026-01-02T00:00:00.000Z'));
    expect(stores.reviewItems()).toHaveLength(1);
  });

  it('a source that corrects its USCC drops the old value and its claim; an older version of the record changes nothing', async () => {
    const { stores, ingest } = setup();
    const typo = account('zoho', 'z1', 'z-1', { legalName: 'Omega Ltd', country: 'CN' }, [{ scheme: 'cn_uscc', value: OTHER_USCC }], '2026-01-01T00:00:00.000Z');
    await ingest(typo);
    await ingest({ ...typo, modifiedAt: '2026-01-05T00:00:00.000Z', identifiers: [{ scheme: 'cn_uscc', value: USCC }] });
    const [profile] = stores.all();
    expect(profile?.identifiers.filter((i) => i.scheme === 'cn_uscc').map((i) => i.value)).toEqual([USCC]);
    expect(stores.holders().has(`cn_uscc#${OTHER_USCC}`)).toBe(false);
    expect(stores.holders().get(`cn_uscc#${USCC}`)).toBe('c:crm:zoho:z1:z-1');
    expect(await ingest({ ...typo, modifiedAt: '2026-01-03T00:00:00.000Z' })).toMatchObject({ status: 'no_op', reason: 'stale' });
  });

  it('a corrected USCC another active customer holds, with nothing contradicting, merges the two customers (one company, one profile)', async () => {
    const { stores, ingest } = setup();
    await ingest(account('hubspot', 'h1', 'h-1', { legalName: 'Omega Trading Ltd', country: 'CN' }, [{ scheme: 'cn_uscc', value: USCC }]));
    const typo = account('zoho', 'z1', 'z-1', { legalName: 'Omega Ltd', country: 'CN' }, [{ scheme: 'cn_uscc', value: OTHER_USCC }], '2026-01-01T00:00:00.000Z');
    await ingest(typo);
    await ingest(order('zoho', 'z1', 'o-1', 'z-1'));
    expect(live(stores)).toHaveLength(2);
    const outcome = await ingest({ ...typo, modifiedAt: '2026-01-05T00:00:00.000Z', identifiers: [{ scheme: 'cn_uscc', value: USCC }] });
    expect(outcome).toMatchObject({ status: 'applied', decision: 'auto_merge', customerId: 'c:crm:hubspot:h1:h-1' });
    const active = live(stores);
    expect(active.map((p) => p.customerId)).toEqual(['c:crm:hubspot:h1:h-1']);
    expect(active[0]?.identifiers.filter((i) => i.scheme === 'cn_uscc').map((i) => i.value)).toEqual([USCC]);
    expect(active[0]?.aggregates.orders.count).toBe(1);
    expect(stores.holders().has(`cn_uscc#${OTHER_USCC}`)).toBe(false);
    // The merged customer was active and published: it announces its merge; a merge record allows an unmerge.
    expect(stores.events.filter((e) => e.customerId === 'c:crm:zoho:z1:z-1').at(-1)?.data['profile']).toMatchObject({ status: 'merged' });
    expect(await stores.merges.get('c:crm:hubspot:h1:h-1', 'c:crm:zoho:z1:z-1')).toBeDefined();
  });

  it('reproduction (property seed 1369099786): a candidate that claims the record\'s USCC while the record is being resolved is scored again, so the USCC is neither held back nor lost as a veto', async () => {
    const { stores, ingest } = setup();
    const TWIN_B = uscc('91310000MA27XK5T4');
    const TWIN_A = uscc('91310000MA27XK5R3');
    const twin = { legalName: 'Twin Trading Co., Ltd.', city: '上海', country: 'CN', phone: '+862160000002', website: 'twin.example' };
    const zohoTypo = account('zoho', 'z1', 'z-b', twin, [{ scheme: 'cn_uscc', value: uscc('91330100TYPE04000') }], '2025-12-31T00:00:00.000Z');
    await ingest(zohoTypo);
    // Hold the HubSpot record between scoring (the Zoho customer still has its mistyped USCC: vetoed)
    // and screening its USCC, while the Zoho correction claims that USCC.
    const holderOf = stores.identities.holderOf.bind(stores.identities);
    let reached!: () => void;
    const atScreen = new Promise<void>((r) => (reached = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let paused = false;
    stores.identities.holderOf = async (key) => {
      if (key === `cn_uscc#${TWIN_B}` && !paused) {
        paused = true;
        reached();
        await gate;
      }
      return holderOf(key);
    };
    const hubspot = ingest(account('hubspot', 'hs1', 'hs-b', { ...twin, industry: 'Wholesale' }, [{ scheme: 'cn_uscc', value: TWIN_B }], '2026-01-02T00:00:00.000Z'));
    await atScreen;
    await ingest({ ...zohoTypo, modifiedAt: '2026-01-01T00:00:00.000Z', identifiers: [{ scheme: 'cn_uscc', value: TWIN_B }] });
    release();
    expect(await hubspot).toMatchObject({ status: 'applied', decision: 'auto_merge', customerId: 'c:crm:zoho:z1:z-b' });
    expect(live(stores).map((p) => p.customerId)).toEqual(['c:crm:zoho:z1:z-b']);
    expect(stores.reviewItems()).toEqual([]);
    // The other twin (its own USCC, first sent mistyped) finds the USCC it contradicts and stays apart.
    await ingest(account('zoho', 'z1', 'z-a', twin, [{ scheme: 'cn_uscc', value: uscc('91330100TYPE03000') }], '2025-12-31T00:00:00.000Z'));
    await ingest(account('zoho', 'z1', 'z-a', twin, [{ scheme: 'cn_uscc', value: TWIN_A }], '2026-01-01T00:00:00.000Z'));
    expect(live(stores).map((p) => [p.customerId, p.identifiers.filter((i) => i.scheme === 'cn_uscc').map((i) => i.value)]).sort()).toEqual([
      ['c:crm:zoho:z1:z-a', [TWIN_A]],
      ['c:crm:zoho:z1:z-b', [TWIN_B]],
    ]);
  });

  it('reproduction (property seeds 161042648, 1695753998, 1390851128): a customer that claims a corrected USCC while the correction is being applied merges the two instead of holding the USCC back', async () => {
    const { stores, ingest } = setup();
    const TWIN_B = uscc('91310000MA27XK5T4');
    const twin = { legalName: 'Twin Trading Co., Ltd.', city: '上海', country: 'CN', phone: '+862160000002', website: 'twin.example' };
    const typo = account('fxiaoke', 'fx2', 'fx-b', twin, [{ scheme: 'cn_uscc', value: uscc('91330100TYPE14000') }], '2025-12-31T00:00:00.000Z');
    await ingest(typo);
    // The correction finds nobody holding the USCC, then (before it screens the USCC) Salesforce's account claims it.
    const holderOf = stores.identities.holderOf.bind(stores.identities);
    let reached!: () => void;
    const atScreen = new Promise<void>((r) => (reached = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    stores.identities.holderOf = async (key) => {
      if (key === `cn_uscc#${TWIN_B}` && ++calls === 2) {
        reached();
        await gate;
      }
      return holderOf(key);
    };
    const correction = ingest({ ...typo, modifiedAt: '2026-01-01T00:00:00.000Z', identifiers: [{ scheme: 'cn_uscc', value: TWIN_B }] });
    await atScreen;
    expect(await ingest(account('salesforce', 'sf1', 'sf-b', twin, [{ scheme: 'cn_uscc', value: TWIN_B }], '2026-01-02T00:00:00.000Z'))).toMatchObject({ decision: 'new' });
    release();
    expect(await correction).toMatchObject({ status: 'applied', decision: 'auto_merge', customerId: 'c:crm:salesforce:sf1:sf-b' });
    expect(live(stores).map((p) => [p.customerId, p.identifiers.filter((i) => i.scheme === 'cn_uscc').map((i) => i.value)])).toEqual([['c:crm:salesforce:sf1:sf-b', [TWIN_B]]]);
    expect(stores.reviewItems()).toEqual([]);
  });

  it('an API upsert of an identifier another customer holds is a 409 naming the path', async () => {
    const { stores, clock } = setup();
    const upsert = upsertCustomer({ profiles: stores.profiles, identities: stores.identities, clock });
    await upsert({ customerId: 'a', input: { fields: { legalName: 'A' }, identifiers: [{ scheme: 'cn_uscc', value: USCC }] }, source: 'api:test' });
    const error = await upsert({ customerId: 'b', input: { fields: { legalName: 'B' }, identifiers: [{ scheme: 'email', value: 'b@b.example' }, { scheme: 'cn_uscc', value: USCC }] }, source: 'api:test' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'conflict', retryable: false });
    expect((error as Error).message).toContain('identifiers[1].value');
    expect(stores.all().map((p) => p.customerId)).toEqual(['a']);
    // The holder itself may repeat it.
    await expect(upsert({ customerId: 'a', input: { fields: { city: 'X' }, identifiers: [{ scheme: 'cn_uscc', value: USCC }] }, source: 'api:test' })).resolves.toMatchObject({ created: false });
  });

  const identityProperty = fc.asyncProperty(scenarioArb, fc.scheduler(), async (scenario, scheduler) => {
    // Every store call is a scheduling point: fast-check picks the interleaving of concurrent records.
    const { stores, ingest } = setup((f) => scheduler.scheduleFunction(f));
    const quarantined = await scheduler.waitFor(deliver(scenario, ingest));
    expectIdentityInvariants(scenario, stores.all(), stores.reviewItems(), quarantined);
    // Pending stubs are never rated: rating decisions are only taken for active profiles.
    for (const p of stores.all().filter((x) => x.status === 'active')) expect(decideRating(p, DEFAULT_POLICY, new Date('2026-02-01T00:00:00Z'))).toBeDefined();
  });

  it('property: random arrival orders of accounts, orders, invoices and payments from 2–4 connections keep every identity invariant', async () => {
    const runs = Number(process.env['IDENTITY_PROPERTY_RUNS'] ?? 60);
    const seed = Number(process.env['IDENTITY_PROPERTY_SEED'] ?? Date.now() % 2 ** 31);
    console.info(`identity property (memory stores): seed=${seed} runs=${runs}`);
    await fc.assert(identityProperty, { numRuns: runs, seed });
  }, 600_000);

  // Runs that once failed (seed and run path as fast-check reported them), replayed: a change to the scenario generator re-rolls them.
  it.each([
    [1369099786, '0'],
    [161042648, '230'],
    [1695753998, '221'],
    [1390851128, '262'],
  ])('property regression: seed %i path %s keeps every identity invariant', async (seed, path) => {
    await fc.assert(identityProperty, { seed, path, endOnFailure: true });
  }, 60_000);
});

describe('mergeCustomers: merge and unmerge move identifier claims', () => {
  it('after a merge the survivor holds the absorbed USCC; after the unmerge the restored customer holds it again', async () => {
    const { stores, ingest, clock } = setup();
    await ingest(account('zoho', 'z1', 'z-1', { legalName: 'Alpha GmbH', country: 'DE' }, [{ scheme: 'vat', value: 'DE136695976' }]));
    await ingest(account('hubspot', 'h1', 'h-1', { legalName: 'Omega Ltd', country: 'GB' }, [{ scheme: 'cn_uscc', value: USCC }]));
    const merges = mergeCustomers({ profiles: stores.profiles, identities: stores.identities, merges: stores.merges, audit: { append: async () => undefined }, clock });
    await merges.merge({ survivorId: 'c:crm:zoho:z1:z-1', absorbedId: 'c:crm:hubspot:h1:h-1' }, 'test');
    expect(stores.holders().get(`cn_uscc#${USCC}`)).toBe('c:crm:zoho:z1:z-1');
    expect(stores.holders().get('crm_record#hubspot:h1:h-1')).toBe('c:crm:zoho:z1:z-1');
    await merges.unmerge({ survivorId: 'c:crm:zoho:z1:z-1', absorbedId: 'c:crm:hubspot:h1:h-1' }, 'test');
    expect(stores.holders().get(`cn_uscc#${USCC}`)).toBe('c:crm:hubspot:h1:h-1');
    expect(stores.holders().get('crm_record#hubspot:h1:h-1')).toBe('c:crm:hubspot:h1:h-1');
    expect(stores.holders().get('vat#DE136695976')).toBe('c:crm:zoho:z1:z-1');
  });

  it('lossless unmerge: updates both origins sent between merge and unmerge land on their own side', async () => {
    const { stores, ingest, clock } = setup();
    const s1 = account('zoho', 'z1', 'S1', { legalName: 'Beta Logistics Ltd', city: 'Leeds', country: 'GB', email: 'ap@beta.example' }, [{ scheme: 'vat', value: 'GB980780684' }], '2026-01-01T00:00:00.000Z');
    const a1 = account('hubspot', 'h1', 'A1', { legalName: 'Beta Logistic Limited', country: 'GB', phone: '+441132460000' }, [{ scheme: 'duns', value: '150483782' }], '2026-01-02T00:00:00.000Z');
    await ingest(s1);
    await ingest(a1);
    const survivorId = 'c:crm:zoho:z1:S1';
    const absorbedId = 'c:crm:hubspot:h1:A1';
    const before = { survivor: stores.all().find((p) => p.customerId === survivorId)!, absorbed: stores.all().find((p) => p.customerId === absorbedId)! };
    const merges = mergeCustomers({ profiles: stores.profiles, identities: stores.identities, merges: stores.merges, audit: { append: async () => undefined }, clock });
    clock.set('2026-03-01T00:00:00Z');
    await merges.merge({ survivorId, absorbedId }, 'test');

    // Between merge and unmerge (source times before the merge, delivered after it):
    clock.set('2026-03-02T00:00:00Z');
    // the absorbed origin changes its phone and adds a website;
    await ingest({ ...a1, modifiedAt: '2026-02-10T00:00:00.000Z', fields: { ...a1.fields, phone: '+441132469999', website: 'beta-logistic.example' } });
    // the survivor's origin renames itself (older than the absorbed name, so it loses on the merged profile) and moves city.
    await ingest({ ...s1, modifiedAt: '2026-01-01T12:00:00.000Z', fields: { ...s1.fields, legalName: 'Beta Logistics Group Ltd', city: 'York' } });
    const merged = stores.all().find((p) => p.customerId === survivorId)!;
    expect(merged.fields.phone?.value).toBe('+441132469999');
    expect(merged.fields.legalName?.value).toBe('Beta Logistic Limited');

    await merges.unmerge({ survivorId, absorbedId }, 'test');
    const survivor = stores.all().find((p) => p.customerId === survivorId)!;
    const absorbed = stores.all().find((p) => p.customerId === absorbedId)!;
    const values = (p: typeof survivor) => Object.fromEntries(Object.entries(p.fields).map(([k, v]) => [k, v?.value]));
    expect(values(absorbed)).toEqual({ legalName: 'Beta Logistic Limited', country: 'GB', phone: '+441132469999', website: 'beta-logistic.example' });
    expect(values(survivor)).toEqual({ legalName: 'Beta Logistics Group Ltd', city: 'York', country: 'GB', email: 'ap@beta.example' });
    expect(absorbed.status).toBe('active');
    expect(survivor.identifiers.map((i) => i.scheme).sort()).toEqual(before.survivor.identifiers.map((i) => i.scheme).sort());
    expect(absorbed.identifiers.map((i) => i.scheme).sort()).toEqual(before.absorbed.identifiers.map((i) => i.scheme).sort());
    expect(stores.holders().get('duns#150483782')).toBe(absorbedId);
    // A later record of the absorbed origin lands on the restored customer again.
    await ingest({ ...a1, modifiedAt: '2026-02-20T00:00:00.000Z', fields: { ...a1.fields, phone: '+441132460001', website: 'beta-logistic.example' } });
    expect(stores.all().find((p) => p.customerId === absorbedId)?.fields.phone?.value).toBe('+441132460001');
  });
});

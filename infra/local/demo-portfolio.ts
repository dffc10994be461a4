/**
 * The demo portfolio `npm start` seeds: CRM records of a generic connection (customers,
 * orders, invoices, payments) that go the real way — POST /v1/crm/{connectionId}/records →
 * crm-ingest → aggregates → rating. Each customer follows a payment behaviour (a tier) that
 * the default policy grades from BB down to D; most tiers earn a limit, the late payers raise
 * alerts and the defaulter is frozen. Deterministic for a given `now` (no randomness).
 */
export const DEMO_CONNECTION_ID = 'demo-erp';

type Tier = 'excellent' | 'good' | 'fair' | 'watch' | 'late' | 'default';

interface DemoCustomer {
  id: string;
  name: string;
  country: 'CN' | 'DE' | 'US' | 'GB' | 'FR';
  city: string;
  tier: Tier;
  identifier?: { scheme: 'cn_uscc' | 'vat' | 'ein' | 'duns'; value: string };
}

/**
 * What each tier's own trade data looks like. Points of the default scorecard without bureau
 * data (base 260 + 110 for the missing bureau characteristics): excellent ≈ 610 (BB), good ≈ 585
 * (B), fair ≈ 550 (CCC), watch ≈ 525 (CC), late ≈ 500 (C, 30+ days past due: alert),
 * default ≥ 90 days past due (D, alert, limit frozen).
 */
const TIERS: Record<Tier, { orders: number; lastOrderDays: number; payDaysLate: number; paidInvoices: number; openShare: number; overdueDays?: number; overdueShare?: number }> = {
  excellent: { orders: 12, lastOrderDays: 6, payDaysLate: 0, paidInvoices: 2, openShare: 0.5 },
  good: { orders: 3, lastOrderDays: 40, payDaysLate: 3, paidInvoices: 2, openShare: 0.3 },
  fair: { orders: 2, lastOrderDays: 120, payDaysLate: 8, paidInvoices: 2, openShare: 0.05 },
  watch: { orders: 3, lastOrderDays: 45, payDaysLate: 9, paidInvoices: 2, openShare: 0.05, overdueDays: 12, overdueShare: 0.1 },
  late: { orders: 3, lastOrderDays: 10, payDaysLate: 9, paidInvoices: 2, openShare: 0.05, overdueDays: 38, overdueShare: 0.1 },
  default: { orders: 4, lastOrderDays: 100, payDaysLate: 20, paidInvoices: 2, openShare: 0.3, overdueDays: 95, overdueShare: 0.6 },
};

export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  { id: 'D001', name: '上海浦江国际贸易有限公司', country: 'CN', city: '上海', tier: 'excellent', identifier: { scheme: 'cn_uscc', value: '91310115MA1K3Y8R2G' } },
  { id: 'D002', name: '深圳前海科技发展有限公司', country: 'CN', city: '深圳', tier: 'good', identifier: { scheme: 'cn_uscc', value: '91440300MA5F0N2X1J' } },
  { id: 'D003', name: '杭州西湖电子商务有限公司', country: 'CN', city: '杭州', tier: 'excellent', identifier: { scheme: 'cn_uscc', value: '91330100MA27Y3QK54' } },
  { id: 'D004', name: '北京中关村软件股份有限公司', country: 'CN', city: '北京', tier: 'good' },
  { id: 'D005', name: '广州南沙物流有限公司', country: 'CN', city: '广州', tier: 'fair' },
  { id: 'D006', name: '成都天府食品有限公司', country: 'CN', city: '成都', tier: 'watch' },
  { id: 'D007', name: '苏州工业园精密机械有限公司', country: 'CN', city: '苏州', tier: 'late', identifier: { scheme: 'cn_uscc', value: '91320594MA1N8T7C25' } },
  { id: 'D008', name: '武汉光谷新材料有限公司', country: 'CN', city: '武汉', tier: 'good' },
  { id: 'D009', name: '宁波港联国际贸易有限公司', country: 'CN', city: '宁波', tier: 'default' },
  { id: 'D010', name: '青岛海湾化工有限公司', country: 'CN', city: '青岛', tier: 'fair' },
  { id: 'D011', name: 'Schwarzwald Präzisionstechnik GmbH', country: 'DE', city: 'Freiburg', tier: 'excellent', identifier: { scheme: 'vat', value: 'DE811907980' } },
  { id: 'D012', name: 'Nordlicht Logistik AG', country: 'DE', city: 'Hamburg', tier: 'good' },
  { id: 'D013', name: 'Bäckerei Sonnenschein KG', country: 'DE', city: 'München', tier: 'fair' },
  { id: 'D014', name: 'Rheinwerk Stahlhandel GmbH', country: 'DE', city: 'Düsseldorf', tier: 'watch' },
  { id: 'D015', name: 'Alpenblick Hotels GmbH', country: 'DE', city: 'Garmisch', tier: 'late' },
  { id: 'D016', name: 'Pacific Coast Produce Inc', country: 'US', city: 'Salinas', tier: 'excellent', identifier: { scheme: 'ein', value: '94-3012345' } },
  { id: 'D017', name: 'Blue Ridge Outfitters LLC', country: 'US', city: 'Asheville', tier: 'good' },
  { id: 'D018', name: 'Lakeside Medical Supply Co', country: 'US', city: 'Chicago', tier: 'good' },
  { id: 'D019', name: 'Harbor Freight Forwarding Inc', country: 'US', city: 'Oakland', tier: 'fair' },
  { id: 'D020', name: 'Mesa Solar Installations LLC', country: 'US', city: 'Phoenix', tier: 'watch' },
  { id: 'D021', name: 'Thames Valley Components Ltd', country: 'GB', city: 'Reading', tier: 'good', identifier: { scheme: 'vat', value: 'GB123456782' } },
  { id: 'D022', name: 'Highland Whisky Traders Ltd', country: 'GB', city: 'Inverness', tier: 'fair' },
  { id: 'D023', name: 'Ateliers Lumière SARL', country: 'FR', city: 'Lyon', tier: 'excellent', identifier: { scheme: 'vat', value: 'FR40303265045' } },
  { id: 'D024', name: 'Vignobles du Sud SAS', country: 'FR', city: 'Montpellier', tier: 'good' },
  { id: 'D025', name: 'Provence Emballages SA', country: 'FR', city: 'Marseille', tier: 'default' },
  { id: 'D026', name: '厦门鹭岛家居用品有限公司', country: 'CN', city: '厦门', tier: 'watch' },
  { id: 'D027', name: 'Elbe Chemie GmbH', country: 'DE', city: 'Dresden', tier: 'good' },
  { id: 'D028', name: 'Great Lakes Paper Corp', country: 'US', city: 'Detroit', tier: 'fair' },
];

const CURRENCY: Record<DemoCustomer['country'], string> = { CN: 'CNY', DE: 'EUR', FR: 'EUR', US: 'USD', GB: 'GBP' };
const DAY = 86_400_000;
/** Monthly order size in minor units, varied per customer so the portfolio is not uniform. */
const orderSize = (index: number, currency: string): number => (currency === 'CNY' ? 7 : 1) * (8_000 + ((index * 7919) % 23) * 1_500) * 100;

export type DemoRecord = Record<string, unknown> & { objectType: 'customer' | 'order' | 'invoice' | 'payment' };

/** The records of the demo portfolio, customers first, then orders and invoices, then payments (each payment after its invoice). */
export const demoPortfolioRecords = (now: Date, connectionId = DEMO_CONNECTION_ID): { first: DemoRecord[]; payments: DemoRecord[] } => {
  const iso = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();
  const base = { crm: 'generic', connectionId, modifiedAt: iso(0) };
  const first: DemoRecord[] = [];
  const payments: DemoRecord[] = [];
  DEMO_CUSTOMERS.forEach((c, index) => {
    const tier = TIERS[c.tier];
    const currency = CURRENCY[c.country];
    const size = orderSize(index, currency);
    const money = (amountMinor: number) => ({ amountMinor, currency });
    first.push({ ...base, objectType: 'customer', externalId: c.id, kind: 'business', fields: { legalName: c.name, country: c.country, city: c.city }, identifiers: c.identifier ? [c.identifier] : [] });
    for (let i = 0; i < tier.orders; i++) {
      const daysAgo = tier.lastOrderDays + i * Math.floor(300 / Math.max(1, tier.orders));
      first.push({ ...base, objectType: 'order', externalId: `${c.id}-O${i + 1}`, customerExternalId: c.id, orderedAt: iso(daysAgo), amount: money(size), status: 'placed' });
    }
    // Paid invoices, each paid `payDaysLate` days after its due date.
    for (let i = 0; i < tier.paidInvoices; i++) {
      const issued = 200 - i * 40;
      const due = issued - 30;
      first.push({ ...base, objectType: 'invoice', externalId: `${c.id}-I${i + 1}`, customerExternalId: c.id, issuedAt: iso(issued), dueAt: iso(due), amount: money(size), open: money(0), status: 'paid' });
      payments.push({ ...base, objectType: 'payment', externalId: `${c.id}-P${i + 1}`, customerExternalId: c.id, invoiceExternalId: `${c.id}-I${i + 1}`, paidAt: iso(due - tier.payDaysLate), amount: money(size), kind: 'payment' });
    }
    // One current invoice not yet due (its size leaves the lower tiers room under their limit), and for the late tiers one overdue invoice.
    const current = Math.round(size * tier.openShare);
    first.push({ ...base, objectType: 'invoice', externalId: `${c.id}-I-open`, customerExternalId: c.id, issuedAt: iso(5), dueAt: iso(-25), amount: money(current), open: money(current), status: 'open' });
    if (tier.overdueDays !== undefined && tier.overdueShare !== undefined) {
      const overdue = Math.max(100, Math.round((current * tier.overdueShare) / (1 - tier.overdueShare)));
      first.push({ ...base, objectType: 'invoice', externalId: `${c.id}-I-late`, customerExternalId: c.id, issuedAt: iso(tier.overdueDays + 30), dueAt: iso(tier.overdueDays), amount: money(overdue), open: money(overdue), status: 'open' });
    }
  });
  return { first, payments };
};

/** The hub's customer id of a demo customer (ingested through the generic connection). */
export const demoCustomerId = (externalId: string, connectionId = DEMO_CONNECTION_ID): string => `c:crm:generic:${connectionId}:${externalId}`;

type Api = (method: string, path: string, body?: unknown) => Promise<{ status: number; json: any }>;

/**
 * Seeds the demo portfolio through the hub's API: the generic connection, then the records in
 * one go — customers, orders and invoices first, payments last (a payment's lateness is measured
 * against its invoice's due date, so it should arrive after it). Returns once they are queued;
 * the hub ingests and rates them over the next seconds. `customers` seeds only the first N.
 */
export const seedDemoPortfolio = async (api: Api, now = new Date(), options: { customers?: number } = {}): Promise<{ customers: number; records: number }> => {
  const put = await api('PUT', `/v1/crm/connections/${DEMO_CONNECTION_ID}`, { crm: 'generic', objects: {} });
  if (put.status >= 300) throw new Error(`seeding connection ${DEMO_CONNECTION_ID} failed: ${put.status} ${JSON.stringify(put.json)}`);
  const keep = new Set(DEMO_CUSTOMERS.slice(0, options.customers ?? DEMO_CUSTOMERS.length).map((c) => c.id));
  const { first, payments } = demoPortfolioRecords(now);
  const records = [...first, ...payments].filter((r) => keep.has(String(r['customerExternalId'] ?? r['externalId'])));
  for (let i = 0; i < records.length; i += 500) {
    const res = await api('POST', `/v1/crm/${DEMO_CONNECTION_ID}/records`, { records: records.slice(i, i + 500) });
    if (res.status !== 202) throw new Error(`seeding demo records failed: ${res.status} ${JSON.stringify(res.json)}`);
  }
  return { customers: keep.size, records: records.length };
};

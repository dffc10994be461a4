/**
 * RFM segment counts of Online Retail II as the product computes them, beside the reference of
 * issue 16 and an independent computation from the raw file (the classic pandas recipe).
 *
 *   npx tsx scripts/rfm-reference.ts                          # product path in process (import mapping → aggregates → fit)
 *   npx tsx scripts/rfm-reference.ts --hub http://127.0.0.1:3000 --key $RB_KEY
 *                                                              # product path in a running hub: GET /v1/rfm/fit
 *                                                              # after `npm run import -- --file … --as-of auto`
 *
 * The independent computation shares no code with the product: lines without a customer, cancelled
 * invoices (`C…`) and lines with quantity or price ≤ 0 are dropped; recency is whole days from the
 * last invoice to the day after the file's last invoice; frequency is distinct invoices; R is the
 * value quintile of recency (`pd.qcut(recency, 5, labels=[5,4,3,2,1])`), F the quintile of the
 * frequency rank with ties in customer-id order (`pd.qcut(freq.rank(method='first'), 5)`), and the
 * segment follows the standard R×F map (docs/rfm.md). Exit code 1 when a product count is off the
 * reference by more than 2 %.
 */
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { z } from 'zod';
import { onlineRetailIiMapping } from '../shared/domain/crm/bulk-import/column-mapping.js';
import { createRowMapper } from '../shared/domain/crm/bulk-import/row-mapper.js';
import type { CrmOrderRecord } from '../shared/domain/crm/crm-record.js';
import { applyOrder } from '../shared/domain/profile/aggregate-updates.js';
import { newProfile, type CustomerProfile } from '../shared/domain/profile/customer-profile.js';
import { fitRfm, resolveAsOf, rfmObservation, RfmFitSchema } from '../shared/domain/rating/rfm.js';
import { datasetPath } from '../test/support/datasets.js';

/** Issue 16: an independent RFM of the file as of the day after the last invoice. */
export const ISSUE_REFERENCE: Record<string, number> = {
  Hibernating: 1015,
  Loyal: 742,
  Champions: 663,
  'At Risk': 611,
  'Potential Loyalist': 517,
  'About to Sleep': 343,
  'Need Attention': 207,
  Promising: 87,
  "Can't Lose": 77,
  New: 50,
};

const FILE = 'online-retail-ii-2009-2010.csv.gz';
const DAY = 86_400_000;

const rows = (file: string): AsyncIterable<Record<string, string>> =>
  createReadStream(file).pipe(createGunzip()).pipe(parse({ columns: true, bom: true, relax_quotes: true, trim: true }));

/** Independent computation from the raw file (see the header). */
const independent = async (file: string): Promise<{ asOf: Date; counts: Record<string, number>; customers: number }> => {
  const invoices = new Map<string, Set<string>>();
  const last = new Map<string, number>();
  for await (const row of rows(file)) {
    const customer = row['Customer ID'] ?? '';
    const invoice = row['Invoice'] ?? '';
    if (customer === '' || invoice.startsWith('C') || !(Number(row['Quantity']) > 0) || !(Number(row['Price']) > 0)) continue;
    const at = Date.parse(`${(row['InvoiceDate'] ?? '').replace(' ', 'T')}Z`);
    (invoices.get(customer) ?? invoices.set(customer, new Set()).get(customer)!).add(invoice);
    last.set(customer, Math.max(last.get(customer) ?? -Infinity, at));
  }
  const latest = new Date(Math.max(...last.values()));
  const asOf = new Date(Date.UTC(latest.getUTCFullYear(), latest.getUTCMonth(), latest.getUTCDate() + 1));
  const ids = [...invoices.keys()].sort((a, b) => Number(a) - Number(b));
  const recency = ids.map((id) => Math.floor((asOf.getTime() - last.get(id)!) / DAY));
  const frequency = ids.map((id) => invoices.get(id)!.size);
  // qcut on values: bin edges at the linear-interpolated quintiles, right-closed.
  const sortedR = [...recency].sort((a, b) => a - b);
  const q = (s: number[], p: number): number => {
    const h = (s.length - 1) * p;
    return s[Math.floor(h)]! + (h - Math.floor(h)) * (s[Math.ceil(h)]! - s[Math.floor(h)]!);
  };
  const rEdges = [0.2, 0.4, 0.6, 0.8].map((p) => q(sortedR, p));
  // rank(method='first'): ties in order of appearance, i.e. ascending customer id.
  const order = ids.map((_, i) => i).sort((a, b) => frequency[a]! - frequency[b]! || Number(ids[a]) - Number(ids[b]));
  const rank = new Array<number>(ids.length);
  order.forEach((i, r) => (rank[i] = r + 1));
  const fEdges = [0.2, 0.4, 0.6, 0.8].map((p) => 1 + p * (ids.length - 1));
  const counts: Record<string, number> = {};
  ids.forEach((_, i) => {
    const r = 5 - rEdges.filter((e) => recency[i]! > e).length;
    const f = 1 + fEdges.filter((e) => rank[i]! > e).length;
    const rf = `${r}${f}`;
    const segment = /^[12][12]$/.test(rf)
      ? 'Hibernating'
      : /^[12][34]$/.test(rf)
        ? 'At Risk'
        : /^[12]5$/.test(rf)
          ? "Can't Lose"
          : /^3[12]$/.test(rf)
            ? 'About to Sleep'
            : rf === '33'
              ? 'Need Attention'
              : /^[34][45]$/.test(rf)
                ? 'Loyal'
                : rf === '41'
                  ? 'Promising'
                  : rf === '51'
                    ? 'New'
                    : /^[45][23]$/.test(rf)
                      ? 'Potential Loyalist'
                      : 'Champions';
    counts[segment] = (counts[segment] ?? 0) + 1;
  });
  return { asOf, counts, customers: ids.length };
};

/** The product path in process: the bulk import's row mapper and the ingest worker's order aggregates, then the fit. */
const productInProcess = async (file: string) => {
  const mapping = onlineRetailIiMapping();
  const mapper = createRowMapper(mapping);
  const profiles = new Map<string, CustomerProfile>();
  const orders = new Map<string, CrmOrderRecord>();
  const apply = (items: ReturnType<typeof mapper.map>): void => {
    for (const item of items) {
      if (!('record' in item) || item.record.objectType !== 'order') continue;
      const rec = item.record;
      const id = `c:crm:${rec.crm}:${rec.connectionId}:${rec.customerExternalId}`;
      const profile = profiles.get(id) ?? newProfile(id, 'business', new Date(0));
      const key = `${id}|${rec.externalId}`;
      profile.aggregates = applyOrder(profile.aggregates, orders.get(key), rec);
      orders.set(key, rec);
      profiles.set(id, profile);
    }
  };
  let line = 1;
  for await (const row of rows(file)) apply(mapper.map(row, ++line));
  apply(mapper.flush());
  const all = [...profiles.values()];
  const asOf = resolveAsOf('auto', all.flatMap((p) => (p.aggregates.orders.lastOrderAt ? [p.aggregates.orders.lastOrderAt] : [])))!;
  return fitRfm(all.flatMap((p) => rfmObservation(p, asOf) ?? []), { asOf, fittedAt: new Date() });
};

const productFromHub = async (url: string, key: string) => {
  const res = await fetch(new URL('/v1/rfm/fit', url), { headers: { authorization: `Bearer ${key}` }, signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`GET /v1/rfm/fit: HTTP ${res.status} ${await res.text()}`);
  return z.object({ fit: RfmFitSchema }).parse(await res.json()).fit;
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({ options: { hub: { type: 'string' }, key: { type: 'string', default: process.env['RB_KEY'] }, file: { type: 'string', default: datasetPath(FILE) } } });
  const [ref, product] = await Promise.all([
    independent(values.file),
    values.hub ? productFromHub(values.hub, values.key ?? '') : productInProcess(values.file),
  ]);
  console.log(`as of: independent ${ref.asOf.toISOString().slice(0, 10)}, product ${product.asOf.slice(0, 10)} (${values.hub ? `hub ${values.hub}` : 'in process'})`);
  console.log(`customers: independent ${ref.customers}, product ${product.customers}\n`);
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`${'segment'.padEnd(20)}${pad('issue', 7)}${pad('independent', 13)}${pad('product', 9)}${pad('Δ vs issue', 12)}  within 2 %`);
  let ok = true;
  for (const [segment, expected] of Object.entries(ISSUE_REFERENCE)) {
    const got = product.segmentCounts[segment] ?? 0;
    const delta = (got - expected) / expected;
    const within = Math.abs(delta) <= 0.02;
    ok &&= within;
    console.log(`${segment.padEnd(20)}${pad(expected, 7)}${pad(ref.counts[segment] ?? 0, 13)}${pad(got, 9)}${pad(`${(delta * 100).toFixed(1)} %`, 12)}  ${within ? 'yes' : 'NO'}`);
  }
  const extra = Object.keys(product.segmentCounts).filter((s) => !(s in ISSUE_REFERENCE));
  if (extra.length > 0) console.log(`segments not in the reference: ${extra.map((s) => `${s} ${product.segmentCounts[s]}`).join(', ')}`);
  process.exitCode = ok ? 0 : 1;
};

await main();

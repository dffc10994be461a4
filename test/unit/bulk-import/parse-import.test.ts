import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parseImport, type ImportItem, type ImportProgress } from '../../../shared/domain/crm/bulk-import/parse-import.js';
import { onlineRetailIiMapping } from '../../../shared/domain/crm/bulk-import/column-mapping.js';
import { applyOrder, supersedes } from '../../../shared/domain/profile/aggregate-updates.js';
import { emptyAggregates } from '../../../shared/domain/profile/aggregates.js';
import type { CrmOrderRecord, CrmRecord } from '../../../shared/domain/crm/crm-record.js';
import { datasetPath } from '../../support/datasets.js';

// Rows in the shape of the UCI "Online Retail II" file (Chen, 2019): same header, quoting and
// date format as ../shared/datasets/online-retail-ii-2009-2010.csv.gz; values synthetic.
const HEADER = 'Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country';

async function* chunks(text: string, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}
const collect = async (iter: AsyncIterable<ImportItem>) => {
  const records: CrmRecord[] = [];
  const errors: { line: number; reason: string }[] = [];
  for await (const item of iter) 'record' in item ? records.push(item.record) : errors.push(item.error);
  return { records, errors, orders: records.filter((r): r is CrmOrderRecord => r.objectType === 'order') };
};

describe('parseImport', () => {
  it('groups invoice lines into one GBP order, handling BOM, CRLF and quoted fields', async () => {
    const csv = `\uFEFF${HEADER}\r\n` +
      '489434,85048,15CM CHRISTMAS GLASS BALL 20 LIGHTS,12,2009-12-01 07:45:00,6.95,13085,United Kingdom\r\n' +
      '489434,22041,"RECORD FRAME 7"" SINGLE SIZE ",48,2009-12-01 07:45:00,2.1,13085,United Kingdom\r\n' +
      '489435,22349,"DOG BOWL , CHASING\r\nBALL DESIGN",12,2009-12-01 07:46:00,3.75,13085,United Kingdom\r\n';
    const { records, errors, orders } = await collect(parseImport(chunks(csv), { format: 'csv', mapping: onlineRetailIiMapping() }));
    expect(errors).toEqual([]);
    expect(records[0]).toMatchObject({ objectType: 'customer', externalId: '13085', fields: { country: 'GB' } });
    expect(orders).toEqual([
      expect.objectContaining({ externalId: '489434', customerExternalId: '13085', orderedAt: '2009-12-01T07:45:00.000Z', amount: { amountMinor: 12 * 695 + 48 * 210, currency: 'GBP' }, status: 'placed' }),
      expect.objectContaining({ externalId: '489435', amount: { amountMinor: 4500, currency: 'GBP' } }),
    ]);
  });

  it('turns C-invoices into cancelled negative orders and reports rows without a customer id', async () => {
    const csv = `${HEADER}\n` +
      'C489449,22087,PAPER BUNTING WHITE LACE,-12,2009-12-01 10:33:00,2.95,16321,Australia\n' +
      '489464,21733,85123a mixed,-96,2009-12-01 10:52:00,0,,United Kingdom\n' +
      'A506401,B,Adjust bad debt,1,2010-04-29 13:36:00,-53594.36,,United Kingdom\n';
    const { orders, errors } = await collect(parseImport(chunks(csv), { format: 'csv', mapping: onlineRetailIiMapping() }));
    expect(orders).toEqual([expect.objectContaining({ externalId: 'C489449', status: 'cancelled', amount: { amountMinor: -3540, currency: 'GBP' } })]);
    expect(errors).toEqual([
      { line: 3, reason: 'missing Customer ID' },
      { line: 4, reason: 'missing Customer ID' },
    ]);
  });

  it('emits a non-contiguous invoice as a cumulative update that the delta aggregates apply once', async () => {
    const csv = `${HEADER}\n` +
      '1,a,x,1,2010-01-01 10:00:00,10,500,UK\n' +
      '2,a,x,1,2010-01-01 11:00:00,3,501,UK\n' +
      '1,b,y,2,2010-01-01 10:00:00,1,500,UK\n';
    const { orders } = await collect(parseImport(chunks(csv), { format: 'csv', mapping: onlineRetailIiMapping() }));
    expect(orders.filter((o) => o.externalId === '1').map((o) => o.amount.amountMinor)).toEqual([1000, 1200]);
    const stored = new Map<string, CrmOrderRecord>();
    let agg = emptyAggregates();
    for (const o of orders.filter((x) => x.customerExternalId === '500')) {
      agg = applyOrder(agg, stored.get(o.externalId), o);
      if (supersedes(stored.get(o.externalId), o)) stored.set(o.externalId, o);
    }
    expect(agg.orders).toMatchObject({ count: 1, grossMinor: 1200 });
  });

  it('reads NDJSON with a generic mapping, reporting bad lines and progress', async () => {
    const ndjson = [
      JSON.stringify({ id: 'c1', name: 'Acme Ltd', vat: 'DE136695976', country: 'DE' }),
      '{not json',
      '[1,2]',
      '',
      JSON.stringify({ id: 'c2', name: 'Beta GmbH' }),
      JSON.stringify({ name: 'no id' }),
    ].join('\r\n');
    const progress: ImportProgress[] = [];
    const { records, errors } = await collect(
      parseImport(chunks(ndjson, 5), {
        format: 'ndjson',
        mapping: { name: 'crm-export', connectionId: 'x1', currency: 'EUR', customer: { externalId: 'id', fields: { legalName: 'name', country: 'country' }, identifiers: { vat: 'vat' } } },
        onProgress: (p) => progress.push(p),
        progressEvery: 2,
      }),
    );
    expect(records.map((r) => r.externalId)).toEqual(['c1', 'c2']);
    expect(records[0]).toMatchObject({ fields: { legalName: 'Acme Ltd', country: 'DE' }, identifiers: [{ scheme: 'vat', value: 'DE136695976' }] });
    expect(errors).toEqual([
      { line: 2, reason: 'not valid JSON' },
      { line: 3, reason: 'not a JSON object' },
      { line: 6, reason: 'missing id' },
    ]);
    expect(progress.at(-1)).toEqual({ rowsRead: 3, recordsEmitted: 2, errors: 3 });
  });

  it('maps custom attribute columns of an import to the record attributes (checked against declarations on ingest)', async () => {
    const ndjson = [JSON.stringify({ id: 'c1', name: 'Acme Ltd', tier: 'gold', staff: '12' }), JSON.stringify({ id: 'c2', name: 'Beta GmbH' })].join('\n');
    const { records } = await collect(
      parseImport(chunks(ndjson, 7), {
        format: 'ndjson',
        mapping: { name: 'crm-export', connectionId: 'x1', currency: 'EUR', customer: { externalId: 'id', fields: { legalName: 'name' }, custom: { riskTier: 'tier', employees: 'staff' } } },
      }),
    );
    expect(records[0]).toMatchObject({ externalId: 'c1', attributes: { riskTier: 'gold', employees: '12' } });
    expect(records[1]).not.toHaveProperty('attributes');
  });

  it('reads the real Online Retail II file as a stream (first records)', async () => {
    const items = parseImport(createReadStream(datasetPath('online-retail-ii-2009-2010.csv.gz')).pipe(createGunzip()), { format: 'csv', mapping: onlineRetailIiMapping() });
    const first: CrmRecord[] = [];
    for await (const item of items) {
      if ('record' in item) first.push(item.record);
      if (first.length >= 3) break;
    }
    expect(first[0]).toMatchObject({ objectType: 'customer', externalId: '13085' });
    expect(first[1]).toMatchObject({ objectType: 'order', externalId: '489434', amount: { amountMinor: 50_530, currency: 'GBP' } });
  });

  it('sums any quoted CSV content exactly (property)', async () => {
    const line = fc.record({
      invoice: fc.constantFrom('100', '101', 'C102'),
      description: fc.string({ maxLength: 12 }).map((s) => s.replace(/\r|\n/g, ' ')),
      quantity: fc.integer({ min: 1, max: 500 }),
      pricePence: fc.integer({ min: 0, max: 100_000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 20 }), async (lines) => {
        const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
        const csv = [HEADER, ...lines.map((l) => [l.invoice, 'X', quote(l.description), l.invoice.startsWith('C') ? -l.quantity : l.quantity, '2010-01-01 10:00:00', (l.pricePence / 100).toFixed(2), '12345', 'UK'].join(','))].join('\r\n');
        const { orders, errors } = await collect(parseImport(chunks(csv, 13), { format: 'csv', mapping: onlineRetailIiMapping() }));
        expect(errors).toEqual([]);
        const finals = new Map(orders.map((o) => [o.externalId, o.amount.amountMinor]));
        const expected = new Map<string, number>();
        for (const l of lines) expected.set(l.invoice, (expected.get(l.invoice) ?? 0) + (l.invoice.startsWith('C') ? -1 : 1) * l.quantity * l.pricePence);
        expect(finals).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});

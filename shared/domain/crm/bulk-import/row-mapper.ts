import { toMinorUnits } from '../../money.js';
import { CrmRecordSchema, type CrmCustomerRecord, type CrmOrderRecord, type CrmRecord } from '../crm-record.js';
import type { ColumnMapping } from './column-mapping.js';

/** One result of an import: a canonical record, or a row that could not be used and why. */
export type ImportItem = { record: CrmRecord } | { error: { line: number; reason: string } };

/** Upper bound of orders remembered to recognise an order id that re-appears later in the file. */
export const REMEMBERED_ORDERS = 200_000;

type Row = Record<string, unknown>;

const text = (row: Row, column: string | undefined): string | undefined => {
  if (column === undefined) return undefined;
  const v = row[column];
  if (v === undefined || v === null) return undefined;
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  return s === '' ? undefined : s;
};

/** Reads `2009-12-01 07:45:00`, `2009-12-01T07:45:00Z`, `2009-12-01` (UTC when no offset) as ISO 8601. */
export const toIsoTimestamp = (value: string | undefined): string | undefined => {
  if (!value) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (!m) return undefined;
  const time = m[2] ? (m[2].length === 5 ? `${m[2]}:00` : m[2]) : '00:00:00';
  const date = new Date(`${m[1]}T${time}${m[3] ?? 'Z'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

interface OpenOrder {
  id: string;
  customer: string;
  orderedAt: string;
  currency: string;
  amountMinor: number;
  line: number;
}

/**
 * Stateful mapper from rows to canonical records. Rows are fed in file order; `flush` emits the
 * order still being grouped. Grouping assumes the lines of one order are contiguous; when an
 * order id re-appears later, a new version of the same order is emitted with the cumulative
 * amount and a modifiedAt 1 ms later per re-appearance, which the delta aggregates apply as an
 * update (remembered for up to REMEMBERED_ORDERS orders, oldest forgotten first).
 * A customer record is emitted the first time a customer id is seen and whenever its mapped
 * fields change. Every record is validated with CrmRecordSchema before it is emitted.
 */
export const createRowMapper = (mapping: ColumnMapping) => {
  let open: OpenOrder | undefined;
  const emittedOrders = new Map<string, { amountMinor: number; parts: number }>();
  const customers = new Map<string, string>();

  const validated = (record: unknown, line: number): ImportItem => {
    const parsed = CrmRecordSchema.safeParse(record);
    if (parsed.success) return { record: parsed.data };
    const issue = parsed.error.issues[0];
    return { error: { line, reason: `invalid record: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim() } };
  };

  const finishOrder = (o: OpenOrder): ImportItem => {
    const seen = emittedOrders.get(o.id);
    const amountMinor = (seen?.amountMinor ?? 0) + o.amountMinor;
    const parts = (seen?.parts ?? 0) + 1;
    emittedOrders.delete(o.id);
    emittedOrders.set(o.id, { amountMinor, parts });
    if (emittedOrders.size > REMEMBERED_ORDERS) emittedOrders.delete(emittedOrders.keys().next().value as string);
    const cancelled = mapping.order?.cancelledPrefix !== undefined && o.id.startsWith(mapping.order.cancelledPrefix);
    const record: CrmOrderRecord = {
      crm: mapping.crm,
      connectionId: mapping.connectionId,
      externalId: o.id,
      modifiedAt: new Date(Date.parse(o.orderedAt) + parts - 1).toISOString(),
      deleted: false,
      objectType: 'order',
      customerExternalId: o.customer,
      orderedAt: o.orderedAt,
      amount: { amountMinor, currency: o.currency },
      status: cancelled || amountMinor < 0 ? 'cancelled' : 'placed',
    };
    return validated(record, o.line);
  };

  const customerItem = (row: Row, line: number): ImportItem | undefined => {
    const c = mapping.customer;
    if (!c) return undefined;
    const externalId = text(row, c.externalId);
    if (!externalId) return undefined; // reported by the order part, or a row without a customer
    const fields = Object.fromEntries(
      Object.entries(c.fields).flatMap(([field, column]) => {
        const v = text(row, column);
        return v === undefined ? [] : [[field, v]];
      }),
    );
    const identifiers = Object.entries(c.identifiers).flatMap(([scheme, column]) => {
      const v = text(row, column);
      return v === undefined ? [] : [{ scheme, value: v }];
    });
    const attributes = Object.fromEntries(
      Object.entries(c.custom ?? {}).flatMap(([name, column]) => {
        const v = text(row, column);
        return v === undefined ? [] : [[name, v]];
      }),
    );
    const signature = JSON.stringify([fields, identifiers, attributes]);
    if (customers.get(externalId) === signature) return undefined;
    customers.set(externalId, signature);
    const modifiedAt = toIsoTimestamp(text(row, c.modifiedAt)) ?? new Date(0).toISOString();
    const record: Omit<CrmCustomerRecord, 'identifiers'> & { identifiers: unknown } = {
      crm: mapping.crm, connectionId: mapping.connectionId, externalId, modifiedAt, deleted: false,
      objectType: 'customer', kind: c.kind, fields, identifiers, custom: {},
      ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    };
    return validated(record, line);
  };

  /** Maps one row (1-based physical `line` of its last line in the file). */
  const map = (row: Row, line: number): ImportItem[] => {
    const out: ImportItem[] = [];
    const o = mapping.order;
    if (o) {
      const id = text(row, o.externalId);
      const customer = text(row, o.customerExternalId);
      const orderedAt = toIsoTimestamp(text(row, o.orderedAt));
      const currency = text(row, mapping.currencyColumn)?.toUpperCase() ?? mapping.currency;
      let amountMinor: number | undefined;
      if (o.amount) amountMinor = toMinorUnits(text(row, o.amount), currency);
      else {
        const qty = Number(text(row, o.quantity));
        const price = text(row, o.unitPrice);
        amountMinor = Number.isFinite(qty) && price !== undefined ? toMinorUnits((qty * Number(price)).toFixed(6), currency) : undefined;
      }
      const reason = !id ? `missing ${o.externalId}` : !customer ? `missing ${o.customerExternalId}` : !orderedAt ? `invalid ${o.orderedAt}` : amountMinor === undefined ? 'invalid amount' : undefined;
      if (reason) return [{ error: { line, reason } }];
      const customerRecord = customerItem(row, line);
      if (customerRecord) out.push(customerRecord);
      if (open && (!o.groupLines || open.id !== id || open.customer !== customer || open.currency !== currency)) {
        out.push(finishOrder(open));
        open = undefined;
      }
      if (open) open.amountMinor += amountMinor as number;
      else open = { id: id as string, customer: customer as string, orderedAt: orderedAt as string, currency, amountMinor: amountMinor as number, line };
      return out;
    }
    const customerRecord = customerItem(row, line);
    if (customerRecord) out.push(customerRecord);
    else if (mapping.customer && !text(row, mapping.customer.externalId)) out.push({ error: { line, reason: `missing ${mapping.customer.externalId}` } });
    return out;
  };

  const flush = (): ImportItem[] => {
    if (!open) return [];
    const item = finishOrder(open);
    open = undefined;
    return [item];
  };

  return { map, flush };
};

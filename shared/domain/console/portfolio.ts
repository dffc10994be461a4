import { z } from 'zod';
import type { CustomerProfile } from '../profile/customer-profile.js';

/** A search text: trimmed, 1–100 characters, any script (names may be Chinese). */
export const SearchTextSchema = z.string().trim().min(1).max(100).describe('Part of a name (any script, case-insensitive), a customer id or an identifier value');

/** Query of the portfolio list (`GET /v1/customers`): an opaque cursor, a page size and an optional grade. */
export const PortfolioQuerySchema = z.strictObject({
  cursor: z.string().min(1).max(2048).regex(/^[A-Za-z0-9_-]+$/, 'a cursor returned by a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  grade: z.string().regex(/^[A-Za-z0-9+-]{1,8}$/, 'a grade such as AA or B+').optional(),
  q: SearchTextSchema.optional(),
});
export type PortfolioQuery = z.infer<typeof PortfolioQuerySchema>;

/**
 * Port: one page of active golden profiles. A page may hold fewer than `limit` profiles (the
 * listing stops after a bounded amount of work); the caller follows `cursor` until it is absent.
 * A cursor the listing cannot read raises a ValidationError on `cursor`.
 */
export interface CustomerListing {
  page(query: { limit: number; cursor?: string; grade?: string }): Promise<{ profiles: CustomerProfile[]; cursor?: string }>;
}

/** One portfolio row: what the risk console's table shows, nothing personal beyond the name. */
export const PortfolioRowSchema = z.object({
  customerId: z.string(),
  kind: z.enum(['business', 'consumer']),
  name: z.string().optional(),
  country: z.string().optional(),
  ratingStatus: z.enum(['rated', 'insufficient_data']).optional(),
  grade: z.string().optional(),
  pd: z.number().optional(),
  score: z.number().optional(),
  segment: z.string().optional(),
  limit: z.object({ amountMinor: z.number().int(), currency: z.string() }).optional(),
  exposure: z.object({ amountMinor: z.number().int(), currency: z.string() }).optional().describe('Open invoices (minor units), once the customer has any'),
  policyVersion: z.number().int().optional(),
  ratedAt: z.string().optional(),
  frozen: z.boolean(),
  updatedAt: z.string(),
});
export type PortfolioRow = z.infer<typeof PortfolioRowSchema>;

const text = (value: string | number | boolean | undefined): string | undefined => (value === undefined ? undefined : String(value));

export const toPortfolioRow = (profile: CustomerProfile): PortfolioRow => {
  const { rating } = profile;
  const row: PortfolioRow = { customerId: profile.customerId, kind: profile.kind, frozen: profile.freeze !== undefined, updatedAt: profile.updatedAt };
  const name = text(profile.fields.legalName?.value ?? profile.fields.tradingName?.value);
  const country = text(profile.fields.country?.value);
  if (name !== undefined) row.name = name;
  if (country !== undefined) row.country = country;
  const { currency, exposure } = profile.aggregates;
  if (currency && exposure.openInvoiceCount > 0) row.exposure = { amountMinor: exposure.openMinor, currency };
  if (rating) {
    row.ratingStatus = rating.status;
    row.policyVersion = rating.policyVersion;
    row.ratedAt = rating.ratedAt;
    if (rating.grade !== undefined) row.grade = rating.grade;
    if (rating.pd !== undefined) row.pd = rating.pd;
    if (rating.score !== undefined) row.score = rating.score;
    if (rating.rfm) row.segment = rating.rfm.segment;
    if (rating.limit) row.limit = rating.limit.recommended;
  }
  return row;
};

const folded = (text: string): string => text.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ');

/**
 * Whether a profile matches a search text: part of its legal or trading name (any script,
 * case- and width-insensitive), its customer id, or an identifier value (spaces ignored).
 * @example matchesSearch(profile, '华信') // true for 上海华信贸易有限公司
 */
export const matchesSearch = (profile: CustomerProfile, q: string): boolean => {
  const needle = folded(q.trim());
  const compact = needle.replace(/ /g, '');
  const names = [profile.fields.legalName?.value, profile.fields.tradingName?.value].filter((v) => v !== undefined).map((v) => folded(String(v)));
  return (
    names.some((name) => name.includes(needle)) ||
    folded(profile.customerId).includes(needle) ||
    profile.identifiers.some((id) => folded(id.value).replace(/ /g, '').includes(compact))
  );
};

/**
 * The portfolio view of the risk console: pages of active customers with grade, PD, limit,
 * segment and freeze flag, optionally of one grade, optionally matching a search text (`q`, see matchesSearch).
 * `visible` keeps only the customers the caller may see (a CRM key: those linked to its connection). A page may then
 * come back short or empty with a cursor: the caller follows it.
 * @example await listPortfolio({ customers })({ limit: 50, grade: 'BB' }) // { customers: [...], cursor: 'eyJ…' }
 */
export const listPortfolio = ({ customers }: { customers: CustomerListing }) => async (query: PortfolioQuery, visible: (profile: CustomerProfile) => boolean = () => true): Promise<{ customers: PortfolioRow[]; cursor?: string }> => {
  const page = await customers.page(query);
  const { q } = query;
  const profiles = page.profiles.filter((profile) => visible(profile) && (q === undefined || matchesSearch(profile, q)));
  return { customers: profiles.map(toPortfolioRow), ...(page.cursor ? { cursor: page.cursor } : {}) };
};

import { z } from 'zod';
import type { CustomerProfile } from '../profile/customer-profile.js';
import type { DatasetRow, DatasetValue } from './redact.js';

/** Datasets a data-sharing agreement may cover. Each is a projection of golden profiles into flat rows. */
export const DatasetIdSchema = z.enum(['portfolio_ratings', 'customer_profiles']);
export type DatasetId = z.infer<typeof DatasetIdSchema>;

const field = (profile: CustomerProfile, name: keyof CustomerProfile['fields']): DatasetValue => {
  const value = profile.fields[name]?.value;
  return value === undefined ? null : value;
};

const identifier = (profile: CustomerProfile, scheme: string): DatasetValue => profile.identifiers.find((i) => i.scheme === scheme)?.value ?? null;

/** Row builders: field path → value. Agreements may only name these paths. */
const builders: Record<DatasetId, Record<string, (p: CustomerProfile) => DatasetValue>> = {
  customer_profiles: {
    customerId: (p) => p.customerId,
    kind: (p) => p.kind,
    status: (p) => p.status,
    'fields.legalName': (p) => field(p, 'legalName'),
    'fields.tradingName': (p) => field(p, 'tradingName'),
    'fields.email': (p) => field(p, 'email'),
    'fields.phone': (p) => field(p, 'phone'),
    'fields.country': (p) => field(p, 'country'),
    'fields.city': (p) => field(p, 'city'),
    'fields.postalCode': (p) => field(p, 'postalCode'),
    'fields.industry': (p) => field(p, 'industry'),
    'identifiers.vat': (p) => identifier(p, 'vat'),
    'identifiers.lei': (p) => identifier(p, 'lei'),
    'identifiers.duns': (p) => identifier(p, 'duns'),
    'identifiers.cn_uscc': (p) => identifier(p, 'cn_uscc'),
    createdAt: (p) => p.createdAt,
    updatedAt: (p) => p.updatedAt,
  },
  portfolio_ratings: {
    customerId: (p) => p.customerId,
    kind: (p) => p.kind,
    'fields.country': (p) => field(p, 'country'),
    'fields.industry': (p) => field(p, 'industry'),
    'rating.status': (p) => p.rating?.status ?? null,
    'rating.grade': (p) => p.rating?.grade ?? null,
    'rating.score': (p) => p.rating?.score ?? null,
    'rating.pd': (p) => p.rating?.pd ?? null,
    'rating.policyVersion': (p) => p.rating?.policyVersion ?? null,
    'rating.ratedAt': (p) => p.rating?.ratedAt ?? null,
    'limit.recommendedMinor': (p) => p.rating?.limit?.recommended.amountMinor ?? null,
    'limit.currency': (p) => p.rating?.limit?.recommended.currency ?? null,
    'exposure.openMinor': (p) => p.aggregates.exposure.openMinor,
    'exposure.overdueMinor': (p) => p.aggregates.exposure.overdueMinor,
    'exposure.maxDaysPastDue': (p) => p.aggregates.exposure.maxDaysPastDue,
    frozen: (p) => p.freeze !== undefined,
  },
};

/** The field paths a dataset offers (what an agreement's `fields` may name). */
export const datasetFields = (dataset: DatasetId): string[] => Object.keys(builders[dataset]);

/** Whether a profile belongs in a dataset at all (merged-away profiles are never shared). */
export const inDataset = (profile: CustomerProfile): boolean => profile.status === 'active';

/** The unredacted row of one profile in one dataset. Never leaves the hub without `redactRow`. */
export const datasetRow = (dataset: DatasetId, profile: CustomerProfile): DatasetRow =>
  Object.fromEntries(Object.entries(builders[dataset]).map(([path, build]) => [path, build(profile)]));

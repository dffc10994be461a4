import { newProfile, type CustomerProfile } from '../../shared/domain/profile/customer-profile.js';

/**
 * Synthetic portfolio customers for export tests: a business profile with a name (which may
 * hold separators, quotes, line breaks, formula starts or non-Latin letters), a country and,
 * when `grade` is given, a current rating with PD, score, segment and a recommended limit.
 * Synthetic data only.
 * @example portfolioProfile('pf-1', { name: 'Acme, "Ltd"', grade: 'AA' }, now)
 */
export const portfolioProfile = (
  customerId: string,
  options: { name?: string; country?: string; grade?: string; pd?: number; frozen?: boolean },
  at: Date,
): CustomerProfile => {
  const base = newProfile(customerId, 'business', at);
  const observedAt = at.toISOString();
  return {
    ...base,
    fields: {
      ...(options.name !== undefined ? { legalName: { value: options.name, source: 'test', observedAt } } : {}),
      ...(options.country !== undefined ? { country: { value: options.country, source: 'test', observedAt } } : {}),
    },
    ...(options.grade !== undefined
      ? {
          rating: {
            status: 'rated' as const,
            policyVersion: 1,
            score: 612,
            grade: options.grade,
            pd: options.pd ?? 0.0125,
            reasons: [],
            rfm: { r: 3, f: 2, m: 4, segment: 'loyal' },
            limit: { recommended: { amountMinor: 2_500_000, currency: 'EUR' }, factors: [] },
            inputsHash: 'h'.repeat(64),
            ratedAt: observedAt,
          },
        }
      : {}),
    ...(options.frozen ? { freeze: { reason: 'drill', frozenAt: observedAt, by: 'key:test' } } : {}),
    version: 1,
  };
};

/** Names that exercise CSV quoting and formula neutralisation. */
export const TRICKY_NAMES = ['Acme, Ltd', 'Quote "Q" GmbH', 'Line\nBreak AG', '=HYPERLINK("http://x")', '纷享销客 贸易有限公司', '+44 Trading', '@risk Co'];

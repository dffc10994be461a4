import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import { rateProfile } from '../../../shared/domain/rating/rate-profile.js';
import { newProfile } from '../../../shared/domain/profile/customer-profile.js';
import { NOW, dnb, tradingProfile } from '../../fixtures/rating/profiles.js';

describe('reason codes for missing data', () => {
  it('say "no data" instead of blaming the customer for data the hub does not have', () => {
    // Prepare: a business with a D&B report but no CRM history at all
    const profile = { ...newProfile('thin-1', 'business', NOW), credit: { dnb: dnb(80) } };
    // Act
    const rating = rateProfile(profile, DEFAULT_POLICY, NOW);
    // Assess
    const late = rating.reasons.find((r) => r.code === 'R06');
    expect(late).toMatchObject({ text: 'No payment history yet', missingData: true });
    expect(rating.reasons.every((r) => r.missingData !== true || !/late|overdue|past due/i.test(r.text))).toBe(true);
  });

  it('keeps the adverse text when the data is there and bad', () => {
    const profile = tradingProfile({ openMinor: 1_000_000, overdueMinor: 600_000, oldestOpenDueDaysAgo: 75, maxDaysPastDue: 75 });
    const rating = rateProfile(profile, DEFAULT_POLICY, NOW);
    const dpd = rating.reasons.find((r) => r.code === 'R02');
    expect(dpd?.text).toBe('Payments past due');
    expect(dpd?.missingData).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { decideRating } from '../../../shared/domain/risk/recompute-rating.js';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import { newProfile } from '../../../shared/domain/profile/customer-profile.js';
import { NOW } from '../../fixtures/rating/profiles.js';

describe('decideRating', () => {
  it('stores changed inputs silently when nothing a receiver sees changed, and writes nothing for identical inputs', () => {
    // Prepare: a thin profile that stays insufficient_data
    const thin = newProfile('thin-2', 'business', NOW);
    const first = decideRating(thin, DEFAULT_POLICY, NOW);
    expect(first?.rating.status).toBe('insufficient_data');
    const rated = first!.profile;
    // Act: a partner assessment arrives; still not enough data
    const withAssessment = { ...rated, assessments: [{ partnerId: 'p1', assessmentId: 'a1', pd: 0.2, submittedAt: NOW.toISOString() }] };
    const second = decideRating(withAssessment, DEFAULT_POLICY, NOW);
    // Assess
    expect(second?.events).toEqual([]);
    expect(second?.rating.status).toBe('insufficient_data');
    expect(second?.rating.features?.['partner_pd']).toBe(0.2);
    expect(second?.profile.sequence).toBe(rated.sequence);
    expect(decideRating(second!.profile, DEFAULT_POLICY, NOW)).toBeUndefined();
  });
});

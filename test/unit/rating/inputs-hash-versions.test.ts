import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import { rateProfileReference } from '../../../shared/domain/rating/rate-profile-reference.js';
import { decideRating } from '../../../shared/domain/risk/recompute-rating.js';
import { NOW, experian, tradingProfile } from '../../fixtures/rating/profiles.js';

/** A customer as stored before the h2 hash: rated by the version 1 engine, bare SHA-256 inputs hash. */
const storedWithH1 = () => {
  const profile = tradingProfile({ openMinor: 800_000 });
  profile.credit.experian = experian(720);
  const rating = rateProfileReference(profile, DEFAULT_POLICY, NOW);
  return { ...profile, rating };
};

describe('inputs hash versions', () => {
  it('a stored version 1 hash of the same inputs emits no rating.changed and writes nothing', () => {
    // Prepare
    const profile = storedWithH1();
    expect(profile.rating.inputsHash).toMatch(/^[0-9a-f]{64}$/);
    // Act
    const decision = decideRating(profile, DEFAULT_POLICY, NOW);
    // Assess
    expect(decision).toBeUndefined();
  });

  it('a stored version 1 hash of other inputs that rate the same is refreshed silently to h2, with no event', () => {
    // Prepare: the bureau score moved by one point within its bin: the inputs differ, nothing a receiver sees does
    const stored = storedWithH1();
    const profile = { ...stored, credit: { experian: experian(721) } };
    // Act
    const decision = decideRating(profile, DEFAULT_POLICY, NOW);
    // Assess
    expect(decision?.events.map((e) => e.type)).toEqual([]);
    expect(decision?.ratingChanged).toBe(false);
    expect(decision?.rating.features?.['bureau_score']).not.toBe(stored.rating.features?.['bureau_score']);
    expect(decision?.rating.inputsHash).toMatch(/^h2:/);
    expect(decideRating(decision!.profile, DEFAULT_POLICY, NOW)).toBeUndefined();
  });

  it('still emits rating.changed when the rating itself changed under an h1 hash', () => {
    // Prepare
    const stored = storedWithH1();
    const profile = { ...stored, credit: { experian: experian(420) } };
    // Act
    const decision = decideRating(profile, DEFAULT_POLICY, NOW);
    // Assess
    expect(decision?.events.map((e) => e.type)).toContain('rating.changed');
  });
});

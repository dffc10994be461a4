import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/domain/auth/principal.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import { manageEngagements } from '../../../shared/domain/partners/manage-engagements.js';
import { assertExpiresInFuture, engagementView, isEngagementActive, type Engagement } from '../../../shared/domain/partners/partner-model.js';
import type { EngagementRepository } from '../../../shared/domain/partners/ports.js';
import { newProfile } from '../../../shared/domain/profile/customer-profile.js';

const at = new Date('2026-12-07T12:00:00Z');
const engagement = (overrides: Partial<Engagement> = {}): Engagement => ({
  engagementId: 'eng_1', partnerId: 'agency', customerId: 'c-1', scope: 'assess', status: 'active', identifierSchemes: ['vat'],
  createdAt: '2026-12-01T00:00:00Z', createdBy: 'key:admin', ...overrides,
});
const admin: Principal = { principalId: 'key:admin', keyId: 'admin', role: 'admin', scopes: [] };

describe('engagement expiry', () => {
  it('reads an active engagement past its expiry as expired, and it grants nothing', () => {
    const lapsed = engagement({ expiresAt: '2026-12-07T11:59:59.999Z' });
    const endsNow = engagement({ expiresAt: at.toISOString() });
    expect(engagementView(lapsed, at).status).toBe('expired');
    expect(engagementView(endsNow, at).status).toBe('expired');
    expect(isEngagementActive(lapsed, at)).toBe(false);
    expect(isEngagementActive(endsNow, at)).toBe(false);
    expect(engagementView(engagement({ expiresAt: '2026-12-08T00:00:00Z' }), at).status).toBe('active');
    expect(engagementView(engagement(), at).status).toBe('active');
    expect(engagementView(engagement({ status: 'ended', expiresAt: '2026-12-01T00:00:00Z' }), at).status).toBe('ended');
  });

  it('refuses an expiry that is not in the future (422 at expiresAt)', () => {
    expect(() => assertExpiresInFuture(at.toISOString(), at)).toThrow(ValidationError);
    expect(() => assertExpiresInFuture('2020-01-01T00:00:00Z', at)).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: 'expiresAt', code: 'past_time' })] }));
    expect(() => assertExpiresInFuture('2026-12-07T12:00:01Z', at)).not.toThrow();
    expect(() => assertExpiresInFuture(undefined, at)).not.toThrow();
  });

  it('stores no engagement, request or audit entry for a past expiry, and lists a lapsed one as expired', async () => {
    const stored: Engagement[] = [];
    const audited: string[] = [];
    const engagements: EngagementRepository = {
      get: async (partnerId, customerId) => stored.find((e) => e.partnerId === partnerId && e.customerId === customerId),
      put: async (e) => void stored.push(e),
      list: async (partnerId) => stored.filter((e) => e.partnerId === partnerId),
      putWithRequest: async (e) => void stored.push(e),
    };
    const manage = manageEngagements({
      engagements,
      profiles: { get: async (id) => newProfile(id, 'business', at) },
      audit: { append: async (input) => (audited.push(input.action), {} as never) },
      clock: fixedClock(at),
    });
    await expect(manage.engage('agency', { customerId: 'c-1', scope: 'assess', expiresAt: '2026-12-07T11:00:00Z' }, admin)).rejects.toBeInstanceOf(ValidationError);
    await expect(manage.requestAssessment('agency', { customerId: 'c-1', expiresAt: '2026-12-07T11:00:00Z' }, admin)).rejects.toBeInstanceOf(ValidationError);
    expect(stored).toEqual([]);
    expect(audited).toEqual([]);

    stored.push(engagement({ expiresAt: '2026-12-07T11:00:00Z' }));
    expect((await manage.list('agency')).map((e) => e.status)).toEqual(['expired']);
  });
});

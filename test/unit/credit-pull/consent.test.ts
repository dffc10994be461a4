import { describe, expect, it } from 'vitest';
import { checkConsent, ConsentRequiredError, ConsentSchema, type Consent } from '../../../shared/domain/credit/pull/consent.js';

const consent = (overrides: Partial<Consent> = {}): Consent =>
  ConsentSchema.parse({
    customerId: 'cust-1',
    bureaus: ['dnb', 'creditsafe'],
    purpose: 'legitimate_business_need',
    grantedBy: 'user:risk-admin',
    grantedAt: '2025-01-01T00:00:00Z',
    expiresAt: '2026-01-01T00:00:00Z',
    ...overrides,
  });
const at = new Date('2025-06-01T00:00:00Z');

describe('checkConsent', () => {
  it('accepts a current consent that lists the bureau', () => {
    // Prepare
    const consents = [consent()];
    // Act
    const result = checkConsent(consents, { customerId: 'cust-1', bureau: 'dnb', at });
    // Assess
    expect(result.ok).toBe(true);
    expect(result.ok && result.consent.purpose).toBe('legitimate_business_need');
  });

  it('accepts a wildcard consent for any non-PBOC bureau', () => {
    const result = checkConsent([consent({ bureaus: '*' })], { customerId: 'cust-1', bureau: 'experian', at });
    expect(result.ok).toBe(true);
  });

  it('refuses with consent_required, not retryable, when nothing covers the customer or bureau', () => {
    const result = checkConsent([consent({ customerId: 'other' }), consent({ bureaus: ['experian'] })], { customerId: 'cust-1', bureau: 'dnb', at });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ConsentRequiredError);
    expect(result.error.code).toBe('consent_required');
    expect(result.error.retryable).toBe(false);
    expect(result.error.reason).toBe('no_consent');
  });

  it('names the most specific reason: expired, revoked or not yet valid', () => {
    const expired = checkConsent([consent({ expiresAt: '2025-06-01T00:00:00Z' })], { customerId: 'cust-1', bureau: 'dnb', at });
    const revoked = checkConsent([consent({ revokedAt: '2025-05-01T00:00:00Z' })], { customerId: 'cust-1', bureau: 'dnb', at });
    const future = checkConsent([consent({ grantedAt: '2025-07-01T00:00:00Z' })], { customerId: 'cust-1', bureau: 'dnb', at });
    expect(!expired.ok && expired.error.reason).toBe('expired');
    expect(!revoked.ok && revoked.error.reason).toBe('revoked');
    expect(!future.ok && future.error.reason).toBe('not_yet_valid');
  });

  it('requires a written PBOC authorisation for PBOC and refuses it elsewhere', () => {
    const fcra = checkConsent([consent({ bureaus: '*' })], { customerId: 'cust-1', bureau: 'pboc', at });
    const pboc = checkConsent([consent({ bureaus: ['pboc'], purpose: 'pboc_authorization' })], { customerId: 'cust-1', bureau: 'pboc', at });
    const misuse = checkConsent([consent({ bureaus: '*', purpose: 'pboc_authorization' })], { customerId: 'cust-1', bureau: 'dnb', at });
    expect(!fcra.ok && fcra.error.reason).toBe('purpose_not_accepted');
    expect(pboc.ok).toBe(true);
    expect(misuse.ok).toBe(false);
  });

  it('rejects a consent record without a known purpose at the boundary', () => {
    expect(ConsentSchema.safeParse({ ...consent(), purpose: 'curiosity' }).success).toBe(false);
  });
});

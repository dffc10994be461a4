import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditInput } from '../../../shared/domain/audit/audit-chain.js';
import type { Principal } from '../../../shared/domain/auth/principal.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import { newProfile } from '../../../shared/domain/profile/customer-profile.js';
import type { StoredAgreement } from '../../../shared/domain/sharing/agreement.js';
import { readDataset } from '../../../shared/domain/sharing/read-dataset.js';

const at = new Date('2026-03-01T12:00:00Z');
const agreement = (agreementId: string, consultantRef: string): StoredAgreement => ({
  agreementId, consultantRef, datasets: ['customer_profiles'], fields: { customerId: 'hash', kind: 'include' },
  validFrom: '2026-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z', purpose: 'Study', status: 'active',
  createdAt: '2026-01-01T00:00:00Z', createdBy: 'key:admin', updatedAt: '2026-01-01T00:00:00Z', salt: 'a'.repeat(64),
});
const consultant = (tenantRef: string): Principal => ({ principalId: `key:${tenantRef}`, keyId: tenantRef, role: 'consultant', scopes: ['datasets:read'], tenantRef });

const setup = (agreements: StoredAgreement[]) => {
  const profiles = ['c1', 'c2', 'c3'].map((id) => newProfile(id, 'business', at));
  const audits: AuditInput[] = [];
  const read = readDataset({
    agreements: { create: async () => undefined, get: async () => undefined, put: async () => undefined, list: async () => agreements, listForConsultant: async (ref) => agreements.filter((a) => a.consultantRef === ref) },
    profiles: {
      page: async ({ limit, cursor }) => {
        const start = cursor === undefined ? 0 : Number(cursor);
        const next = start + limit;
        return { profiles: profiles.slice(start, next), ...(next < profiles.length ? { nextCursor: String(next) } : {}) };
      },
    },
    audit: {
      append: async (input) => {
        audits.push(input);
        return {} as AuditEntry;
      },
    },
    clock: fixedClock(at),
  });
  return { read, audits };
};

describe('readDataset', () => {
  it('pages through a dataset: each page gives the position of the next, bound to its agreement and dataset', async () => {
    const { read, audits } = setup([agreement('dsa-x', 'cx')]);
    const first = await read('customer_profiles', { limit: 2 }, consultant('cx'));
    expect(first.page).toMatchObject({ dataset: 'customer_profiles', agreementId: 'dsa-x' });
    expect(first.page.rows.map((r) => Object.keys(r).sort())).toEqual([['customerId', 'kind'], ['customerId', 'kind']]);
    expect(first.next).toEqual({ agreementId: 'dsa-x', dataset: 'customer_profiles', after: '2' });
    const last = await read('customer_profiles', { limit: 2, after: first.next }, consultant('cx'));
    expect(last.page.rows).toHaveLength(1);
    expect(last.next).toBeUndefined();
    expect(audits.map((a) => a.details?.['page'])).toEqual(['first', 'next']);
  });

  it('answers an unknown dataset exactly like one outside the agreements (403)', async () => {
    const { read, audits } = setup([agreement('dsa-x', 'cx')]);
    const unknown = await read('secret_sauce', { limit: 2 }, consultant('cx')).catch((e: unknown) => e);
    const outside = await read('portfolio_ratings', { limit: 2 }, consultant('cx')).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'forbidden' });
    expect((unknown as Error).message).toBe((outside as Error).message);
    expect(audits).toEqual([]);
  });

  it('refuses a position of another agreement or dataset, or one it did not give, with 422 on cursor', async () => {
    const { read } = setup([agreement('dsa-x', 'cx')]);
    for (const after of [{ agreementId: 'dsa-y', dataset: 'customer_profiles', after: '2' }, { agreementId: 'dsa-x', dataset: 'portfolio_ratings', after: '2' }, 'x']) {
      await expect(read('customer_profiles', { limit: 2, after }, consultant('cx'))).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: 'cursor', in: 'query' }] });
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementStore } from '../../../shared/adapters/dynamodb/agreement-store.js';
import type { Principal } from '../../../shared/domain/auth/principal.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import { ConflictError } from '../../../shared/domain/errors.js';
import type { StoredAgreement } from '../../../shared/domain/sharing/agreement.js';
import { manageAgreements } from '../../../shared/domain/sharing/manage-agreements.js';
import type { AgreementRepository } from '../../../shared/domain/sharing/ports.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

const admin: Principal = { principalId: 'key:admin', keyId: 'admin', role: 'admin', scopes: [] };
const agreement = (agreementId: string): StoredAgreement => ({
  agreementId, consultantRef: 'consultant-x', datasets: ['customer_profiles'], fields: { 'fields.country': 'include' },
  validFrom: '2026-12-01T00:00:00.000Z', validUntil: '2027-01-01T00:00:00.000Z', purpose: 'Study', status: 'active',
  createdAt: '2026-12-01T00:00:00.000Z', createdBy: 'key:admin', updatedAt: '2026-12-01T00:00:00.000Z', salt: 'a'.repeat(64),
});

describe('agreement store on DynamoDB Local', () => {
  const clients = emulatorClients();
  let store: AgreementRepository;
  beforeAll(async () => {
    store = agreementStore({ client: clients.doc, tableName: (await provisionTestResources(clients)).tableName });
  });
  afterAll(() => clients.destroy());

  it('writes over an agreement only in the state the writer read: active and unchanged since', async () => {
    await store.create(agreement('dsa-cond'));
    const read = (await store.get('dsa-cond'))!;
    await store.put({ ...read, purpose: 'First', updatedAt: '2026-12-02T00:00:00.000Z' }, { updatedAt: read.updatedAt });
    await expect(store.put({ ...read, purpose: 'Stale', updatedAt: '2026-12-03T00:00:00.000Z' }, { updatedAt: read.updatedAt })).rejects.toBeInstanceOf(ConflictError);
    const current = (await store.get('dsa-cond'))!;
    expect(current.purpose).toBe('First');

    await store.put({ ...current, status: 'revoked', revokedAt: '2026-12-04T00:00:00.000Z', updatedAt: '2026-12-04T00:00:00.000Z' });
    const revoked = (await store.get('dsa-cond'))!;
    await expect(store.put({ ...revoked, status: 'active', purpose: 'Revived' }, { updatedAt: revoked.updatedAt })).rejects.toBeInstanceOf(ConflictError);
    expect(await store.get('dsa-cond')).toMatchObject({ status: 'revoked', purpose: 'First' });
  });

  it('answers an update that loses the race to a revocation with 409 agreement_revoked and the current state, writing nothing', async () => {
    await store.create(agreement('dsa-race'));
    const audited: string[] = [];
    // The revocation lands between the update's read and its write.
    let revokeFirst = true;
    const racing: AgreementRepository = {
      ...store,
      async put(next, expected) {
        if (expected && revokeFirst) {
          revokeFirst = false;
          await manage.revoke('dsa-race', admin);
        }
        return store.put(next, expected);
      },
    };
    const manage = manageAgreements({ agreements: racing, audit: { append: async (input) => (audited.push(input.action), {} as never) }, clock: fixedClock('2026-12-05T00:00:00Z'), approvals: { request: () => Promise.reject(new Error('a purpose change needs no approval')) } });

    const error = await manage.update('dsa-race', { purpose: 'Changed' }, admin).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'agreement_revoked', details: { current: { agreementId: 'dsa-race', status: 'revoked', purpose: 'Study' } } });
    expect((error as { details: { current: object } }).details.current).not.toHaveProperty('salt');
    expect(await store.get('dsa-race')).toMatchObject({ status: 'revoked', purpose: 'Study' });
    expect(audited).toEqual(['agreement.revoked']);
    // Revoking again changes nothing and audits nothing.
    await manage.revoke('dsa-race', admin);
    expect(audited).toEqual(['agreement.revoked']);
  });
});

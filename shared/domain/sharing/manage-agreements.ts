import { randomBytes } from 'node:crypto';
import type { AuditEntry, AuditInput } from '../audit/audit-chain.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../errors.js';
import { datasetFields } from './datasets.js';
import { publicAgreement, type Agreement, type AgreementInput, type AgreementPatch, type StoredAgreement } from './agreement.js';
import type { AgreementRepository } from './ports.js';

interface Deps {
  agreements: AgreementRepository;
  audit: { append(input: AuditInput): Promise<AuditEntry> };
  clock: Clock;
}

/** Re-reads after a lost race (another change landed between read and write). */
const MAX_ATTEMPTS = 5;

/** A revoked agreement is final: 409 `agreement_revoked` carrying the agreement as it is (no salt). */
const revokedAgreement = (found: StoredAgreement): DomainError =>
  new DomainError('agreement_revoked', `Agreement ${found.agreementId} was revoked at ${found.revokedAt ?? found.updatedAt}; a revoked agreement cannot change`, {
    details: { current: publicAgreement(found) },
  });

/**
 * Admin CRUD of data-sharing agreements. Each agreement gets a random 256-bit salt (the HMAC
 * key of its `hash` fields) that is stored with it and never returned. Every change is audited
 * with the agreement's terms (datasets, field rules, validity) — no customer data. A revoked
 * agreement is immutable: an update is a 409 with its current state, also when the revocation
 * lands between the update's read and write (the write is conditional on the state it read).
 */
export const manageAgreements = ({ agreements, audit, clock }: Deps) => {
  const applyPatch = async (found: StoredAgreement, patch: AgreementPatch, by: Principal): Promise<Agreement> => {
    const agreementId = found.agreementId;
    if (patch.fields) {
      const known = new Set(found.datasets.flatMap((d) => datasetFields(d)));
      const unknown = Object.keys(patch.fields).filter((p) => !known.has(p));
      if (unknown.length > 0) throw new ValidationError('The agreement update is not valid', unknown.map((p) => ({ path: `fields.${p}`, message: `not a field of ${found.datasets.join(', ')}` })));
    }
    const validUntil = patch.validUntil ?? found.validUntil;
    if (Date.parse(validUntil) <= Date.parse(found.validFrom)) throw new ValidationError('The agreement update is not valid', [{ path: 'validUntil', message: 'must be after validFrom' }]);
    const next: StoredAgreement = { ...found, ...patch, validUntil, updatedAt: clock.now().toISOString() };
    await agreements.put(next, { updatedAt: found.updatedAt });
    await audit.append({ actor: by.principalId, action: 'agreement.updated', target: `agreement:${agreementId}`, details: { changed: Object.keys(patch).sort(), ...(patch.fields ? { fields: patch.fields } : {}), ...(patch.validUntil ? { validUntil: patch.validUntil } : {}) }, ...(patch.purpose !== undefined ? { personal: { purpose: patch.purpose } } : {}) });
    return publicAgreement(next);
  };
  const existing = async (agreementId: string): Promise<StoredAgreement> => {
    const found = await agreements.get(agreementId);
    if (!found) throw new NotFoundError(`Agreement ${agreementId}`);
    return found;
  };
  return {
    async create(input: AgreementInput, by: Principal): Promise<Agreement> {
      const now = clock.now().toISOString();
      const stored: StoredAgreement = { ...input, status: 'active', createdAt: now, createdBy: by.principalId, updatedAt: now, salt: randomBytes(32).toString('hex') };
      await agreements.create(stored);
      await audit.append({ actor: by.principalId, action: 'agreement.created', target: `agreement:${input.agreementId}`, details: { datasets: input.datasets, fields: input.fields, validFrom: input.validFrom, validUntil: input.validUntil }, personal: { consultantRef: input.consultantRef, purpose: input.purpose } });
      return publicAgreement(stored);
    },
    list: async (): Promise<Agreement[]> => (await agreements.list()).map(publicAgreement),
    get: async (agreementId: string): Promise<Agreement> => publicAgreement(await existing(agreementId)),
    async update(agreementId: string, patch: AgreementPatch, by: Principal): Promise<Agreement> {
      for (let attempt = 1; ; attempt++) {
        const found = await existing(agreementId);
        if (found.status === 'revoked') throw revokedAgreement(found);
        try {
          return await applyPatch(found, patch, by);
        } catch (error) {
          if (!(error instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        }
      }
    },
    /** Revokes (revoking again keeps the first revocation and writes nothing). */
    async revoke(agreementId: string, by: Principal): Promise<Agreement> {
      const found = await existing(agreementId);
      if (found.status === 'revoked') return publicAgreement(found);
      const now = clock.now().toISOString();
      const next: StoredAgreement = { ...found, status: 'revoked', revokedAt: now, updatedAt: now };
      await agreements.put(next);
      await audit.append({ actor: by.principalId, action: 'agreement.revoked', target: `agreement:${agreementId}`, details: {} });
      return publicAgreement(next);
    },
  };
};

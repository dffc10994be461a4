import { randomBytes } from 'node:crypto';
import type { AuditEntry, AuditInput } from '../audit/audit-chain.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { datasetFields } from './datasets.js';
import { publicAgreement, type Agreement, type AgreementInput, type AgreementPatch, type StoredAgreement } from './agreement.js';
import type { AgreementRepository } from './ports.js';

interface Deps {
  agreements: AgreementRepository;
  audit: { append(input: AuditInput): Promise<AuditEntry> };
  clock: Clock;
}

/**
 * Admin CRUD of data-sharing agreements. Each agreement gets a random 256-bit salt (the HMAC
 * key of its `hash` fields) that is stored with it and never returned. Every change is audited
 * with the agreement's terms (datasets, field rules, validity) — no customer data.
 */
export const manageAgreements = ({ agreements, audit, clock }: Deps) => ({
  async create(input: AgreementInput, by: Principal): Promise<Agreement> {
    const now = clock.now().toISOString();
    const stored: StoredAgreement = { ...input, status: 'active', createdAt: now, createdBy: by.principalId, updatedAt: now, salt: randomBytes(32).toString('hex') };
    await agreements.create(stored);
    await audit.append({ actor: by.principalId, action: 'agreement.created', target: `agreement:${input.agreementId}`, details: { datasets: input.datasets, fields: input.fields, validFrom: input.validFrom, validUntil: input.validUntil }, personal: { consultantRef: input.consultantRef, purpose: input.purpose } });
    return publicAgreement(stored);
  },
  list: async (): Promise<Agreement[]> => (await agreements.list()).map(publicAgreement),
  async get(agreementId: string): Promise<Agreement> {
    const found = await agreements.get(agreementId);
    if (!found) throw new NotFoundError(`Agreement ${agreementId}`);
    return publicAgreement(found);
  },
  async update(agreementId: string, patch: AgreementPatch, by: Principal): Promise<Agreement> {
    const found = await agreements.get(agreementId);
    if (!found) throw new NotFoundError(`Agreement ${agreementId}`);
    if (patch.fields) {
      const known = new Set(found.datasets.flatMap((d) => datasetFields(d)));
      const unknown = Object.keys(patch.fields).filter((p) => !known.has(p));
      if (unknown.length > 0) throw new ValidationError('The agreement update is not valid', unknown.map((p) => ({ path: `fields.${p}`, message: `not a field of ${found.datasets.join(', ')}` })));
    }
    const validUntil = patch.validUntil ?? found.validUntil;
    if (Date.parse(validUntil) <= Date.parse(found.validFrom)) throw new ValidationError('The agreement update is not valid', [{ path: 'validUntil', message: 'must be after validFrom' }]);
    const next: StoredAgreement = { ...found, ...patch, validUntil, updatedAt: clock.now().toISOString() };
    await agreements.put(next);
    await audit.append({ actor: by.principalId, action: 'agreement.updated', target: `agreement:${agreementId}`, details: { changed: Object.keys(patch).sort(), ...(patch.fields ? { fields: patch.fields } : {}), ...(patch.validUntil ? { validUntil: patch.validUntil } : {}) }, ...(patch.purpose !== undefined ? { personal: { purpose: patch.purpose } } : {}) });
    return publicAgreement(next);
  },
  async revoke(agreementId: string, by: Principal): Promise<Agreement> {
    const found = await agreements.get(agreementId);
    if (!found) throw new NotFoundError(`Agreement ${agreementId}`);
    const now = clock.now().toISOString();
    const next: StoredAgreement = { ...found, status: 'revoked', revokedAt: found.revokedAt ?? now, updatedAt: now };
    await agreements.put(next);
    await audit.append({ actor: by.principalId, action: 'agreement.revoked', target: `agreement:${agreementId}`, details: {} });
    return publicAgreement(next);
  },
});

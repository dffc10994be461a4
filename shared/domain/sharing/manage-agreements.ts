import { randomBytes } from 'node:crypto';
import type { AuditInput } from '../audit/audit-chain.js';
import type { Approval } from '../approvals/approval.js';
import type { ManageApprovals } from '../approvals/manage-approvals.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../errors.js';
import { datasetFields } from './datasets.js';
import { AgreementInputSchema, AgreementPatchSchema, publicAgreement, type Agreement, type AgreementInput, type AgreementPatch, type StoredAgreement } from './agreement.js';
import type { AgreementRepository } from './ports.js';
import type { FieldRule } from './redact.js';

interface Deps {
  agreements: AgreementRepository;
  audit: { append(input: AuditInput): Promise<unknown> };
  clock: Clock;
  /** Four eyes: creating or widening an agreement asks for an approval another person grants. */
  approvals: Pick<ManageApprovals, 'request'>;
}

/** What a change answers: done at once, or an approval a second person must grant first. */
export type AgreementOutcome = { agreement: Agreement; approval?: undefined } | { agreement?: undefined; approval: Approval };

/** How much a field rule reveals: a field not named is dropped. */
const REVEALS: Record<FieldRule, number> = { drop: 0, hash: 1, bucket: 1, mask: 1, include: 2 };

/**
 * The field paths a patch widens: a rule that reveals more than before, or another rule of the
 * same reach (a hash becoming a bucket shows something new). Narrowing (towards `drop`) is not widening.
 */
export const widenedFields = (current: Agreement['fields'], patch: AgreementPatch['fields']): string[] =>
  Object.entries(patch ?? {})
    .filter(([path, rule]) => {
      const before = current[path] ?? 'drop';
      return REVEALS[rule] > REVEALS[before] || (REVEALS[rule] === REVEALS[before] && rule !== before && rule !== 'drop');
    })
    .map(([path]) => path)
    .sort();

/** Whether a patch widens the agreement: more revealing field rules, or a later `validUntil`. */
const widens = (found: Agreement, patch: AgreementPatch): boolean =>
  widenedFields(found.fields, patch.fields).length > 0 || (patch.validUntil !== undefined && Date.parse(patch.validUntil) > Date.parse(found.validUntil));

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
 *
 * Four eyes: creating an agreement, or widening one (a field rule that reveals more, a later
 * `validUntil`), only asks for an approval (`agreement.create` / `agreement.widen`); it takes effect
 * when another person grants it (`executeCreate` / `executeWiden`, run by the approval primitive).
 * Narrowing, purpose changes and revocation apply at once.
 */
export const manageAgreements = ({ agreements, audit, clock, approvals }: Deps) => {
  const applyPatch = async (found: StoredAgreement, patch: AgreementPatch, by: { principalId: string }): Promise<Agreement> => {
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
  const store = async (input: AgreementInput, createdBy: string, actor: string): Promise<Agreement> => {
    const now = clock.now().toISOString();
    const stored: StoredAgreement = { ...input, status: 'active', createdAt: now, createdBy, updatedAt: now, salt: randomBytes(32).toString('hex') };
    await agreements.create(stored);
    await audit.append({ actor, action: 'agreement.created', target: `agreement:${input.agreementId}`, details: { datasets: input.datasets, fields: input.fields, validFrom: input.validFrom, validUntil: input.validUntil }, personal: { consultantRef: input.consultantRef, purpose: input.purpose } });
    return publicAgreement(stored);
  };
  const update = async (agreementId: string, patch: AgreementPatch, by: { principalId: string }, gate?: (found: StoredAgreement) => Promise<Approval | undefined>): Promise<AgreementOutcome> => {
    for (let attempt = 1; ; attempt++) {
      const found = await existing(agreementId);
      if (found.status === 'revoked') throw revokedAgreement(found);
      const approval = await gate?.(found);
      if (approval) return { approval };
      try {
        return { agreement: await applyPatch(found, patch, by) };
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  };
  return {
    /** Asks for the `agreement.create` approval (409 when the id is taken); the agreement exists once another person grants it. */
    async create(input: AgreementInput, by: Principal): Promise<AgreementOutcome> {
      if (await agreements.get(input.agreementId)) throw new ConflictError(`Agreement ${input.agreementId} already exists`, { retryable: false });
      const approval = await approvals.request(
        { action: 'agreement.create', target: `agreement:${input.agreementId}`, summary: `Agreement ${input.agreementId}: datasets ${input.datasets.join(', ')}, ${Object.keys(input.fields).length} field rules, until ${input.validUntil}`, payload: { input: JSON.stringify(input) } },
        by,
      );
      return { approval };
    },
    /** Runs a granted `agreement.create`: the agreement as asked for, created by the maker. */
    async executeCreate(approval: Approval): Promise<{ agreement: Agreement }> {
      const input = AgreementInputSchema.parse(JSON.parse(String(approval.payload['input'])));
      return { agreement: await store(input, approval.makerPrincipalId, `approval:${approval.approvalId}`) };
    },
    list: async (): Promise<Agreement[]> => (await agreements.list()).map(publicAgreement),
    get: async (agreementId: string): Promise<Agreement> => publicAgreement(await existing(agreementId)),
    /** Narrowing applies at once; a widening patch asks for the `agreement.widen` approval instead (the whole patch waits). */
    update: (agreementId: string, patch: AgreementPatch, by: Principal): Promise<AgreementOutcome> =>
      update(agreementId, patch, by, async (found) => {
        if (!widens(found, patch)) return undefined;
        const fields = widenedFields(found.fields, patch.fields);
        return approvals.request(
          { action: 'agreement.widen', target: `agreement:${agreementId}`, summary: `Agreement ${agreementId} widened: ${[...(fields.length ? [`fields ${fields.join(', ')}`] : []), ...(patch.validUntil && Date.parse(patch.validUntil) > Date.parse(found.validUntil) ? [`until ${patch.validUntil}`] : [])].join('; ')}`, payload: { patch: JSON.stringify(patch) } },
          by,
        );
      }),
    /** Runs a granted `agreement.widen` (409 `agreement_revoked` if it was revoked meanwhile). */
    async executeWiden(approval: Approval): Promise<{ agreement: Agreement }> {
      const patch = AgreementPatchSchema.parse(JSON.parse(String(approval.payload['patch'])));
      const outcome = await update(approval.target.replace(/^agreement:/, ''), patch, { principalId: `approval:${approval.approvalId}` });
      return { agreement: outcome.agreement! };
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

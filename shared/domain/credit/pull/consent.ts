import { z } from 'zod';
import { DomainError, type ErrorOptions } from '../../errors.js';
import { BureauIdSchema, type BureauId } from '../credit-summary.js';

/**
 * Why a report may be pulled. The first values follow the permissible purposes of
 * FCRA §604 (15 U.S.C. §1681b(a)); `pboc_authorization` is the written authorisation of the
 * subject that the PBOC Credit Reference Center (征信中心) requires before any enquiry.
 */
export const PermissiblePurposeSchema = z.enum([
  'court_order', // §604(a)(1)
  'written_instruction', // §604(a)(2): the consumer's own written instruction
  'credit_transaction', // §604(a)(3)(A): extension of credit or review/collection of an account
  'account_review', // §604(a)(3)(A): review of an existing account
  'employment', // §604(a)(3)(B)
  'insurance_underwriting', // §604(a)(3)(C)
  'government_license', // §604(a)(3)(D)
  'credit_risk_assessment', // §604(a)(3)(E): valuation / risk of an existing credit obligation
  'legitimate_business_need', // §604(a)(3)(F): business transaction initiated by the subject
  'child_support', // §604(a)(4)
  'pboc_authorization', // 征信授权书: written authorisation for a PBOC/Baihang enquiry
]);
export type PermissiblePurpose = z.infer<typeof PermissiblePurposeSchema>;

/** One recorded consent or permissible purpose for pulling a customer's bureau reports. */
export const ConsentSchema = z.object({
  customerId: z.string().min(1),
  bureaus: z.union([z.literal('*'), z.array(BureauIdSchema).min(1)]),
  purpose: PermissiblePurposeSchema,
  grantedBy: z.string().min(1),
  grantedAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  revokedAt: z.iso.datetime({ offset: true }).optional(),
});
export type Consent = z.infer<typeof ConsentSchema>;

/** Purposes accepted per bureau: PBOC accepts only a written authorisation; the others any purpose but it. */
export const acceptedPurposes = (bureau: BureauId): readonly PermissiblePurpose[] =>
  bureau === 'pboc'
    ? ['pboc_authorization']
    : PermissiblePurposeSchema.options.filter((purpose) => purpose !== 'pboc_authorization');

export type ConsentRefusal = 'no_consent' | 'not_yet_valid' | 'expired' | 'revoked' | 'purpose_not_accepted';

/** No valid consent or permissible purpose covers this pull: never retried, needs a human. */
export class ConsentRequiredError extends DomainError {
  readonly reason: ConsentRefusal;
  constructor(reason: ConsentRefusal, details: { customerId: string; bureau: BureauId }, options: ErrorOptions = {}) {
    super('consent_required', `No valid consent covers a ${details.bureau} pull (${reason})`, {
      ...options,
      retryable: false,
      details: { ...details, reason },
    });
    this.reason = reason;
  }
}

export type ConsentCheck = { ok: true; consent: Consent } | { ok: false; error: ConsentRequiredError };

const REFUSAL_ORDER: ConsentRefusal[] = ['no_consent', 'purpose_not_accepted', 'not_yet_valid', 'expired', 'revoked'];

/**
 * Finds a consent that covers pulling `bureau` for `customerId` at instant `at`: same customer,
 * bureau listed (or `*`), purpose accepted by that bureau, granted at or before `at`, not expired
 * and not revoked at `at` (expiry and revocation are exclusive bounds). When none does, the error
 * names the most specific reason among the candidates (e.g. `revoked` rather than `no_consent`).
 * @example const check = checkConsent(consents, { customerId: 'c1', bureau: 'dnb', at: new Date() });
 */
export const checkConsent = (
  consents: readonly Consent[],
  request: { customerId: string; bureau: BureauId; at: Date },
): ConsentCheck => {
  const at = request.at.getTime();
  const accepted = acceptedPurposes(request.bureau);
  let worst: ConsentRefusal = 'no_consent';
  for (const consent of consents) {
    if (consent.customerId !== request.customerId) continue;
    if (consent.bureaus !== '*' && !consent.bureaus.includes(request.bureau)) continue;
    let refusal: ConsentRefusal | undefined;
    if (!accepted.includes(consent.purpose)) refusal = 'purpose_not_accepted';
    else if (Date.parse(consent.grantedAt) > at) refusal = 'not_yet_valid';
    else if (consent.expiresAt !== undefined && Date.parse(consent.expiresAt) <= at) refusal = 'expired';
    else if (consent.revokedAt !== undefined && Date.parse(consent.revokedAt) <= at) refusal = 'revoked';
    if (refusal === undefined) return { ok: true, consent };
    if (REFUSAL_ORDER.indexOf(refusal) > REFUSAL_ORDER.indexOf(worst)) worst = refusal;
  }
  return { ok: false, error: new ConsentRequiredError(worst, { customerId: request.customerId, bureau: request.bureau }) };
};

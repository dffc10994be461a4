import { ulid } from 'ulid';
import { z } from 'zod';
import type { AuditEntry, AuditInput } from '../audit/audit-chain.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { acceptedPurposes, ConsentSchema } from '../credit/pull/consent.js';
import type { ConsentRepository, StoredConsent } from './ports.js';

/**
 * Body of `POST /v1/customers/{id}/consents`: the consent without what the hub fills in. Every
 * listed bureau must accept the purpose (PBOC only `pboc_authorization`, the others anything
 * but it), else a 422 at `purpose` naming the bureaus: a consent no pull could ever use is
 * refused when recorded, not at pull time. `*` needs a purpose at least one bureau accepts.
 */
export const RecordConsentSchema = ConsentSchema.omit({ customerId: true, revokedAt: true })
  .extend({ grantedBy: z.string().min(1).max(200), grantedAt: ConsentSchema.shape.grantedAt.optional() })
  .strict()
  .superRefine((consent, ctx) => {
    if (consent.bureaus === '*') return;
    const refusing = consent.bureaus.filter((bureau) => !acceptedPurposes(bureau).includes(consent.purpose));
    if (refusing.length === 0) return;
    ctx.addIssue({
      code: 'custom',
      path: ['purpose'],
      message: `${refusing.join(', ')} ${refusing.length === 1 ? 'does' : 'do'} not accept the purpose ${consent.purpose} (pboc accepts only pboc_authorization, the other bureaus any purpose but it)`,
    });
  });
export type RecordConsent = z.infer<typeof RecordConsentSchema>;

/**
 * Records, lists and revokes consents / permissible purposes. Every change is audited (who,
 * which customer, which bureaus and purpose — never personal data).
 */
export const manageConsents = ({ consents, audit, clock }: { consents: ConsentRepository; audit: { append(input: AuditInput): Promise<AuditEntry> }; clock: Clock }) => ({
  async record(customerId: string, input: RecordConsent, by: Principal): Promise<StoredConsent> {
    const now = clock.now();
    const consent: StoredConsent = {
      consentId: `cns_${ulid(now.getTime())}`,
      customerId,
      bureaus: input.bureaus,
      purpose: input.purpose,
      grantedBy: input.grantedBy,
      grantedAt: input.grantedAt ?? now.toISOString(),
      ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
    };
    await consents.add(consent);
    await audit.append({ actor: by.principalId, action: 'consent.recorded', target: `customer:${customerId}`, details: { consentId: consent.consentId, bureaus: consent.bureaus, purpose: consent.purpose } });
    return consent;
  },
  list: (customerId: string): Promise<StoredConsent[]> => consents.list(customerId),
  async revoke(customerId: string, consentId: string, by: Principal): Promise<StoredConsent> {
    const revoked = await consents.revoke(customerId, consentId, clock.now().toISOString());
    await audit.append({ actor: by.principalId, action: 'consent.revoked', target: `customer:${customerId}`, details: { consentId } });
    return revoked;
  },
});

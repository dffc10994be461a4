import { describe, expect, it } from 'vitest';
import { approve, ApprovalTransitionError, expireIfDue, NotAPersonError, reject, requestApproval, SelfApprovalError, type Approval } from '../../../shared/domain/approvals/approval.js';
import { actorRef } from '../../../shared/domain/auth/principal.js';

const NOW = new Date('2026-12-07T10:00:00Z');
const person = (id: string) => ({ ref: `person:${id}`, principalId: `key:${id}-key`, isPerson: true });
const open = (quorum = 1): Approval =>
  requestApproval({ approvalId: 'apr_01JEXAMPLE0000000000000000', action: 'policy.activate', target: 'policy:2', summary: 'Activate policy version 2', payload: { version: 2 }, quorum }, { ref: 'person:li-wei', principalId: 'key:li-1' }, NOW);

describe('approval', () => {
  it('compares people: a second key, a rotated key and a session of the maker are the maker', () => {
    const refs = [
      actorRef({ keyId: 'k1', personId: 'li-wei' }),
      actorRef({ keyId: 'k2-rotated', personId: 'li-wei' }),
      actorRef({ keyId: 'session:abc', personId: 'li-wei' }),
    ];
    for (const ref of refs) expect(() => approve(open(), { ref, principalId: 'x', isPerson: true }, NOW)).toThrow(SelfApprovalError);
  });

  it('refuses a service account and a key without a person', () => {
    expect(() => approve(open(), { ref: actorRef({ keyId: 'k9', serviceAccountId: 'sa-k9' }), principalId: 'key:k9', isPerson: false }, NOW)).toThrow(NotAPersonError);
    expect(() => approve(open(), { ref: 'key:bootstrap', principalId: 'key:bootstrap', isPerson: false }, NOW)).toThrow(NotAPersonError);
  });

  it('is granted once the quorum of distinct people approved; the same person twice is a 409 with the current state', () => {
    const once = approve(open(2), person('anna'), NOW);
    expect(once).toMatchObject({ status: 'pending', checkers: [{ by: 'person:anna' }] });
    const twice = (() => {
      try {
        approve(once, person('anna'), NOW);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(twice).toBeInstanceOf(ApprovalTransitionError);
    expect((twice as ApprovalTransitionError).details?.['current']).toMatchObject({ status: 'pending', checkers: [{ by: 'person:anna' }] });
    const granted = approve(once, person('sam'), NOW);
    expect(granted).toMatchObject({ status: 'granted', decidedAt: NOW.toISOString() });
    expect(() => approve(granted, person('tom'), NOW)).toThrow(ApprovalTransitionError);
  });

  it('expires after its lifetime and then refuses decisions', () => {
    const later = new Date(NOW.getTime() + 72 * 3_600_000);
    expect(expireIfDue(open(), new Date(later.getTime() - 1)).status).toBe('pending');
    expect(expireIfDue(open(), later).status).toBe('expired');
    expect(() => approve(open(), person('anna'), later)).toThrow(ApprovalTransitionError);
  });

  it('is rejected by another person or withdrawn by its maker, once', () => {
    const rejected = reject(open(), person('anna'), 'not now', NOW);
    expect(rejected).toMatchObject({ status: 'rejected', rejection: { by: 'person:anna', reason: 'not now' } });
    expect(() => reject(rejected, person('sam'), undefined, NOW)).toThrow(ApprovalTransitionError);
    expect(reject(open(), person('li-wei'), undefined, NOW).status).toBe('rejected');
  });
});

import { createHash } from 'node:crypto';

/**
 * The Standard Webhooks `webhook-id` of one event for one subscription: deterministic, so a
 * relay that runs twice creates the same delivery (idempotent put) and every retry and replay
 * carries the same id, which is what receivers deduplicate on.
 * @example webhookMessageId('evt_01J…', 'sub_01J…') // 'msg_3q2…' (msg_ + 32 base32 characters)
 */
export const webhookMessageId = (eventId: string, subscriptionId: string): string => {
  const digest = createHash('sha256').update(`${eventId}\u0000${subscriptionId}`).digest();
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest.subarray(0, 20)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `msg_${out}`;
};

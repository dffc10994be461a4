import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';

/**
 * An append-only, hash-chained audit log. Each entry's hash covers its content and the
 * previous entry's hash, so changing or removing any entry breaks every later link; the
 * chain head (last seq + hash) is stored separately, so truncating the tail is detected too.
 * Whoever can write the table can still rewrite a chain consistently: signed checkpoints
 * (checkpoint.ts) anchor the heads outside the table, see docs/audit.md.
 *
 * Entries hold ids, codes, counts and keyed digests — never personal data — so that erasing a
 * person never has to touch (and so break) the chain.
 */
export const AuditEntrySchema = z.object({
  chain: z.string(),
  seq: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditInput = Pick<AuditEntry, 'actor' | 'action' | 'target' | 'details'> & {
  /**
   * Values that may carry personal data (free-text reasons, names, references typed by people,
   * URLs). The log never stores them: each lands in `details` as its keyed digest
   * (`hmac-sha256:<hex>`, see `pseudonymise`), so equal values can still be matched by whoever
   * holds the key, and nothing needs erasing from the chain. `null`/absent stays `null`.
   */
  personal?: Record<string, string | null | undefined>;
};

/** What the chain stores: an input whose personal values were replaced by digests. */
export type StoredAuditInput = Pick<AuditEntry, 'actor' | 'action' | 'target' | 'details'>;

export const DIGEST_PREFIX = 'hmac-sha256:';

/** The keyed digest of one personal value (HMAC-SHA256 under the hub's pseudonym key). */
export const personalDigest = (key: Uint8Array, value: string): string => `${DIGEST_PREFIX}${createHmac('sha256', key).update(value, 'utf8').digest('hex')}`;

/**
 * Replaces the input's personal values by their keyed digests (merged into `details`).
 * @example pseudonymise(key, { actor, action: 'customer.frozen', target, details: {}, personal: { reason } })
 *   // → details: { reason: 'hmac-sha256:…' }
 */
export const pseudonymise = (key: Uint8Array, input: AuditInput): StoredAuditInput => {
  const { personal, ...rest } = input;
  if (!personal) return rest;
  const digests = Object.fromEntries(Object.entries(personal).map(([k, v]) => [k, v === undefined || v === null ? null : personalDigest(key, v)]));
  return { ...rest, details: { ...rest.details, ...digests } };
};

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so the same content always hashes the same. */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

export const entryHash = (entry: Omit<AuditEntry, 'hash'>): string =>
  createHash('sha256').update(canonicalJson(entry)).digest('hex');

export const nextEntry = (
  head: { seq: number; hash: string } | undefined,
  chain: string,
  input: StoredAuditInput,
  at: Date,
): AuditEntry => {
  const base = { chain, seq: (head?.seq ?? 0) + 1, at: at.toISOString(), ...input, prevHash: head?.hash ?? GENESIS_HASH };
  return { ...base, hash: entryHash(base) };
};

/** A chain's head as a checkpoint records it: last seq and hash, and the number of entries. */
export const ChainHeadSchema = z.object({
  chain: z.string().min(1),
  seq: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  length: z.number().int().nonnegative(),
});
export type ChainHead = z.infer<typeof ChainHeadSchema>;

export interface ChainVerdict {
  chain: string;
  ok: boolean;
  /** Entries read from the table. */
  entries: number;
  brokenAt?: number;
  reason?: string;
  /** The head seq the checkpoint anchors (0: none). */
  anchoredSeq?: number;
  /** Entries after the checkpoint's head: intact so far, but not yet signed for. */
  unanchored?: number;
}

const broken = (chain: string, entries: number, brokenAt: number, reason: string): ChainVerdict => ({ chain, ok: false, entries, brokenAt, reason });

/**
 * Verifies one chain: `entries` in seq order — from seq 1, or from the anchor's seq when only the
 * part since a checkpoint was read — against each other, against the stored head and against
 * the checkpoint's record of the chain (`anchor`). Detects a changed entry, a removed entry, a
 * broken link, a head that is missing or does not match, a chain rewritten consistently since
 * the checkpoint (the entry at the anchored seq no longer has the anchored hash), a tail cut
 * below the checkpoint, and a chain deleted whole.
 */
export const verifyChain = (
  chain: string,
  entries: readonly AuditEntry[],
  head: { seq: number; hash: string } | undefined,
  anchor?: ChainHead,
): ChainVerdict => {
  const n = entries.length;
  const first = entries[0];
  const partial = first !== undefined && first.seq > 1;
  if (partial && first.seq !== anchor?.seq) return broken(chain, n, anchor?.seq ?? 1, 'missing entry');
  let prev = partial ? first.prevHash : GENESIS_HASH;
  let expectedSeq = first?.seq ?? 1;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) return broken(chain, n, expectedSeq, 'missing entry');
    const { hash, ...rest } = entry;
    if (entry.prevHash !== prev) return broken(chain, n, entry.seq, 'link broken');
    if (entryHash(rest) !== hash) return broken(chain, n, entry.seq, 'content altered');
    prev = hash;
    expectedSeq++;
  }
  const last = entries.at(-1);
  if (anchor && anchor.length > 0 && !last && !head) return broken(chain, 0, 1, `chain missing: the checkpoint holds ${anchor.length} entries`);
  if (last && !head) return broken(chain, n, last.seq + 1, 'head item missing');
  if (head && !last) return broken(chain, n, 1, 'entries missing below the head');
  if (head && last && (head.seq !== last.seq || head.hash !== last.hash)) {
    return broken(chain, n, Math.min(head.seq, last.seq) + 1, head.seq > last.seq ? 'tail truncated below the head' : 'head does not match the last entry');
  }
  const lastSeq = last?.seq ?? 0;
  if (anchor && anchor.seq > 0) {
    if (lastSeq < anchor.seq) return broken(chain, n, lastSeq + 1, `tail truncated below the checkpoint (checkpointed ${anchor.seq}, present ${lastSeq})`);
    const anchored = entries.find((e) => e.seq === anchor.seq);
    if (!anchored || anchored.hash !== anchor.hash) return broken(chain, n, anchor.seq, 'rewritten: the entry at the checkpointed head differs from the checkpoint');
  }
  return { chain, ok: true, entries: n, anchoredSeq: anchor?.seq ?? 0, unanchored: lastSeq - (anchor?.seq ?? 0) };
};

import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * An append-only, hash-chained audit log. Each entry's hash covers its content and the
 * previous entry's hash, so changing or removing any entry breaks every later link; the
 * chain head (last seq + hash) is stored separately, so truncating the tail is detected too.
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
export type AuditInput = Pick<AuditEntry, 'actor' | 'action' | 'target' | 'details'>;

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
  input: AuditInput,
  at: Date,
): AuditEntry => {
  const base = { chain, seq: (head?.seq ?? 0) + 1, at: at.toISOString(), ...input, prevHash: head?.hash ?? GENESIS_HASH };
  return { ...base, hash: entryHash(base) };
};

export interface ChainVerdict {
  chain: string;
  ok: boolean;
  entries: number;
  brokenAt?: number;
  reason?: string;
}

/** Verifies entries (in seq order) against each other and against the stored head. */
export const verifyChain = (chain: string, entries: AuditEntry[], head: { seq: number; hash: string } | undefined): ChainVerdict => {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) return { chain, ok: false, entries: entries.length, brokenAt: expectedSeq, reason: 'missing entry' };
    const { hash, ...rest } = entry;
    if (entry.prevHash !== prev) return { chain, ok: false, entries: entries.length, brokenAt: entry.seq, reason: 'link broken' };
    if (entryHash(rest) !== hash) return { chain, ok: false, entries: entries.length, brokenAt: entry.seq, reason: 'content altered' };
    prev = hash;
    expectedSeq++;
  }
  const last = entries.at(-1);
  if ((head?.seq ?? 0) !== (last?.seq ?? 0) || (head && head.hash !== last?.hash)) {
    return { chain, ok: false, entries: entries.length, brokenAt: (last?.seq ?? 0) + 1, reason: 'tail truncated or head altered' };
  }
  return { chain, ok: true, entries: entries.length };
};

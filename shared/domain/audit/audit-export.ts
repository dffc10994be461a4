import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { AuditEntrySchema, GENESIS_HASH, entryHash, type AuditEntry } from './audit-chain.js';
import type { Clock } from '../clock.js';
import {
  checkpointLinkProblem,
  checkpointSignatureProblem,
  keyIdOf,
  SignedCheckpointSchema,
  type CheckpointStore,
  type CheckpointVerifierKey,
  type SignedCheckpoint,
} from './checkpoint.js';

/**
 * The audit export: one document that proves itself without the hub (stored as NDJSON by the
 * `audit.export` job, see `auditExportLines`; `parseAuditExport` reads either form). For each chain, a run
 * of consecutive entries covering the time range — extended up to the head that the first
 * checkpoint after the range records, so every exported entry can be anchored — plus the chain's
 * head at export time; the checkpoints from the last one before the range to the first one after
 * it (consecutive, so their links can be checked) and the latest; and the public key.
 */
export const AUDIT_EXPORT_FORMAT = 'riskbridge.audit.export/v1';
/** An export job builds the document in memory: at most this many entries, else the job fails (narrow the range). */
export const MAX_EXPORT_ENTRIES = 100_000;

export const AuditExportRangeSchema = z
  .object({
    since: z.iso.datetime({ offset: true }).describe('Start of the range (inclusive)'),
    until: z.iso.datetime({ offset: true }).describe('End of the range (exclusive)'),
  })
  .strict()
  .refine((r) => Date.parse(r.since) < Date.parse(r.until), { path: ['until'], message: 'must be after since' })
  .meta({ id: 'AuditExportRange' });
export type AuditExportRange = z.infer<typeof AuditExportRangeSchema>;

export const AuditExportSchema = z
  .object({
    format: z.literal(AUDIT_EXPORT_FORMAT),
    exportedAt: z.iso.datetime({ offset: true }),
    range: z.object({ since: z.string(), until: z.string() }),
    /** SPKI public key (PEM) that verifies every checkpoint; compare `keyId` with the one you trust. */
    publicKey: z.string(),
    keyId: z.string(),
    chains: z.array(
      z.object({
        chain: z.string(),
        /** The chain's head item at export time (null: no head). */
        head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
        entries: z.array(AuditEntrySchema),
      }),
    ),
    checkpoints: z.array(SignedCheckpointSchema),
  })
  .meta({ id: 'AuditExport' });
export type AuditExport = z.infer<typeof AuditExportSchema>;

export interface ExportChainVerdict {
  chain: string;
  ok: boolean;
  from?: number;
  to?: number;
  entries: number;
  /** Highest exported seq whose hash a checkpoint of the export records (0: none). */
  anchoredThrough: number;
  /** Exported entries after `anchoredThrough`. */
  unanchored: number;
  reason?: string;
}

export interface ExportVerdict {
  ok: boolean;
  keyId: string;
  /** True when the key was checked against one given by the caller (not only the one inside the export). */
  pinned: boolean;
  checkpoints: { count: number; ok: boolean; reason?: string };
  chains: ExportChainVerdict[];
}

const segmentProblem = (entries: readonly AuditEntry[]): { at: number; reason: string } | undefined => {
  let prev: string | undefined;
  let expected = entries[0]?.seq ?? 1;
  for (const entry of entries) {
    if (entry.seq !== expected) return { at: expected, reason: 'missing entry' };
    const { hash, ...rest } = entry;
    if (entry.seq === 1 && entry.prevHash !== GENESIS_HASH) return { at: 1, reason: 'link broken' };
    if (prev !== undefined && entry.prevHash !== prev) return { at: entry.seq, reason: 'link broken' };
    if (entryHash(rest) !== hash) return { at: entry.seq, reason: 'content altered' };
    prev = hash;
    expected++;
  }
  return undefined;
};

const checkpointsProblem = (checkpoints: readonly SignedCheckpoint[], publicKeyPem: string): string | undefined => {
  const sorted = [...checkpoints].sort((a, b) => a.seq - b.seq);
  for (const [i, cp] of sorted.entries()) {
    const signature = checkpointSignatureProblem(cp, publicKeyPem);
    if (signature) return signature;
    const before = sorted[i - 1];
    if (before && before.seq === cp.seq - 1) {
      const link = checkpointLinkProblem(before, cp);
      if (link) return link;
    }
    if (before && before.seq === cp.seq) return `checkpoint ${cp.seq} appears twice`;
  }
  return undefined;
};

/**
 * Verifies an export offline: every checkpoint's signature (with `pinnedPublicKeyPem` when given,
 * else the export's own key, reported as unpinned) and the links between consecutive ones; per
 * chain the links and hashes of the exported entries, each checkpointed head that falls in the
 * exported run (same hash), the export-time head against the run and the latest checkpoint, and
 * the set of chains (a chain the latest checkpoint does not know, or one it knows that is missing).
 */
export const verifyAuditExport = (doc: AuditExport, pinnedPublicKeyPem?: string): ExportVerdict => {
  const publicKeyPem = pinnedPublicKeyPem ?? doc.publicKey;
  const keyId = keyIdOf(publicKeyPem);
  const cpProblem = (pinnedPublicKeyPem && keyIdOf(doc.publicKey) !== keyId ? `the export's key ${keyIdOf(doc.publicKey)} is not the pinned key` : undefined) ?? checkpointsProblem(doc.checkpoints, publicKeyPem);
  const latest = [...doc.checkpoints].sort((a, b) => b.seq - a.seq)[0];
  const names = [...new Set([...doc.chains.map((c) => c.chain), ...(latest?.chains.map((c) => c.chain) ?? [])])].sort();
  const chains = names.map((name): ExportChainVerdict => {
    const exported = doc.chains.find((c) => c.chain === name);
    const entries = [...(exported?.entries ?? [])].sort((a, b) => a.seq - b.seq);
    const from = entries[0]?.seq;
    const to = entries.at(-1)?.seq;
    const base = { chain: name, entries: entries.length, ...(from !== undefined ? { from, to } : {}) };
    const fail = (reason: string): ExportChainVerdict => ({ ...base, ok: false, anchoredThrough: 0, unanchored: entries.length, reason });
    if (cpProblem) return fail(`not anchored: ${cpProblem}`);
    const latestHead = latest?.chains.find((c) => c.chain === name);
    if (latest && !latestHead && (entries.length > 0 || exported?.head)) return fail(`chain not in checkpoint ${latest.seq}`);
    if (latestHead && latestHead.length > 0 && !exported?.head && entries.length === 0) return fail(`chain missing: checkpoint ${latest!.seq} holds ${latestHead.length} entries`);
    const broken = segmentProblem(entries);
    if (broken) return fail(`${broken.reason} at ${broken.at}`);
    let anchoredThrough = 0;
    for (const cp of doc.checkpoints) {
      const h = cp.chains.find((c) => c.chain === name);
      if (!h || from === undefined || to === undefined || h.seq < from || h.seq > to) continue;
      const entry = entries[h.seq - from]!;
      if (entry.hash !== h.hash) return fail(`rewritten: entry ${h.seq} differs from checkpoint ${cp.seq}`);
      anchoredThrough = Math.max(anchoredThrough, h.seq);
    }
    const head = exported?.head;
    if (!head && entries.length > 0) return fail('head item missing');
    if (latestHead && (head?.seq ?? 0) < latestHead.seq) return fail(`tail truncated below checkpoint ${latest!.seq} (checkpointed ${latestHead.seq}, head ${head?.seq ?? 0})`);
    if (head && to !== undefined && head.seq === to && head.hash !== entries.at(-1)!.hash) return fail('head does not match the last entry');
    if (head && to !== undefined && head.seq < to) return fail('head below the last exported entry');
    return { ...base, ok: true, anchoredThrough, unanchored: to === undefined ? 0 : to - Math.max(anchoredThrough, (from ?? 1) - 1) };
  });
  return {
    ok: cpProblem === undefined && chains.every((c) => c.ok),
    keyId,
    pinned: pinnedPublicKeyPem !== undefined,
    checkpoints: { count: doc.checkpoints.length, ok: cpProblem === undefined, ...(cpProblem ? { reason: cpProblem } : {}) },
    chains,
  };
};

/** Reads the consecutive entries of each chain that cover a time range (see the DynamoDB audit log). */
export interface AuditRangeReader {
  exportRange(since: string, until: string, throughSeq: Record<string, number>): Promise<AuditExport['chains']>;
}

const inChunks = async <T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> => {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
};

/** The smallest seq in [1, latest] whose checkpoint is at or after `time` (latest + 1 if none): times grow with seq. */
const firstAtOrAfter = async (checkpoints: CheckpointStore, latest: number, time: string): Promise<number> => {
  let low = 1;
  let high = latest + 1;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    const cp = await checkpoints.get(mid);
    if (cp && cp.at >= time) high = mid;
    else low = mid + 1;
  }
  return low;
};

/**
 * Builds the export of a time range (synchronously, at most MAX_EXPORT_ENTRIES entries, else a
 * ValidationError): the checkpoints are read first — the last one before the range through the
 * first one at or after its end (found by binary search; their times grow with seq), plus the
 * latest — then the entries, extended per chain to the head that the first checkpoint after the
 * range records, so the document anchors itself.
 */
export const exportAuditTrail =
  ({ log, checkpoints, key, clock }: { log: AuditRangeReader; checkpoints: CheckpointStore; key: CheckpointVerifierKey; clock: Clock }) =>
  async (range: AuditExportRange): Promise<AuditExport> => {
    const since = new Date(range.since).toISOString();
    const until = new Date(range.until).toISOString();
    const latest = await checkpoints.latest();
    const last = latest?.seq ?? 0;
    const low = Math.max(1, (await firstAtOrAfter(checkpoints, last, since)) - 1);
    const high = Math.min(last, await firstAtOrAfter(checkpoints, last, until));
    const seqs = [...new Set([...Array.from({ length: Math.max(0, high - low + 1) }, (_, i) => low + i)])].filter((s) => s !== last);
    const loaded = [...(await inChunks(seqs, 8, (seq) => checkpoints.get(seq))).flatMap((cp) => (cp ? [cp] : [])), ...(latest ? [latest] : [])];
    const anchorAfter = loaded.find((cp) => cp.at >= until && cp.seq === high);
    const throughSeq = Object.fromEntries((anchorAfter?.chains ?? []).map((c) => [c.chain, c.seq]));
    const chains = await log.exportRange(since, until, throughSeq);
    const publicKey = await key.publicKeyPem();
    return { format: AUDIT_EXPORT_FORMAT, exportedAt: clock.now().toISOString(), range: { since, until }, publicKey, keyId: keyIdOf(publicKey), chains, checkpoints: loaded };
  };

/**
 * The export as NDJSON (what the `audit.export` job stores): one JSON value per line — first
 * `{ type: 'export', format, exportedAt, range, publicKey, keyId }`, then each checkpoint
 * (`type: 'checkpoint'`), then per chain `{ type: 'chain', chain, head }` followed by its entries
 * (`type: 'entry'`), in seq order. Written line by line, read back by `parseAuditExport`.
 */
export async function* auditExportLines(doc: AuditExport): AsyncIterable<string> {
  const { chains, checkpoints, ...header } = doc;
  yield `${JSON.stringify({ type: 'export', ...header })}\n`;
  for (const checkpoint of checkpoints) yield `${JSON.stringify({ type: 'checkpoint', ...checkpoint })}\n`;
  for (const { chain, head, entries } of chains) {
    yield `${JSON.stringify({ type: 'chain', chain, head })}\n`;
    for (const entry of entries) yield `${JSON.stringify({ type: 'entry', ...entry })}\n`;
  }
}

const LineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('export') }).loose(),
  z.object({ type: z.literal('checkpoint') }).loose(),
  z.object({ type: z.literal('chain'), chain: z.string(), head: z.object({ seq: z.number().int(), hash: z.string() }).nullable() }),
  z.object({ type: z.literal('entry') }).loose(),
]);

/**
 * Reads an export from its NDJSON form (or the same document as one JSON object). Throws a
 * ValidationError naming the line when a line is not JSON or not of the format.
 */
export const parseAuditExport = (text: string): AuditExport => {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const fail = (line: number, message: string) => new ValidationError('Not an audit export', [{ path: `line ${line}`, message }]);
  const values = lines.map((line, i) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      throw fail(i + 1, 'not JSON');
    }
  });
  if (values.length === 1) return AuditExportSchema.parse(values[0]);
  let header: Record<string, unknown> | undefined;
  const checkpoints: unknown[] = [];
  const chains: Array<{ chain: string; head: { seq: number; hash: string } | null; entries: unknown[] }> = [];
  for (const [i, value] of values.entries()) {
    const parsed = LineSchema.safeParse(value);
    if (!parsed.success) throw fail(i + 1, 'not a line of an audit export');
    const { type, ...rest } = parsed.data;
    if (type === 'export') header = rest;
    else if (type === 'checkpoint') checkpoints.push(rest);
    else if (type === 'chain') chains.push({ chain: parsed.data.chain, head: parsed.data.head, entries: [] });
    else {
      const current = chains.at(-1);
      if (!current) throw fail(i + 1, 'an entry before any chain line');
      current.entries.push(rest);
    }
  }
  return AuditExportSchema.parse({ ...header, checkpoints, chains });
};

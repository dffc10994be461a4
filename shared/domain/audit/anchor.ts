import { z } from 'zod';
import type { Clock } from '../clock.js';
import { DomainError } from '../errors.js';
import { GENESIS_HASH, verifyChain, type AuditEntry, type AuditInput, type ChainHead, type ChainVerdict } from './audit-chain.js';
import {
  CHECKPOINT_FORMAT,
  CheckpointExistsError,
  CheckpointUnreadableError,
  checkpointHash,
  checkpointLinkProblem,
  checkpointSignatureProblem,
  keyIdOf,
  signCheckpoint,
  type CheckpointSigner,
  type CheckpointStore,
  type CheckpointVerifierKey,
  type SignedCheckpoint,
} from './checkpoint.js';

/** Read access to the chains in the table (consistent reads). */
export interface AuditChainReader {
  /** The chains appends are spread over: every checkpoint covers each of them, empty or not. */
  readonly shards: readonly string[];
  /** Every chain that has a head item in the table (the shards and any other). */
  chains(): Promise<string[]>;
  /** A chain's entries from `fromSeq` (default 1) in seq order, and its head item. */
  read(chain: string, fromSeq?: number): Promise<{ entries: AuditEntry[]; head: { seq: number; hash: string } | undefined }>;
}

/** The table and the latest checkpoint disagree: someone changed the log (or the checkpoint store). */
export class AuditTamperedError extends DomainError {
  constructor(problems: string[]) {
    super('audit_tampered', `The audit log does not verify: ${problems.join('; ')}`, { details: { problems } });
  }
}

export const CheckpointVerdictSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  keyId: z.string(),
  ok: z.boolean(),
  reason: z.string().optional(),
});
export type CheckpointVerdict = z.infer<typeof CheckpointVerdictSchema>;

export interface AuditVerdict {
  ok: boolean;
  /** The latest checkpoint and whether it verifies (signature, link to its predecessor); null before the first. */
  checkpoint: CheckpointVerdict | null;
  chains: ChainVerdict[];
}

const anchorOf = (checkpoint: SignedCheckpoint | undefined, chain: string): ChainHead | undefined => checkpoint?.chains.find((c) => c.chain === chain);

/** The latest checkpoint's verdict: its signature with the trusted key and its link to the one before. */
const checkCheckpoint = async (store: CheckpointStore, latest: SignedCheckpoint, publicKeyPem: string): Promise<CheckpointVerdict> => {
  const signature = checkpointSignatureProblem(latest, publicKeyPem);
  let previous: SignedCheckpoint | undefined;
  try {
    previous = latest.seq > 1 ? await store.get(latest.seq - 1) : undefined;
  } catch (error) {
    if (!(error instanceof CheckpointUnreadableError)) throw error;
    return { seq: latest.seq, at: latest.at, keyId: latest.keyId, ok: false, reason: signature ?? error.message };
  }
  const link = checkpointLinkProblem(previous, latest) ?? (previous ? checkpointSignatureProblem(previous, publicKeyPem) : undefined);
  const reason = signature ?? link;
  return { seq: latest.seq, at: latest.at, keyId: latest.keyId, ok: reason === undefined, ...(reason ? { reason } : {}) };
};

/**
 * Verifies the whole audit log against the latest signed checkpoint: every chain's links,
 * hashes and head (see `verifyChain`), each chain's checkpointed head (seq, hash) and length,
 * the set of chains (a chain the checkpoint does not know fails; one it knows that is gone
 * fails), and the checkpoint itself (signature with the trusted public key, link to its
 * predecessor). Entries after the checkpoint are reported as `unanchored`. The checkpoint is
 * read before the table, so appends racing the verification are never mistaken for a cut.
 */
export const verifyAuditTrail =
  ({ log, checkpoints, key }: { log: AuditChainReader; checkpoints: CheckpointStore; key: CheckpointVerifierKey }) =>
  async (): Promise<AuditVerdict> => {
    let latest: SignedCheckpoint | undefined;
    let checkpoint: CheckpointVerdict | null;
    try {
      latest = await checkpoints.latest();
      checkpoint = latest ? await checkCheckpoint(checkpoints, latest, await key.publicKeyPem()) : null;
    } catch (error) {
      if (!(error instanceof CheckpointUnreadableError)) throw error;
      checkpoint = { seq: 0, at: '', keyId: '', ok: false, reason: error.message };
    }
    const names = [...new Set([...log.shards, ...(await log.chains()), ...(latest?.chains.map((c) => c.chain) ?? [])])].sort();
    const chains: ChainVerdict[] = [];
    for (const chain of names) {
      const { entries, head } = await log.read(chain);
      const anchor = anchorOf(latest, chain);
      const present = entries.length > 0 || head !== undefined;
      if (checkpoint && !checkpoint.ok) {
        const own = verifyChain(chain, entries, head);
        chains.push(own.ok ? { chain, ok: false, entries: entries.length, reason: `not anchored: ${checkpoint.reason ?? 'checkpoint invalid'}` } : own);
      } else if (latest && !anchor && present) {
        chains.push({ chain, ok: false, entries: entries.length, brokenAt: 1, reason: `chain not in checkpoint ${latest.seq}` });
      } else {
        chains.push(verifyChain(chain, entries, head, anchor));
      }
    }
    return { ok: (checkpoint?.ok ?? true) && chains.every((c) => c.ok), checkpoint, chains };
  };

const MAX_WRITE_ATTEMPTS = 3;

/**
 * Writes the next signed checkpoint: reads the latest, refuses to extend it if its signature
 * fails or if any chain no longer agrees with it (verifying only what was appended since — a
 * forger's rewrite is never signed over), and stores the heads of every shard with the previous
 * checkpoint's hash. Nothing is written when no head moved. A concurrent writer that took the
 * seq first makes it start over.
 */
export const writeCheckpoint =
  ({ log, checkpoints, signer, clock }: { log: AuditChainReader; checkpoints: CheckpointStore; signer: CheckpointSigner; clock: Clock }) =>
  async (): Promise<{ written: boolean; checkpoint: SignedCheckpoint }> => {
    const publicKeyPem = await signer.publicKeyPem();
    const keyId = keyIdOf(publicKeyPem);
    for (let attempt = 1; ; attempt++) {
      const latest = await checkpoints.latest();
      const problems: string[] = [];
      const signatureProblem = latest ? checkpointSignatureProblem(latest, publicKeyPem) : undefined;
      if (signatureProblem) throw new AuditTamperedError([signatureProblem]);
      const names = [...new Set([...log.shards, ...(latest?.chains.map((c) => c.chain) ?? [])])].sort();
      const heads: ChainHead[] = [];
      for (const chain of names) {
        const anchor = anchorOf(latest, chain);
        const { entries, head } = await log.read(chain, Math.max(anchor?.seq ?? 1, 1));
        const verdict = verifyChain(chain, entries, head, anchor);
        if (!verdict.ok) problems.push(`${chain}: ${verdict.reason ?? 'broken'}${verdict.brokenAt ? ` at ${verdict.brokenAt}` : ''}`);
        const last = entries.at(-1);
        heads.push({ chain, seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH, length: last?.seq ?? 0 });
      }
      if (problems.length > 0) throw new AuditTamperedError(problems);
      const unchanged = latest && latest.chains.length === heads.length && heads.every((h) => {
        const was = anchorOf(latest, h.chain);
        return was?.seq === h.seq && was.hash === h.hash;
      });
      if (latest && unchanged) return { written: false, checkpoint: latest };
      const checkpoint = await signCheckpoint(signer, {
        format: CHECKPOINT_FORMAT,
        seq: (latest?.seq ?? 0) + 1,
        at: clock.now().toISOString(),
        chains: heads,
        prevHash: latest ? checkpointHash(latest) : GENESIS_HASH,
        keyId,
      });
      try {
        await checkpoints.put(checkpoint);
        return { written: true, checkpoint };
      } catch (error) {
        if (!(error instanceof CheckpointExistsError) || attempt >= MAX_WRITE_ATTEMPTS) throw error;
      }
    }
  };

/**
 * Audit actions after which the log is anchored at once rather than at the next scheduled
 * checkpoint: policy approvals and (de)activations, data-sharing agreement changes.
 */
export const ANCHORING_ACTIONS: ReadonlySet<string> = new Set([
  'policy.approved',
  'policy.activated',
  'policy.retired',
  'policy.rolled_back',
  'agreement.created',
  'agreement.updated',
  'agreement.revoked',
]);

/**
 * Wraps an audit port so that appending an anchoring action writes a checkpoint right after.
 * A failed checkpoint does not undo or fail the change it follows (that is already stored and
 * audited): it goes to `onCheckpointError` and the scheduled checkpoint anchors the entry.
 */
export const anchoredAudit = <R>(
  audit: { append(input: AuditInput): Promise<R> },
  { checkpointNow, onCheckpointError }: { checkpointNow: () => Promise<unknown>; onCheckpointError: (error: unknown) => void },
): { append(input: AuditInput): Promise<R> } => ({
  async append(input) {
    const entry = await audit.append(input);
    if (ANCHORING_ACTIONS.has(input.action)) {
      try {
        await checkpointNow();
      } catch (error) {
        onCheckpointError(error);
      }
    }
    return entry;
  },
});

import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { AuditEntrySchema, nextEntry, pseudonymise, verifyChain, type AuditEntry, type AuditInput, type ChainVerdict } from '../../domain/audit/audit-chain.js';
import type { AuditChainReader } from '../../domain/audit/anchor.js';
import { MAX_EXPORT_ENTRIES } from '../../domain/audit/audit-export.js';
import { TransientError, ValidationError } from '../../domain/errors.js';
import { isConditionFailure, type TableRef } from './client.js';

/**
 * Chains are sharded so that appends do not all contend on one head item.
 *
 * Key layout (private to this file):
 * - entry `AUDIT#<chain>` / `<seq, 12 digits>`; in gsi1 as `AUDITLOG#<chain>` / `<at>#<seq>`, so
 *   each chain reads in time order (time-range reads query every chain's index partition and
 *   merge; the index partitions are as many as the chains, so no key is hotter than a chain's
 *   own head item, which every append of that chain already updates);
 * - head `AUDITHEAD#<chain>` / `HEAD`; in gsi2 as `AUDITCHAINS` / `<chain>`, so verification
 *   finds every chain that has a head, not only the shards it expects.
 */
export const AUDIT_SHARDS: readonly string[] = ['c0', 'c1', 'c2', 'c3'];
const MAX_ATTEMPTS = 10;
const SEQ_DIGITS = 12;

const pad = (seq: number) => String(seq).padStart(SEQ_DIGITS, '0');
const headKey = (chain: string) => ({ pk: `AUDITHEAD#${chain}`, sk: 'HEAD' });
const entryKey = (chain: string, seq: number) => ({ pk: `AUDIT#${chain}`, sk: pad(seq) });
const timeIndex = (chain: string, at: string, seq: number) => ({ gsi1pk: `AUDITLOG#${chain}`, gsi1sk: `${at}#${pad(seq)}` });
const chainIndex = (chain: string) => ({ gsi2pk: 'AUDITCHAINS', gsi2sk: chain });

/** Index keys hold `toISOString()` times: bounds given with an offset are compared in UTC. */
const utc = (iso: string | undefined): string | undefined => (iso === undefined ? undefined : new Date(iso).toISOString());

const HeadItemSchema = z.object({ seq: z.coerce.number().int().nonnegative(), hash: z.string() });

/** Filters of an audit read: all optional; `object` is the entry's subject (`target`, e.g. `customer:c-1`). */
export interface AuditQuery {
  since?: string;
  until?: string;
  actor?: string;
  action?: string;
  object?: string;
}

/** Where a page of an audit read stopped: the last index sort key read per chain. */
export type AuditPosition = Record<string, string>;

export interface AuditLog extends AuditChainReader {
  append(input: AuditInput): Promise<AuditEntry>;
  /** Verifies the chains against themselves only (no checkpoint); see `verifyAuditTrail` for the anchored verdict. */
  verify(): Promise<ChainVerdict[]>;
  /** Entries in time order (then chain, seq), `limit` per page. */
  list(query: AuditQuery, page: { limit: number; after?: AuditPosition }): Promise<{ entries: AuditEntry[]; next?: AuditPosition }>;
  /**
   * Per chain, the consecutive entries from the first one at or after `since` to the last one
   * before `until`, extended to `throughSeq[chain]` (a checkpointed head after the range).
   * More than MAX_EXPORT_ENTRIES → ValidationError (422).
   */
  exportRange(since: string, until: string, throughSeq: Record<string, number>): Promise<Array<{ chain: string; head: { seq: number; hash: string } | null; entries: AuditEntry[] }>>;
}

export interface AuditLogOptions {
  clock?: { now(): Date };
  /** Key of the keyed digests that replace personal values (see `pseudonymise`). */
  pseudonymKey?: () => Promise<Uint8Array>;
}

/** The audit log on the table: entry + head update in one conditional transaction. */
export const auditLog = ({ client, tableName }: TableRef, options: AuditLogOptions = {}): AuditLog => {
  const clock = options.clock ?? { now: () => new Date() };
  const readHead = async (chain: string) => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: headKey(chain), ConsistentRead: true }));
    return Item ? HeadItemSchema.parse(Item) : undefined;
  };
  const readEntries = async (chain: string, fromSeq: number, toSeq?: number): Promise<AuditEntry[]> => {
    const entries: AuditEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: toSeq === undefined ? 'pk = :pk AND sk >= :from' : 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': entryKey(chain, 0).pk, ':from': pad(fromSeq), ...(toSeq === undefined ? {} : { ':to': pad(toSeq) }) },
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      entries.push(...(page.Items ?? []).map((it) => AuditEntrySchema.parse(it['entry'])));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return entries;
  };
  const chains = async (): Promise<string[]> => {
    const found: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({ TableName: tableName, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': chainIndex('').gsi2pk }, ExclusiveStartKey: startKey }),
      );
      found.push(...(page.Items ?? []).map((it) => z.string().parse(it['gsi2sk'])));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return [...new Set([...AUDIT_SHARDS, ...found])].sort();
  };
  const read = async (chain: string, fromSeq = 1) => {
    const head = await readHead(chain);
    return { entries: await readEntries(chain, fromSeq), head };
  };

  /** Up to `limit` matching entries of one chain after `after` (index order), and whether more may follow. */
  const chainPage = async (chain: string, query: AuditQuery, limit: number, after: string | undefined): Promise<{ entries: AuditEntry[]; more: boolean }> => {
    const from = after ?? query.since ?? '0';
    const to = query.until ?? '9999';
    const filters: string[] = [];
    const values: Record<string, unknown> = { ':pk': `AUDITLOG#${chain}`, ':from': from, ':to': to };
    if (query.actor !== undefined) (filters.push('#e.actor = :actor'), (values[':actor'] = query.actor));
    if (query.action !== undefined) (filters.push('#e.#action = :action'), (values[':action'] = query.action));
    if (query.object !== undefined) (filters.push('#e.target = :object'), (values[':object'] = query.object));
    const entries: AuditEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          // `>` on the position: BETWEEN is inclusive, so the position's own item is skipped below.
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
          ...(filters.length > 0 ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: { '#e': 'entry', ...(query.action !== undefined ? { '#action': 'action' } : {}) } } : {}),
          ExpressionAttributeValues: values,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        if (after !== undefined && item['gsi1sk'] === after) continue;
        if (query.until !== undefined && String(item['gsi1sk']) >= query.until) continue;
        entries.push(AuditEntrySchema.parse(item['entry']));
        if (entries.length >= limit) return { entries, more: true };
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return { entries, more: false };
  };

  return {
    shards: AUDIT_SHARDS,
    chains,
    read,

    async append(input) {
      if (input.personal && !options.pseudonymKey) throw new Error('This audit log has no pseudonym key: it cannot record personal values');
      const stored = pseudonymise(options.pseudonymKey && input.personal ? await options.pseudonymKey() : new Uint8Array(0), input);
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const chain = AUDIT_SHARDS[Math.floor(Math.random() * AUDIT_SHARDS.length)]!;
        const head = await readHead(chain);
        const entry = nextEntry(head, chain, stored, clock.now());
        try {
          await client.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: {
                    TableName: tableName,
                    Item: { ...entryKey(chain, entry.seq), ...timeIndex(chain, entry.at, entry.seq), entity: 'audit', entry },
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                },
                {
                  Put: {
                    TableName: tableName,
                    Item: { ...headKey(chain), ...chainIndex(chain), seq: entry.seq, hash: entry.hash },
                    ...(head
                      ? { ConditionExpression: '#s = :seq', ExpressionAttributeNames: { '#s': 'seq' }, ExpressionAttributeValues: { ':seq': head.seq } }
                      : { ConditionExpression: 'attribute_not_exists(pk)' }),
                  },
                },
              ],
            }),
          );
          return entry;
        } catch (error) {
          if (!isConditionFailure(error) && (error as { name?: string }).name !== 'TransactionCanceledException') throw error;
        }
      }
      throw new TransientError('audit_contention', 'Could not append to the audit log; try again');
    },

    async verify() {
      const verdicts: ChainVerdict[] = [];
      for (const chain of await chains()) {
        const { entries, head } = await read(chain);
        verdicts.push(verifyChain(chain, entries, head));
      }
      return verdicts;
    },

    async list(rawQuery, { limit, after = {} }) {
      const query = { ...rawQuery, since: utc(rawQuery.since), until: utc(rawQuery.until) };
      const names = await chains();
      const pages = await Promise.all(names.map(async (chain) => ({ chain, ...(await chainPage(chain, query, limit, after[chain])) })));
      const merged = pages
        .flatMap((p) => p.entries.map((entry) => ({ chain: p.chain, entry, key: `${entry.at}#${pad(entry.seq)}` })))
        .sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : a.entry.seq - b.entry.seq))
        .slice(0, limit);
      const position: AuditPosition = { ...after };
      for (const m of merged) position[m.chain] = m.key;
      const more = pages.some((p) => p.more || p.entries.some((e) => !merged.some((m) => m.entry === e)));
      return { entries: merged.map((m) => m.entry), ...(more ? { next: position } : {}) };
    },

    async exportRange(rawSince, rawUntil, throughSeq) {
      const since = utc(rawSince)!;
      const until = utc(rawUntil)!;
      const names = await chains();
      const bounds = new Map<string, { first: number; last: number }>();
      let total = 0;
      for (const chain of names) {
        let startKey: Record<string, unknown> | undefined;
        let first: number | undefined;
        let last: number | undefined;
        do {
          const page = await client.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: 'gsi1',
              KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
              ExpressionAttributeValues: { ':pk': `AUDITLOG#${chain}`, ':from': since, ':to': until },
              ProjectionExpression: 'gsi1sk',
              ExclusiveStartKey: startKey,
            }),
          );
          for (const item of page.Items ?? []) {
            const key = String(item['gsi1sk']);
            if (key >= until) continue;
            const seq = Number(key.slice(-SEQ_DIGITS));
            first = Math.min(first ?? seq, seq);
            last = Math.max(last ?? seq, seq);
          }
          startKey = page.LastEvaluatedKey;
        } while (startKey);
        const through = throughSeq[chain] ?? 0;
        if (first === undefined && through > 0) {
          // Nothing in the range, but a checkpoint after it: nothing of this chain needs exporting.
          continue;
        }
        if (first === undefined || last === undefined) continue;
        const end = Math.max(last, through);
        bounds.set(chain, { first, last: end });
        total += end - first + 1;
        if (total > MAX_EXPORT_ENTRIES) {
          throw new ValidationError('The range holds too many audit entries for one export', [
            { path: 'until', message: `more than ${MAX_EXPORT_ENTRIES} entries; narrow the range` },
          ]);
        }
      }
      const out: Array<{ chain: string; head: { seq: number; hash: string } | null; entries: AuditEntry[] }> = [];
      for (const chain of names) {
        const head = (await readHead(chain)) ?? null;
        const b = bounds.get(chain);
        out.push({ chain, head, entries: b ? await readEntries(chain, b.first, b.last) : [] });
      }
      return out;
    },
  };
};

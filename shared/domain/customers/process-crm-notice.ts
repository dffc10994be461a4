import type { Clock } from '../clock.js';
import type { CrmChangeNotice } from '../crm/change-notice.js';
import { mapRecord, UnknownObjectTypeError, type ConnectionConfig } from '../crm/field-mapping.js';
import { isEcho, type WriteBackFingerprint } from '../crm/loop-guard.js';
import { NotFoundError, PermanentError } from '../errors.js';
import type { SourceRecordStore } from './crm-ports.js';
import type { IngestOne, IngestOutcome } from './ingest-crm-record.js';

export interface NoticeDeps {
  connections: { get(connectionId: string): Promise<ConnectionConfig | undefined> };
  fetchRecord(config: ConnectionConfig, objectName: string, id: string): Promise<Record<string, unknown>>;
  fingerprints: { recent(connectionId: string, externalId: string, now: Date): Promise<WriteBackFingerprint[]> };
  countEcho(connectionId: string): Promise<void>;
  sources: SourceRecordStore;
  ingest: IngestOne;
  clock: Clock;
}

export type NoticeOutcome = { status: 'echo_dropped'; reason: string } | { status: 'processed'; results: Array<IngestOutcome | { status: 'gone'; externalId: string }> };

const ECHO_WINDOW_MS = 15 * 60_000;

/**
 * One CRM change notice: drop it when it is the echo of our own write-back (counted; never the
 * first sight of a record on this connection, which is ingested), refuse
 * unmapped objects (UnknownObjectTypeError → quarantined by the consumer), read each record from
 * the CRM unless the notice carried it, map it and ingest it. A deletion marks the stored source
 * record deleted (its aggregate contribution is withdrawn); a record the CRM no longer has is skipped.
 */
export const processCrmNotice = (deps: NoticeDeps) => async (notice: CrmChangeNotice, native?: Record<string, unknown>, receivedAt?: Date): Promise<NoticeOutcome> => {
  const at = receivedAt ?? deps.clock.now();
  // A CRM clock running ahead must not date a deletion into the future either.
  const occurredAt = Math.min(Date.parse(notice.occurredAt), at.getTime());
  const config = await deps.connections.get(notice.connectionId);
  if (!config) throw new PermanentError('unknown_connection', `Connection ${notice.connectionId} is not configured`);
  const mapping = Object.hasOwn(config.objects, notice.objectName) ? config.objects[notice.objectName] : undefined;
  if (!mapping) throw new UnknownObjectTypeError(notice.objectName, notice.connectionId);
  const first = notice.externalIds[0] ?? '';
  const recent = notice.operation === 'update' ? await deps.fingerprints.recent(notice.connectionId, first, deps.clock.now()) : [];
  const verdict = isEcho(notice, recent, { integrationUsers: config.integrationUsers, windowMs: ECHO_WINDOW_MS });
  // "Last changed by our integration user" presupposes a record this connection has ingested. A row our
  // write-back touched through another connection to the same tenant (a second connection polling it for the
  // first time) is a first sight: ingest it. (A fingerprint match names this connection's own write-back.)
  const firstSight =
    verdict.echo && verdict.reason === 'integration_user' && notice.externalIds.length === 1 && notice.operation !== 'delete'
      ? (await deps.sources.get({ crm: config.crm, connectionId: config.connectionId, objectType: mapping.objectType, externalId: first })) === undefined
      : false;
  if (verdict.echo && !firstSight) {
    await deps.countEcho(notice.connectionId);
    return { status: 'echo_dropped', reason: verdict.reason };
  }
  const results: NoticeOutcome & { status: 'processed' } = { status: 'processed', results: [] };
  for (const externalId of notice.externalIds) {
    if (notice.operation === 'delete') {
      const previous = await deps.sources.get({ crm: config.crm, connectionId: config.connectionId, objectType: mapping.objectType, externalId });
      if (!previous) results.results.push({ status: 'gone', externalId });
      else results.results.push(await deps.ingest({ ...previous, deleted: true, modifiedAt: new Date(Math.max(occurredAt, Date.parse(previous.modifiedAt) + 1)).toISOString() }, { receivedAt: at }));
      continue;
    }
    let record: Record<string, unknown>;
    try {
      record = native && notice.externalIds.length === 1 ? native : await deps.fetchRecord(config, notice.objectName, externalId);
    } catch (error) {
      if (error instanceof NotFoundError) {
        results.results.push({ status: 'gone', externalId });
        continue;
      }
      throw error;
    }
    results.results.push(await deps.ingest(mapRecord(config, notice.objectName, record), { receivedAt: at }));
  }
  return results;
};

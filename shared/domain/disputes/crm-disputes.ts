import type { CrmRecord } from '../crm/crm-record.js';
import type { IngestOutcome } from '../customers/ingest-crm-record.js';
import { ValidationError } from '../errors.js';
import type { ManageDisputes } from './manage-disputes.js';

/**
 * After a CRM message was ingested: opens a dispute for each `disputed` invoice in it, on the
 * customer the ingest resolved (a message's records belong to one customer). Runs on replays too
 * (the dispute id comes from the invoice version, so nothing opens twice), which also heals a
 * crash between the ingest and the dispute. An invoice of a pending stub customer opens nothing
 * (it has no rating to protect yet); other failures fail the message so that it is retried.
 */
export const openCrmDisputes = (disputes: Pick<ManageDisputes, 'openFromCrm'>) => async (records: readonly CrmRecord[], outcomes: readonly IngestOutcome[]): Promise<string[]> => {
  const customerId = outcomes.find((o) => !(o.status === 'applied' && o.pending))?.customerId;
  if (customerId === undefined) return [];
  const opened: string[] = [];
  for (const record of records) {
    if (record.objectType !== 'invoice' || record.status !== 'disputed') continue;
    try {
      const outcome = await disputes.openFromCrm(record, customerId);
      if (outcome) opened.push(outcome.dispute.disputeId);
    } catch (error) {
      if (error instanceof ValidationError) continue;
      throw error;
    }
  }
  return opened;
};

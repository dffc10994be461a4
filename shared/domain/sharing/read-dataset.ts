import { z } from 'zod';
import type { AuditEntry, AuditInput } from '../audit/audit-chain.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import { AgreementIdSchema, agreementsCovering } from './agreement.js';
import { datasetRow, DatasetIdSchema, inDataset } from './datasets.js';
import type { AgreementRepository, ProfilePages } from './ports.js';
import { DatasetRowSchema, redactRow } from './redact.js';

/** Query of GET /v1/datasets/{dataset} besides the page size and cursor: which agreement, when several cover the dataset. */
export const DatasetQuerySchema = z.strictObject({
  agreementId: AgreementIdSchema.optional().describe('The agreement to read under, when several cover the dataset'),
});
export type DatasetQuery = z.infer<typeof DatasetQuerySchema>;

/** Where the next page starts: the agreement and dataset it was read under and the source's opaque position. */
const DatasetPositionSchema = z.strictObject({ agreementId: z.string(), dataset: z.string(), after: z.string() });
export type DatasetPosition = z.infer<typeof DatasetPositionSchema>;

/** One page of a dataset as a consultant sees it (redacted rows). */
export const DatasetPageSchema = z.object({
  dataset: DatasetIdSchema,
  agreementId: AgreementIdSchema,
  rows: z.array(DatasetRowSchema).describe('Redacted rows: only the fields the agreement shares, masked, hashed or bucketed as it says'),
});
export type DatasetPage = z.infer<typeof DatasetPageSchema>;

/** Denied access answers the same whether the dataset is unknown to the agreement, expired or revoked. */
const denied = () => new ForbiddenError('No active data-sharing agreement covers this dataset');

/**
 * A consultant reads one page of a dataset: only under an active agreement of its own
 * (tenantRef = consultantRef) that covers the dataset; an unknown dataset is answered like one
 * outside the caller's agreements (403). Rows are redacted by the agreement's field rules (deny by
 * default). `after` is the position a previous page gave back (its integrity is the caller's
 * business, e.g. a signed cursor); one of another agreement or dataset is a 422. Every read is
 * audited: who, dataset, agreement, row count — no row data.
 */
export const readDataset = ({ agreements, profiles, audit, clock }: { agreements: AgreementRepository; profiles: ProfilePages; audit: { append(input: AuditInput): Promise<AuditEntry> }; clock: Clock }) =>
  async (datasetName: string, query: DatasetQuery & { limit: number; after?: unknown }, by: Principal): Promise<{ page: DatasetPage; next?: DatasetPosition }> => {
    const known = DatasetIdSchema.safeParse(datasetName);
    if (!known.success || by.role !== 'consultant' || !by.tenantRef) throw denied();
    const dataset = known.data;
    const now = clock.now();
    const covering = agreementsCovering(await agreements.listForConsultant(by.tenantRef), by.tenantRef, dataset, now).filter(
      (a) => query.agreementId === undefined || a.agreementId === query.agreementId,
    );
    if (covering.length === 0) throw denied();
    if (covering.length > 1) throw new ValidationError('Several agreements cover this dataset', [{ path: 'agreementId', message: `choose one of ${covering.map((a) => a.agreementId).join(', ')}`, in: 'query' }]);
    const agreement = covering[0]!;
    let sourceCursor: string | undefined;
    if (query.after !== undefined) {
      const position = DatasetPositionSchema.safeParse(query.after);
      if (!position.success || position.data.agreementId !== agreement.agreementId || position.data.dataset !== dataset) {
        throw new ValidationError('The cursor is not valid', [{ path: 'cursor', message: 'not a cursor of this dataset and agreement', code: 'invalid_cursor', in: 'query' }]);
      }
      sourceCursor = position.data.after;
    }
    const page = await profiles.page({ limit: query.limit, ...(sourceCursor ? { cursor: sourceCursor } : {}) });
    const rows = page.profiles.filter(inDataset).map((p) => redactRow(datasetRow(dataset, p), agreement.fields, agreement.salt));
    await audit.append({ actor: by.principalId, action: 'dataset.read', target: `dataset:${dataset}`, details: { agreementId: agreement.agreementId, rows: rows.length, page: query.after === undefined ? 'first' : 'next' }, personal: { consultantRef: by.tenantRef } });
    return { page: { dataset, agreementId: agreement.agreementId, rows }, ...(page.nextCursor ? { next: { agreementId: agreement.agreementId, dataset, after: page.nextCursor } } : {}) };
  };

import { z } from 'zod';
import type { AuditEntry, AuditInput } from '../audit/audit-chain.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import { agreementsCovering } from './agreement.js';
import { datasetRow, inDataset, type DatasetId } from './datasets.js';
import type { AgreementRepository, ProfilePages } from './ports.js';
import { redactRow, type DatasetRow } from './redact.js';

export const DatasetQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(2000).optional(),
    agreementId: z.string().max(64).optional(),
  })
  .strict();
export type DatasetQuery = z.infer<typeof DatasetQuerySchema>;

/** The cursor handed to consultants: bound to one agreement and dataset. */
const CursorSchema = z.object({ a: z.string(), d: z.string(), k: z.string() }).strict();

const encodeCursor = (agreementId: string, dataset: string, k: string): string => Buffer.from(JSON.stringify({ a: agreementId, d: dataset, k }), 'utf8').toString('base64url');

const decodeCursor = (cursor: string): z.infer<typeof CursorSchema> | undefined => {
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

export interface DatasetPage {
  dataset: DatasetId;
  agreementId: string;
  rows: DatasetRow[];
  nextCursor?: string;
}

/** Denied access answers the same whether the dataset is unknown to the agreement, expired or revoked. */
const denied = () => new ForbiddenError('No active data-sharing agreement covers this dataset');

/**
 * A consultant reads one page of a dataset: only under an active agreement of its own
 * (tenantRef = consultantRef) that covers the dataset; rows redacted by the agreement's field
 * rules (deny by default). Every read is audited: who, dataset, agreement, row count — no row data.
 */
export const readDataset = ({ agreements, profiles, audit, clock }: { agreements: AgreementRepository; profiles: ProfilePages; audit: { append(input: AuditInput): Promise<AuditEntry> }; clock: Clock }) =>
  async (dataset: DatasetId, query: DatasetQuery, by: Principal): Promise<DatasetPage> => {
    if (by.role !== 'consultant' || !by.tenantRef) throw denied();
    const now = clock.now();
    const covering = agreementsCovering(await agreements.listForConsultant(by.tenantRef), by.tenantRef, dataset, now).filter(
      (a) => query.agreementId === undefined || a.agreementId === query.agreementId,
    );
    if (covering.length === 0) throw denied();
    if (covering.length > 1) throw new ValidationError('Several agreements cover this dataset', [{ path: 'agreementId', message: `choose one of ${covering.map((a) => a.agreementId).join(', ')}` }]);
    const agreement = covering[0]!;
    let sourceCursor: string | undefined;
    if (query.cursor !== undefined) {
      const decoded = decodeCursor(query.cursor);
      if (!decoded || decoded.a !== agreement.agreementId || decoded.d !== dataset) throw new ValidationError('The cursor is not valid', [{ path: 'cursor', message: 'not a cursor of this dataset and agreement' }]);
      sourceCursor = decoded.k;
    }
    const page = await profiles.page({ limit: query.limit, ...(sourceCursor ? { cursor: sourceCursor } : {}) });
    const rows = page.profiles.filter(inDataset).map((p) => redactRow(datasetRow(dataset, p), agreement.fields, agreement.salt));
    await audit.append({ actor: by.principalId, action: 'dataset.read', target: `dataset:${dataset}`, details: { agreementId: agreement.agreementId, consultantRef: by.tenantRef, rows: rows.length, page: query.cursor ? 'next' : 'first' } });
    return { dataset, agreementId: agreement.agreementId, rows, ...(page.nextCursor ? { nextCursor: encodeCursor(agreement.agreementId, dataset, page.nextCursor) } : {}) };
  };

import { z } from 'zod';
import { CrmNameSchema, CrmRecordSchema } from '../../shared/domain/crm/crm-record.js';
import { ColumnMappingSchema } from '../../shared/domain/crm/bulk-import/column-mapping.js';
import type { CreateImport } from '../../shared/domain/customers/bulk-import-job.js';
import { ValidationError } from '../../shared/domain/errors.js';
import { parseOrThrow } from '../../shared/domain/validation.js';

export const ConnectionPathSchema = z.object({ connectionId: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'letters, digits, _ . - (at most 100)') });
export const ReviewPathSchema = z.object({ reviewId: z.string().regex(/^rev_[0-9A-Za-z-]{1,64}$/, 'a review id (rev_…)') });
export const ImportPathSchema = z.object({ importId: z.string().regex(/^imp_[0-9A-Z]{26}$/, 'an import id (imp_…)') });

/** Body of PUT /v1/crm/connections/{id}: a full configuration, or a template plus top-level overrides. */
export const PutConnectionSchema = z.looseObject({ template: CrmNameSchema.optional() });

export const ArmChannelSchema = z.strictObject({
  events: z.array(z.string().regex(/^[A-Za-z0-9_]+\.(all|create|edit|delete)$/)).min(1).max(20).optional(),
  channelId: z.string().regex(/^\d{1,19}$/).optional(),
});

/** Body of POST /v1/crm/{connectionId}/records. */
export const IngestRecordsSchema = z.union([
  z.strictObject({ objectName: z.string().min(1), records: z.array(z.record(z.string(), z.unknown())).min(1).max(500) }),
  z.strictObject({ records: z.array(CrmRecordSchema).min(1).max(500) }),
]);

/** JSON body of POST /v1/imports (a CSV/NDJSON body takes the same fields as query parameters). */
export const CreateImportSchema = z.strictObject({
  mapping: z.union([z.string().min(1), ColumnMappingSchema]),
  format: z.enum(['csv', 'ndjson']).default('csv'),
  connectionId: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/).optional(),
  data: z.string().optional(),
  /** False when more chunks follow (POST /v1/imports/{id}/chunks). */
  complete: z.boolean().default(true),
});

export const ImportQuerySchema = z.object({
  mapping: z.string().min(1).optional(),
  connectionId: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/).optional(),
  complete: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Lines of the original file before this chunk's header line (so reported lines are file lines). */
  lineOffset: z.coerce.number().int().nonnegative().default(0),
});

/**
 * The import command of POST /v1/imports: a JSON body (`CreateImportSchema`), or a raw CSV/NDJSON body
 * with its fields as query parameters (`mapping` then required; NDJSON when the content type says so).
 */
export const parseCreateImport = (request: { headers: Record<string, string>; query: Record<string, string>; rawBody: string; json(): unknown }): CreateImport => {
  const contentType = request.headers['content-type'] ?? '';
  if (/json/i.test(contentType) && !/ndjson/i.test(contentType)) {
    const input = parseOrThrow(CreateImportSchema, request.json(), 'import');
    return { data: input.data ?? '', format: input.format, mapping: input.mapping, connectionId: input.connectionId, complete: input.complete };
  }
  const query = parseOrThrow(ImportQuerySchema, request.query, 'query');
  if (!query.mapping) throw new ValidationError('A mapping is required', [{ path: 'mapping', message: 'required' }]);
  return { data: request.rawBody, format: /ndjson/i.test(contentType) ? 'ndjson' : 'csv', mapping: query.mapping, connectionId: query.connectionId, complete: query.complete };
};

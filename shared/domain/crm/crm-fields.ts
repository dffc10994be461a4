import { z } from 'zod';
import type { Clock } from '../clock.js';
import { DomainError, NotFoundError, PermanentError, ValidationError } from '../errors.js';
import type { AuditPort } from '../risk/ports.js';
import type { CrmName } from './crm-record.js';
import type { ConnectionConfig, WriteBackSource } from './field-mapping.js';

/** What a write-back field holds; each CRM adapter turns it into its own field type. */
export type CrmFieldKind = 'boolean' | 'text' | 'textarea' | 'currency' | 'number' | 'decimal' | 'datetime';

/** Longest hold reason written to a CRM: every setup creates the reason field with this length (Salesforce Text 255, Zoho single line 255). */
export const HOLD_REASON_MAX_LENGTH = 255;

/** The kind (and length) of the CRM field each write-back source needs. */
export const WRITE_BACK_FIELD_KINDS: Record<WriteBackSource, { kind: CrmFieldKind; length?: number; label: string }> = {
  grade: { kind: 'text', length: 20, label: 'Risk grade' },
  score: { kind: 'number', label: 'Risk score' },
  pd: { kind: 'decimal', label: 'Probability of default' },
  limit: { kind: 'currency', label: 'Credit limit' },
  limitCurrency: { kind: 'text', length: 3, label: 'Credit limit currency' },
  reasons: { kind: 'textarea', label: 'Risk reasons' },
  ratedAt: { kind: 'datetime', label: 'Risk rated at' },
  policyVersion: { kind: 'number', label: 'Risk policy version' },
  creditHold: { kind: 'boolean', label: 'Credit hold' },
  holdReason: { kind: 'text', length: HOLD_REASON_MAX_LENGTH, label: 'Credit hold reason' },
};

/** One field the write-back needs, as the setup asks the CRM to create it. */
export interface CrmFieldSpec {
  source: WriteBackSource;
  /** The field's API name as the connection's write-back map names it. */
  apiName: string;
  label: string;
  kind: CrmFieldKind;
  length?: number;
}

/**
 * Port: a CRM's field-metadata API for one object (Zoho `settings/fields`, HubSpot CRM v3
 * properties, Salesforce describe + Tooling `CustomField`, Fxiaoke object describe).
 */
export interface CrmFieldMetadata {
  /** API names of the object's fields. */
  listFields(connection: ConnectionConfig, objectName: string): Promise<Set<string>>;
  /** Creates one field; PermanentError `crm_field_not_creatable` where the CRM offers no API for it. */
  createField(connection: ConnectionConfig, objectName: string, spec: CrmFieldSpec): Promise<void>;
}

export const FieldCheckSchema = z.object({
  source: z.string(),
  field: z.string(),
  status: z.enum(['present', 'created', 'failed']),
  /** Why it failed: a stable code and a sentence, never the CRM's payload. */
  reason: z.string().optional(),
});
export type FieldCheck = z.infer<typeof FieldCheckSchema>;

export const FieldSetupReportSchema = z
  .object({
    connectionId: z.string(),
    crm: z.string(),
    objectName: z.string(),
    fields: z.array(FieldCheckSchema),
    /** Every field is present or was created: write-backs can carry all of them. */
    ready: z.boolean(),
    checkedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'CrmFieldSetupReport' });
export type FieldSetupReport = z.infer<typeof FieldSetupReportSchema>;

/** A write-back named a field the CRM does not have: deterministic, quarantined with the field's name, never retried. */
export class CrmFieldMissingError extends PermanentError {
  constructor(crm: CrmName, field: string | undefined, options: { cause?: unknown } = {}) {
    super('crm_field_missing', `${crm} has no field ${field ?? '(unnamed)'}: run the CRM field setup for this connection`, {
      ...options,
      details: { crm, ...(field !== undefined ? { field } : {}) },
    });
  }
}

/** The fields a connection's write-back map needs, with their kinds. */
export const writeBackFieldSpecs = (connection: ConnectionConfig): CrmFieldSpec[] =>
  Object.entries(connection.writeBack?.fields ?? {}).flatMap(([source, apiName]) => {
    const kind = WRITE_BACK_FIELD_KINDS[source as WriteBackSource];
    return apiName && kind ? [{ source: source as WriteBackSource, apiName, label: `RiskBridge ${kind.label}`, kind: kind.kind, ...(kind.length ? { length: kind.length } : {}) }] : [];
  });

const reasonOf = (error: unknown): string => (error instanceof DomainError ? `${error.code}: ${error.message}` : 'unexpected: the CRM call failed');

/**
 * The setup step of a connection: checks every field its write-back map names on the write-back
 * object and creates the missing ones through the CRM's metadata API. Answers one line per field
 * (`present`, `created`, or `failed` with the reason); a field that fails does not stop the others.
 * Audited. Running it again changes nothing once every field is there.
 * @throws NotFoundError for an unknown connection; ValidationError when it has no write-back map or its CRM no metadata API here.
 */
export const setupCrmFields =
  ({ connections, metadata, audit, clock }: { connections: { get(id: string): Promise<ConnectionConfig | undefined> }; metadata: Partial<Record<CrmName, CrmFieldMetadata>>; audit: AuditPort; clock: Clock }) =>
  async (connectionId: string, actor: string): Promise<FieldSetupReport> => {
    const connection = await connections.get(connectionId);
    if (!connection) throw new NotFoundError(`Connection ${connectionId}`);
    if (!connection.writeBack) throw new ValidationError('The connection writes nothing back', [{ path: 'connectionId', message: 'has no writeBack map', in: 'path' }]);
    const api = metadata[connection.crm];
    if (!api) throw new ValidationError(`${connection.crm} connections have no field setup`, [{ path: 'connectionId', message: `a ${connection.crm} connection`, in: 'path' }]);
    const objectName = connection.writeBack.objectName;
    const specs = writeBackFieldSpecs(connection);
    const existing = await api.listFields(connection, objectName);
    const fields: FieldCheck[] = [];
    for (const spec of specs) {
      if (existing.has(spec.apiName)) {
        fields.push({ source: spec.source, field: spec.apiName, status: 'present' });
        continue;
      }
      try {
        await api.createField(connection, objectName, spec);
        fields.push({ source: spec.source, field: spec.apiName, status: 'created' });
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        fields.push({ source: spec.source, field: spec.apiName, status: 'failed', reason: reasonOf(error) });
      }
    }
    const report: FieldSetupReport = { connectionId, crm: connection.crm, objectName, fields, ready: fields.every((f) => f.status !== 'failed'), checkedAt: clock.now().toISOString() };
    await audit.append({
      actor,
      action: 'crm.connection.fields',
      target: `connection:${connectionId}`,
      details: { created: fields.filter((f) => f.status === 'created').map((f) => f.field), failed: fields.filter((f) => f.status === 'failed').map((f) => f.field) },
    });
    return report;
  };

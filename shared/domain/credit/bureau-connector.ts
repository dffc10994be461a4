import { z } from 'zod';
import { PermanentError } from '../errors.js';
import { BureauIdSchema, type BureauId } from './credit-summary.js';
import type { CreditReport } from './credit-report.js';

/**
 * Who we ask a bureau about. `identifiers` use our identifier schemes plus bureau-specific
 * ones (`ssn`, `duns`, `cn_uscc`, `creditsafe_id`, ...); adapters pick the ones they need.
 */
export const BureauSubjectSchema = z.object({
  customerId: z.string().min(1).max(100),
  kind: z.enum(['consumer', 'business']),
  name: z.string().min(1).max(300),
  identifiers: z.array(z.object({ scheme: z.string().min(1).max(50), value: z.string().min(1).max(100) })).default([]),
  address: z
    .object({
      lines: z.array(z.string().max(200)).max(6).default([]),
      city: z.string().max(100).optional(),
      region: z.string().max(100).optional(),
      postalCode: z.string().max(20).optional(),
      country: z.string().regex(/^[A-Z]{2}$/).optional(),
    })
    .optional(),
  /** ISO date (YYYY-MM-DD), consumers only. */
  dateOfBirth: z.iso.date().optional(),
});
export type BureauSubject = z.infer<typeof BureauSubjectSchema>;

/** The bytes a bureau answered with, kept verbatim for audit and re-normalisation. */
export const RawBureauReportSchema = z.object({
  bureau: BureauIdSchema,
  product: z.string().min(1).max(100),
  /** Media type of `body`, e.g. `application/json`, `text/plain` (Metro 2). */
  contentType: z.string().min(1).max(100),
  body: z.string(),
  receivedAt: z.iso.datetime({ offset: true }),
});
export type RawBureauReport = z.infer<typeof RawBureauReportSchema>;

/** Per-call context: the pull's request id (lineage, idempotency) and an optional cancel signal. */
export interface BureauRequestContext {
  requestId: string;
  signal?: AbortSignal;
}

/**
 * Port for one bureau product (adapter side, HTTP). Implementations authenticate, call the
 * vendor API and return the raw answer without interpreting it.
 *
 * Throws `TransientError` (5xx, 429 with `retryAfterMs`, timeouts, network) or
 * `PermanentError` (`subject_not_found`, `bureau_rejected` for other 4xx, `bureau_auth_failed`,
 * `malformed_report` when the body cannot even be read).
 */
export interface BureauConnector {
  readonly bureau: BureauId;
  readonly product: string;
  fetchReport(subject: BureauSubject, ctx: BureauRequestContext): Promise<RawBureauReport>;
}

/** Lineage handed to a normaliser: ids are chosen by the pull pipeline. */
export interface NormaliseMeta {
  reportId: string;
  pulledAt: string;
  requestId: string;
}

/**
 * Pure function from raw bytes to the canonical model. Lenient on individual values (drops
 * them with a `warnings` entry), strict on structure: throws {@link MalformedReportError} when
 * the body is not the expected format, {@link SubjectNotFoundError} when the bureau says
 * "no hit". Never throws anything else; always returns a `CreditReportSchema`-valid value.
 */
export type Normaliser = (raw: RawBureauReport, meta: NormaliseMeta) => CreditReport;

/** The bureau payload is not in the format its normaliser expects (code `malformed_report`). */
export class MalformedReportError extends PermanentError {
  readonly reason: string;
  /** The bytes the bureau answered with, for quarantine (never logged or put in details). */
  readonly rawBody: string | undefined;
  constructor(reason: string, options: { cause?: unknown; details?: Record<string, unknown>; rawBody?: string } = {}) {
    const { rawBody, ...rest } = options;
    super('malformed_report', `Bureau report is malformed: ${reason}`, { ...rest, details: { ...rest.details, reason } });
    this.reason = reason;
    this.rawBody = rawBody;
  }
}

/** The bureau has no file for the subject (code `subject_not_found`). */
export class SubjectNotFoundError extends PermanentError {
  constructor(bureau: BureauId, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super('subject_not_found', `${bureau} has no report for the subject`, { ...options, details: { ...options.details, bureau } });
  }
}

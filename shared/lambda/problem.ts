import { z } from 'zod';
import { DomainError, MalformedInputError, ValidationError } from '../domain/errors.js';

/** RFC 9457 problem details, the body of every error answer. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  errors?: Array<{ path: string; message: string; code?: string; in?: string }>;
  /** The object's current state, when a change was refused because of it (409). */
  current?: unknown;
}

/** The published shape of a problem (OpenAPI components.schemas.Problem). */
export const ProblemSchema = z
  .object({
    type: z.string().describe('A stable URI per code; it resolves to the code\'s documentation'),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().optional().describe('The request path'),
    code: z.string().describe('Stable machine-readable code (see the problem catalogue)'),
    errors: z
      .array(
        z.object({
          path: z.string().describe('Path of the failing value, relative to `in` (`items[2].amount`; `(root)` for the whole value)'),
          message: z.string(),
          code: z.string().optional(),
          in: z.enum(['body', 'query', 'path', 'header']).optional(),
        }),
      )
      .optional(),
    current: z.record(z.string(), z.unknown()).optional().describe('On a refused transition: the object as it stands now (e.g. the approval with its status and checkers)'),
  })
  .meta({ id: 'Problem', title: 'Problem details (RFC 9457)' });

/** Every code the API answers, with its status and what a client should do about it. */
export const PROBLEM_CATALOGUE: Readonly<Record<string, { status: number; title: string; description: string }>> = {
  malformed_input: { status: 400, title: 'Bad Request', description: 'The request could not be read: the body is not valid JSON, a required body is missing, or the path is not validly percent-encoded.' },
  unauthorized: { status: 401, title: 'Unauthorized', description: 'No valid credential: send `Authorization: Bearer rbk_…` (an API key) or a session token.' },
  forbidden: { status: 403, title: 'Forbidden', description: 'The caller is authenticated but its role, scopes or tenant do not allow this.' },
  link_expired: { status: 403, title: 'Forbidden', description: 'The download link has expired; read the job again (`GET /v1/jobs/{jobId}`) for a fresh link.' },
  link_invalid: { status: 403, title: 'Forbidden', description: 'The download link was not issued by this hub, was altered, or was issued to another caller.' },
  self_approval: { status: 403, title: 'Forbidden', description: 'Four eyes: the person who made a change cannot approve it.' },
  not_found: { status: 404, title: 'Not Found', description: 'The route or the object does not exist (or is not visible to this caller).' },
  method_not_allowed: { status: 405, title: 'Method Not Allowed', description: 'The path exists but not with this method.' },
  agreement_revoked: { status: 409, title: 'Conflict', description: 'The data-sharing agreement is revoked and can no longer change; `current` shows it as it is. Create a new agreement instead.' },
  conflict: { status: 409, title: 'Conflict', description: 'The object changed meanwhile or the change breaks a uniqueness rule; read it again and retry.' },
  job_final: { status: 409, title: 'Conflict', description: 'The job has finished (succeeded, failed or cancelled); it can no longer be cancelled.' },
  idempotency_in_progress: { status: 409, title: 'Conflict', description: 'A request with the same `Idempotency-Key` is still running; retry after `Retry-After` seconds to get its result.' },
  approval_transition_refused: { status: 409, title: 'Conflict', description: 'The approval is not pending any more (granted, rejected, expired), or this person already approved it; `current` shows its state.' },
  alert_transition_refused: { status: 409, title: 'Conflict', description: 'The alert\'s state does not allow this move (e.g. resolving a resolved alert); `current` shows its `status` and the moves it `allowed`.' },
  dispute_transition_refused: { status: 409, title: 'Conflict', description: 'The dispute\'s state does not allow this move (`open → under_review → resolved`), or a resolution with another outcome is pending; `current` shows its `status`, the moves it `allowed` and any `pendingResolution`.' },
  dispute_already_open: { status: 409, title: 'Conflict', description: 'The subject already has an open dispute; `current` names it. Comment on it or resolve it instead.' },
  incident_transition_refused: { status: 409, title: 'Conflict', description: 'The post-incident review\'s state does not allow this move or change (`draft → in_review → closed`; a closed review is final); `current` shows its `status` and the moves it `allowed`.' },
  second_person_required: { status: 409, title: 'Conflict', description: 'Four eyes: the person who asked for this resolution or closing cannot complete it; a second person calls the same route.' },
  measure_transition_refused: { status: 409, title: 'Conflict', description: 'The emergency measure is not active any more (lifted or expired); `current` shows it as it stands.' },
  policy_transition_refused: { status: 409, title: 'Conflict', description: 'The policy is not in a state that allows this step.' },
  subscription_pending_approval: { status: 409, title: 'Conflict', description: 'The subscription carries personal data and waits for its `subscription.create` approval: it cannot be enabled or changed until another person grants it (or delete it); `current` shows it.' },
  payload_too_large: { status: 413, title: 'Content Too Large', description: 'The body is larger than the route accepts; split it (imports take chunks) or use a job.' },
  unsupported_media_type: { status: 415, title: 'Unsupported Media Type', description: 'The `Content-Type` is not one the route accepts.' },
  validation_failed: { status: 422, title: 'Unprocessable Content', description: 'The input broke the route\'s schema or a business rule; `errors` lists every failing path, including unknown fields and parameters and invalid cursors. An `Idempotency-Key` that is malformed (`invalid_idempotency_key`) or was used with another request (`idempotency_key_reused`) is reported at the header.' },
  consent_required: { status: 422, title: 'Unprocessable Content', description: 'A bureau pull needs a recorded consent or permissible purpose for this subject.' },
  unsafe_url: { status: 422, title: 'Unprocessable Content', description: 'The URL is not allowed as an outbound destination (scheme, port, credentials, or a host that does not resolve to a public address); see the outbound rules in docs/deploy.md.' },
  crm_credentials_missing: { status: 422, title: 'Unprocessable Content', description: 'The CRM connection names no secret for a credential role the call needs (`credentials`).' },
  crm_unauthorized: { status: 422, title: 'Unprocessable Content', description: 'The CRM refused the credentials the connection names (e.g. arming a Zoho channel); fix the secret, then retry.' },
  crm_forbidden: { status: 422, title: 'Unprocessable Content', description: 'The CRM forbids the call for the connection\'s user or app (scopes, permissions).' },
  crm_rejected: { status: 422, title: 'Unprocessable Content', description: 'The CRM rejected the request (e.g. a channel with events it does not know).' },
  crm_secret_not_bound: { status: 422, title: 'Unprocessable Content', description: 'The stored connection names a secret outside its own `riskbridge/<crm>/<connectionId>/` prefix; save the connection again with its own secret names.' },
  crm_redirect: { status: 422, title: 'Unprocessable Content', description: 'The CRM answered with a redirect; the hub never follows redirects. Point the connection\'s `apiBaseUrl` / `authBaseUrl` at the final host.' },
  response_too_large: { status: 422, title: 'Unprocessable Content', description: 'An outbound call (e.g. to the CRM) answered with more than the hub reads; nothing was changed.' },
  crm_timeout: { status: 503, title: 'Service Unavailable', description: 'The CRM did not answer in time; nothing was changed. Retry later.' },
  crm_unreachable: { status: 503, title: 'Service Unavailable', description: 'The CRM could not be reached; nothing was changed. Retry later.' },
  crm_unavailable: { status: 503, title: 'Service Unavailable', description: 'The CRM answered with a server error; nothing was changed. Retry later.' },
  crm_rate_limited: { status: 503, title: 'Service Unavailable', description: 'The CRM is throttling the hub\'s calls; retry later.' },
  dns_unavailable: { status: 503, title: 'Service Unavailable', description: 'A URL\'s host name could not be resolved right now (a DNS outage), so it could not be checked or called; nothing was changed. Retry later.' },
  budget_exceeded: { status: 429, title: 'Too Many Requests', description: 'A bureau budget for the period is used up.' },
  rate_limited: { status: 429, title: 'Too Many Requests', description: 'Too many requests from this caller (API key or person) in one route class (reads, writes, bulk); wait for `Retry-After` seconds. `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` describe the bucket (docs/rate-limits.md).' },
  internal_error: { status: 500, title: 'Internal Server Error', description: 'A fault on our side; the `x-request-id` header helps us find it.' },
  job_not_started: { status: 503, title: 'Service Unavailable', description: 'The job could not be handed to a worker (it is marked failed); start it again after `Retry-After` seconds.' },
  no_rfm_data: { status: 422, title: 'Unprocessable Content', description: 'No (or fewer than 5) active customers had ordered by the as-of date: RFM quintiles cannot be fitted.' },
  no_history_before: { status: 422, title: 'Unprocessable Content', description: 'The as-of date is before the kept profile history begins (or older than its 24-month retention); `details.historyBegins` says the earliest date that can be replayed.' },
  storage_refused: { status: 422, title: 'Unprocessable Content', description: 'The table cannot store a value of the request (a number beyond ±2^53, an item too large); nothing was committed.' },
  storage_busy: { status: 503, title: 'Service Unavailable', description: 'Storage is throttling or contended; nothing was committed. Retry after `Retry-After` seconds.' },
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const PROBLEM_BASE_URI = 'https://riskbridge.dev/problems/';

export const problemType = (code: string): string => `${PROBLEM_BASE_URI}${code.replace(/_/g, '-')}`;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Maps an error to a problem. Only our DomainErrors show their message; anything else is a
 * 500 with a generic text (the cause is logged, never returned).
 */
export const toProblem = (error: unknown, instance?: string): Problem => {
  if (error instanceof DomainError) {
    const status = (error.details?.['httpStatus'] as number | undefined) ?? PROBLEM_CATALOGUE[error.code]?.status ?? (error.retryable ? 503 : 422);
    return {
      type: problemType(error.code),
      title: TITLES[status] ?? 'Error',
      status,
      detail: error.message,
      code: error.code,
      ...(instance ? { instance } : {}),
      ...(error instanceof ValidationError ? { errors: error.issues } : {}),
      ...(isRecord(error.details?.['current']) ? { current: error.details['current'] } : {}),
    };
  }
  return {
    type: problemType('internal_error'),
    title: TITLES[500] ?? 'Internal Server Error',
    status: 500,
    detail: 'Something went wrong on our side; the request id helps us find it.',
    code: 'internal_error',
    ...(instance ? { instance } : {}),
  };
};

export { MalformedInputError };

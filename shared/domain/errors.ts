/**
 * Error classes shared by every capability. Each carries a stable `code`
 * (safe to show to clients and to alert on) and a `retryable` flag that the
 * queue consumers use to decide between retry and quarantine.
 */
export interface ErrorOptions {
  retryable?: boolean;
  cause?: unknown;
  details?: Record<string, unknown>;
}

export class DomainError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
  }
}

/** One failing field of an input, addressed by its path (`fields.email`, `items[2].amount`). */
export interface FieldIssue {
  path: string;
  message: string;
  /** Machine-readable reason (`invalid_type`, `unrecognized_keys`, `too_big`, `invalid_cursor` …). */
  code?: string;
  /** Where the path points: the body (default), the query string, the path or a header. */
  in?: 'body' | 'query' | 'path' | 'header';
}

/** Input that parsed but broke a schema or business rule (HTTP 422). */
export class ValidationError extends DomainError {
  readonly issues: FieldIssue[];
  constructor(message: string, issues: FieldIssue[], options: ErrorOptions = {}) {
    super('validation_failed', message, options);
    this.issues = issues;
  }
}

/** Input that could not be read at all, e.g. malformed JSON (HTTP 400). */
export class MalformedInputError extends DomainError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('malformed_input', message, options);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, options: ErrorOptions = {}) {
    super('not_found', `${what} was not found`, options);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'A valid API key is required', options: ErrorOptions = {}) {
    super('unauthorized', message, options);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'This principal may not do that', options: ErrorOptions = {}) {
    super('forbidden', message, options);
  }
}

/** A write lost an optimistic-concurrency race or hit a uniqueness rule (HTTP 409; retryable for workers). */
export class ConflictError extends DomainError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('conflict', message, { retryable: true, ...options });
  }
}

/** A dependency is down, slow or throttling us: try again later. */
export class TransientError extends DomainError {
  readonly retryAfterMs: number | undefined;
  constructor(code: string, message: string, options: ErrorOptions & { retryAfterMs?: number } = {}) {
    super(code, message, { ...options, retryable: true });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A failure that will not heal by retrying (bad payload, refused request): quarantine it. */
export class PermanentError extends DomainError {
  constructor(code: string, message: string, options: ErrorOptions = {}) {
    super(code, message, { ...options, retryable: false });
  }
}

/** True when the error is one of ours and says it may succeed on retry; unknown errors are retried too. */
export const isRetryable = (error: unknown): boolean =>
  error instanceof DomainError ? error.retryable : true;

import { DomainError, MalformedInputError, ValidationError } from '../domain/errors.js';

/** RFC 9457 problem details, the body of every error answer. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  errors?: Array<{ path: string; message: string }>;
}

const STATUS_BY_CODE: Record<string, number> = {
  malformed_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  unsupported_media_type: 415,
  validation_failed: 422,
  consent_required: 422,
  budget_exceeded: 429,
  rate_limited: 429,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const problemType = (code: string): string => `https://riskbridge.dev/problems/${code.replace(/_/g, '-')}`;

/**
 * Maps an error to a problem. Only our DomainErrors show their message; anything else is a
 * 500 with a generic text (the cause is logged, never returned).
 */
export const toProblem = (error: unknown, instance?: string): Problem => {
  if (error instanceof DomainError) {
    const status = (error.details?.['httpStatus'] as number | undefined) ?? STATUS_BY_CODE[error.code] ?? (error.retryable ? 503 : 422);
    return {
      type: problemType(error.code),
      title: TITLES[status] ?? 'Error',
      status,
      detail: error.message,
      code: error.code,
      ...(instance ? { instance } : {}),
      ...(error instanceof ValidationError ? { errors: error.issues } : {}),
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

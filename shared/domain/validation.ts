import type { z } from 'zod';
import { ValidationError, type FieldIssue } from './errors.js';

/** Turns zod issues into field paths a client can act on (`items[2].amount`). */
export const toFieldIssues = (error: z.ZodError): FieldIssue[] =>
  error.issues.map((issue) => ({
    path: issue.path.reduce<string>(
      (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
      '',
    ) || '(root)',
    message: issue.message,
  }));

/**
 * Parses `input` with `schema` or throws a ValidationError listing every failing path.
 * @example const cmd = parseOrThrow(UpsertCustomerSchema, body, 'customer');
 */
export const parseOrThrow = <S extends z.ZodType>(schema: S, input: unknown, what = 'input'): z.output<S> => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(`The ${what} is not valid`, toFieldIssues(result.error));
};

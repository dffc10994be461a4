import type { z } from 'zod';
import { ValidationError, type FieldIssue } from './errors.js';

/** Turns zod issues into field paths a client can act on (`items[2].amount`). */
const joinPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '') || '(root)';

/**
 * Turns zod issues into field paths a client can act on (`items[2].amount`). Unknown keys are
 * reported one per key, at the key's own path, so every route names them the same way.
 */
export const toFieldIssues = (error: z.ZodError, location?: FieldIssue['in']): FieldIssue[] =>
  error.issues.flatMap((issue): FieldIssue[] => {
    const at = location ? { in: location } : {};
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: joinPath([...issue.path, key]), message: `unknown field "${key}"`, code: 'unrecognized_keys', ...at }));
    }
    // A refinement may name its own stable code (`params: { code: 'not_supported' }`).
    const own = issue.code === 'custom' && typeof issue.params?.['code'] === 'string' ? (issue.params['code'] as string) : undefined;
    return [{ path: joinPath(issue.path), message: issue.message, code: own ?? issue.code, ...at }];
  });

/**
 * Parses `input` with `schema` or throws a ValidationError listing every failing path.
 * @example const cmd = parseOrThrow(UpsertCustomerSchema, body, 'customer');
 */
export const parseOrThrow = <S extends z.ZodType>(schema: S, input: unknown, what = 'input'): z.output<S> => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(`The ${what} is not valid`, toFieldIssues(result.error));
};

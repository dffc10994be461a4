import type { z } from 'zod';
import { ValidationError, type FieldIssue } from './errors.js';

/** Turns zod issues into field paths a client can act on (`items[2].amount`). */
const joinPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '') || '(root)';

type Issue = z.core.$ZodIssue;

const depthOf = (issue: Issue): number => issue.path.length + (issue.code === 'unrecognized_keys' ? 1 : 0);

/**
 * The issues of the union branch the input came closest to: the one whose deepest issue lies
 * deepest (it got furthest into the input), then the one with fewer issues. A body that is
 * clearly one branch is then told what is wrong inside it, not that it matches no branch.
 */
const closestBranch = (issue: Issue & { code: 'invalid_union' }): Issue[] | undefined => {
  const branches = (issue.errors ?? []).filter((b) => b.length > 0);
  if (branches.length === 0) return undefined;
  const score = (b: Issue[]) => Math.max(...b.map(depthOf));
  const best = branches.reduce((a, b) => (score(b) > score(a) || (score(b) === score(a) && b.length < a.length) ? b : a));
  return best.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as Issue);
};

/**
 * Turns zod issues into field paths a client can act on (`items[2].amount`). Unknown keys are
 * reported one per key, at the key's own path, so every route names them the same way. A value
 * matching no branch of a union is reported by the branch it came closest to.
 */
export const toFieldIssues = (error: { issues: readonly Issue[] }, location?: FieldIssue['in']): FieldIssue[] =>
  error.issues.flatMap((issue): FieldIssue[] => {
    const at = location ? { in: location } : {};
    if (issue.code === 'invalid_union') {
      const closest = closestBranch(issue);
      if (closest) return toFieldIssues({ issues: closest }, location);
    }
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

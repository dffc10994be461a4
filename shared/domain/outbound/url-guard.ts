import { DomainError, ValidationError, type FieldIssue } from '../errors.js';

/**
 * Port: checks an outbound URL against the hub's outbound rules (the SSRF guard of
 * shared/adapters/http). Resolves when the hub may call it; throws a non-retryable DomainError
 * saying why not.
 */
export type UrlGuard = (url: string) => Promise<void>;

/**
 * Checks every present URL of an input with `guard` before anything is stored. Refusals become
 * one ValidationError (422) with an issue per refused path; a retryable failure (the guard could
 * not decide) is passed on as is.
 * @example await assertUrlsAllowed(guardUrl, { apiBaseUrl: config.apiBaseUrl, authBaseUrl: config.authBaseUrl }, 'connection URL');
 */
export const assertUrlsAllowed = async (guard: UrlGuard, urls: Record<string, string | undefined>, what = 'URL'): Promise<void> => {
  const issues: FieldIssue[] = [];
  let cause: unknown;
  for (const [path, url] of Object.entries(urls)) {
    if (url === undefined) continue;
    try {
      await guard(url);
    } catch (error) {
      if (!(error instanceof DomainError) || error.retryable) throw error;
      issues.push({ path, message: error.message });
      cause ??= error;
    }
  }
  if (issues.length > 0) throw new ValidationError(`The ${what} is not allowed`, issues, { cause });
};

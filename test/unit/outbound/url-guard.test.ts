import { describe, expect, it } from 'vitest';
import { PermanentError, TransientError, ValidationError } from '../../../shared/domain/errors.js';
import { assertUrlsAllowed, type UrlGuard } from '../../../shared/domain/outbound/url-guard.js';
import { toProblem } from '../../../shared/lambda/problem.js';

/** A guard refusing URLs on `refused.example`, unable to decide for `dns-down.example`. */
const guard: UrlGuard = async (url) => {
  const host = new URL(url).hostname;
  if (host === 'refused.example') throw new PermanentError('unsafe_url', 'The host resolves to a refused address range (private)');
  if (host === 'dns-down.example') throw new TransientError('dns_unavailable', 'The host name could not be resolved right now');
};

describe('assertUrlsAllowed', () => {
  it('passes when every present URL is allowed and skips absent ones', async () => {
    await expect(assertUrlsAllowed(guard, { apiBaseUrl: 'https://ok.example', authBaseUrl: undefined })).resolves.toBeUndefined();
  });

  it('reports every refused URL at its own path in one 422', async () => {
    // Act
    const error = await assertUrlsAllowed(guard, { apiBaseUrl: 'https://refused.example/x', authBaseUrl: 'https://ok.example', url: 'https://refused.example/y' }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['apiBaseUrl', 'url']);
    expect(toProblem(error)).toMatchObject({ status: 422, code: 'validation_failed', errors: [{ path: 'apiBaseUrl' }, { path: 'url' }] });
  });

  it('passes a guard that cannot decide (DNS outage) on as a retryable 503, not a refusal', async () => {
    // Act
    const error = await assertUrlsAllowed(guard, { url: 'https://dns-down.example/hook' }).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'dns_unavailable', retryable: true });
    expect(toProblem(error)).toMatchObject({ status: 503, code: 'dns_unavailable' });
  });
});

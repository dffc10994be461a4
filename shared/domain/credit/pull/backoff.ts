/** Exponential backoff parameters: the delay ceiling grows `baseMs * 2^attempt` up to `capMs`. */
export interface BackoffConfig {
  baseMs: number;
  capMs: number;
}

/**
 * Delay before retry number `attempt` (0 for the first retry) with "full jitter": a uniform
 * draw in [0, min(capMs, baseMs * 2^attempt)). A server's Retry-After wins when it is longer.
 * `random` returns a number in [0, 1) and is injected so the result is reproducible.
 * @example backoffDelayMs(3, { baseMs: 200, capMs: 20_000 }, Math.random, retryAfterMs)
 */
export const backoffDelayMs = (
  attempt: number,
  config: BackoffConfig,
  random: () => number,
  retryAfterMs?: number,
): number => {
  const exponent = Math.max(0, Math.floor(attempt));
  const ceiling = Math.min(config.capMs, config.baseMs * 2 ** Math.min(exponent, 52));
  const draw = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  const jittered = Math.floor(draw * ceiling);
  return retryAfterMs !== undefined && retryAfterMs > jittered ? Math.ceil(retryAfterMs) : jittered;
};

import { z } from 'zod';

/**
 * Circuit-breaker state per bureau, serialisable for DynamoDB. `closed` keeps the timestamps
 * of recent failures inside the window; `open` remembers when it opened; `half_open` lets a
 * limited number of probes through.
 */
export const CircuitStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('closed'), failuresMs: z.array(z.number().int()) }),
  z.object({ status: z.literal('open'), openedAtMs: z.number().int() }),
  z.object({ status: z.literal('half_open'), probesInFlight: z.number().int().nonnegative() }),
]);
export type CircuitState = z.infer<typeof CircuitStateSchema>;

export interface CircuitConfig {
  /** Failures inside `windowMs` that open the circuit. */
  failureThreshold: number;
  windowMs: number;
  /** Time the circuit stays open before letting a probe through. */
  coolDownMs: number;
  /** Concurrent probes allowed while half-open (default 1). */
  halfOpenProbes?: number;
}

export const initialCircuit = (): CircuitState => ({ status: 'closed', failuresMs: [] });

/**
 * Asks whether a call may go out now. An open circuit whose cool-down has elapsed turns
 * half-open and admits up to `halfOpenProbes` calls; otherwise the refusal says how long to wait.
 */
export const requestPermission = (
  state: CircuitState,
  config: CircuitConfig,
  now: Date,
): { allowed: boolean; state: CircuitState; retryAfterMs: number } => {
  const nowMs = now.getTime();
  switch (state.status) {
    case 'closed':
      return { allowed: true, state, retryAfterMs: 0 };
    case 'open': {
      const reopenAt = state.openedAtMs + config.coolDownMs;
      if (nowMs < reopenAt) return { allowed: false, state, retryAfterMs: reopenAt - nowMs };
      return { allowed: true, state: { status: 'half_open', probesInFlight: 1 }, retryAfterMs: 0 };
    }
    case 'half_open': {
      if (state.probesInFlight < (config.halfOpenProbes ?? 1)) {
        return { allowed: true, state: { status: 'half_open', probesInFlight: state.probesInFlight + 1 }, retryAfterMs: 0 };
      }
      return { allowed: false, state, retryAfterMs: config.coolDownMs };
    }
  }
};

/** A successful call closes the circuit (from half-open) and keeps a closed one closed. */
export const recordSuccess = (state: CircuitState): CircuitState =>
  state.status === 'open' ? state : { status: 'closed', failuresMs: state.status === 'closed' ? state.failuresMs : [] };

/**
 * A failed call (only count transient failures: timeouts, 5xx, 429). In a closed circuit it is
 * added to the window and opens the circuit when the threshold is reached; a failed half-open
 * probe reopens it immediately.
 */
export const recordFailure = (state: CircuitState, config: CircuitConfig, now: Date): CircuitState => {
  const nowMs = now.getTime();
  switch (state.status) {
    case 'open':
      return state;
    case 'half_open':
      return { status: 'open', openedAtMs: nowMs };
    case 'closed': {
      const failuresMs = [...state.failuresMs.filter((at) => at > nowMs - config.windowMs), nowMs];
      return failuresMs.length >= config.failureThreshold
        ? { status: 'open', openedAtMs: nowMs }
        : { status: 'closed', failuresMs };
    }
  }
};

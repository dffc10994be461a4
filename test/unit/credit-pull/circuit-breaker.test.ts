import { describe, expect, it } from 'vitest';
import { initialCircuit, recordFailure, recordSuccess, requestPermission, type CircuitState } from '../../../shared/domain/credit/pull/circuit-breaker.js';

const config = { failureThreshold: 3, windowMs: 60_000, coolDownMs: 30_000 };
const t0 = Date.parse('2025-01-01T00:00:00Z');
const at = (ms: number) => new Date(t0 + ms);

describe('circuit breaker', () => {
  it('opens after the threshold of failures inside the window', () => {
    // Prepare
    let state: CircuitState = initialCircuit();
    // Act
    for (const ms of [0, 10_000, 20_000]) state = recordFailure(state, config, at(ms));
    // Assess
    expect(state).toEqual({ status: 'open', openedAtMs: t0 + 20_000 });
    expect(requestPermission(state, config, at(25_000))).toMatchObject({ allowed: false, retryAfterMs: 25_000 });
  });

  it('forgets failures older than the window', () => {
    let state: CircuitState = initialCircuit();
    for (const ms of [0, 10_000, 70_001]) state = recordFailure(state, config, at(ms));
    expect(state.status).toBe('closed');
  });

  it('turns half-open after the cool-down, admits one probe and closes on success', () => {
    const open: CircuitState = { status: 'open', openedAtMs: t0 };
    const probe = requestPermission(open, config, at(30_000));
    const second = requestPermission(probe.state, config, at(30_001));
    expect(probe).toMatchObject({ allowed: true, state: { status: 'half_open', probesInFlight: 1 } });
    expect(second.allowed).toBe(false);
    expect(recordSuccess(probe.state)).toEqual({ status: 'closed', failuresMs: [] });
  });

  it('reopens at once when the half-open probe fails', () => {
    const state = recordFailure({ status: 'half_open', probesInFlight: 1 }, config, at(40_000));
    expect(state).toEqual({ status: 'open', openedAtMs: t0 + 40_000 });
  });
});

/** Port for the current time, so rules and use cases stay deterministic under test. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: for tests and backtests. */
export const fixedClock = (at: Date | string): Clock & { advance(ms: number): void; set(at: Date | string): void } => {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    advance: (ms: number) => {
      current = new Date(current.getTime() + ms);
    },
    set: (next: Date | string) => {
      current = new Date(next);
    },
  };
};

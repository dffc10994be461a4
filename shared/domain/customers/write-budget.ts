import { ConflictError, DomainError, TransientError } from '../errors.js';

/**
 * How long a synchronous write may take before it answers, and how it spends that time. A write
 * answers within `budgetMs` with the truth: committed, or a 409/503 with `Retry-After` and
 * nothing committed.
 */
export interface WriteBudget {
  /** Time from the request's arrival to its answer, waiting in line included. */
  budgetMs: number;
  /** An attempt (read + commit) starts only with at least this much budget left. */
  minAttemptMs: number;
  /**
   * A commit starts only with at least this much budget left, and is never aborted: once sent,
   * its outcome is awaited, so the answer is always the truth. Reads before it are aborted this
   * much before the deadline.
   */
  commitReserveMs: number;
  /** Cap of the full-jitter pause between attempts. */
  maxBackoffMs: number;
  /** Monotonic milliseconds. */
  now: () => number;
  /** Runs one customer's writes one after another in this container (a hot customer queues instead of racing). */
  serialise?: <T>(key: string, work: () => Promise<T>) => Promise<T>;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_WRITE_BUDGET: WriteBudget = {
  budgetMs: 5_000,
  minAttemptMs: 300,
  commitReserveMs: 1_000,
  maxBackoffMs: 200,
  now: () => performance.now(),
};

/** What a storage call may take: it is aborted when the budget (less a reserve) runs out. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** An attempt found too little budget left to start its commit: nothing was written. */
export class NoTimeToCommitError extends TransientError {
  constructor() {
    super('storage_busy', 'Too little time left to commit; nothing was committed');
  }
}

/**
 * A write ended without the store's verdict (connection lost, timeout): it may or may not have
 * been applied. `commitOrSettle` reads back; when the change is not there, nothing was committed.
 */
export class UnsettledWriteError extends TransientError {
  constructor(options: ErrorOptions = {}) {
    super('storage_busy', 'The table did not confirm the write; it may or may not have been applied', options);
  }
}

/** The point in time a write must have answered by. */
export class Deadline {
  constructor(
    private readonly at: number,
    private readonly now: () => number,
  ) {}

  remaining(): number {
    return this.at - this.now();
  }

  /** Call options whose signal aborts the call `reserveMs` before the deadline. */
  call(reserveMs = 0): CallOptions {
    return { signal: AbortSignal.timeout(Math.max(1, Math.floor(this.remaining() - reserveMs))) };
  }
}

const RETRY_AFTER_SECONDS = 1;

/** The answer when the budget is spent: nothing was committed, try again after a second. */
const gaveUp = (customerId: string, last: unknown): DomainError =>
  last instanceof ConflictError
    ? new ConflictError(`Customer ${customerId} is being changed by other writers; nothing was committed. Retry after ${RETRY_AFTER_SECONDS} s`, {
        cause: last,
        details: { retryAfterSeconds: RETRY_AFTER_SECONDS },
      })
    : new TransientError('storage_busy', `Customer ${customerId} is busy; nothing was committed. Retry after ${RETRY_AFTER_SECONDS} s`, {
        cause: last,
        retryAfterMs: RETRY_AFTER_SECONDS * 1000,
        details: { retryAfterSeconds: RETRY_AFTER_SECONDS },
      });

const isRetryableRace = (error: unknown): boolean => (error instanceof ConflictError && error.retryable) || error instanceof TransientError;

/**
 * Runs `attempt` (read, decide, commit) until it commits or the budget says stop. Lost version
 * races and busy storage are retried after a full-jitter pause; an attempt never starts with less
 * than `minAttemptMs` left, and no pause runs into that margin. Then the answer is a ConflictError
 * (lost races) or TransientError `storage_busy` with `retryAfterSeconds`, nothing committed. With
 * `serialise`, a customer's writes queue in this container; the time in line counts.
 * @example await withinBudget('c-1', DEFAULT_WRITE_BUDGET, (deadline) => writeOnce(deadline))
 */
export const withinBudget = async <T>(customerId: string, budget: WriteBudget, attempt: (deadline: Deadline, n: number) => Promise<T>): Promise<T> => {
  const deadline = new Deadline(budget.now() + budget.budgetMs, budget.now);
  const sleep = budget.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const run = async (): Promise<T> => {
    let last: unknown;
    for (let n = 1; ; n++) {
      if (deadline.remaining() < budget.minAttemptMs) throw gaveUp(customerId, last);
      try {
        return await attempt(deadline, n);
      } catch (error) {
        if (!isRetryableRace(error)) throw error;
        last = error;
        const pause = Math.random() * Math.min(budget.maxBackoffMs, 5 * 2 ** Math.min(n, 6));
        if (deadline.remaining() - pause < budget.minAttemptMs) throw gaveUp(customerId, last);
        await sleep(pause);
      }
    }
  };
  return budget.serialise ? budget.serialise(customerId, run) : run();
};

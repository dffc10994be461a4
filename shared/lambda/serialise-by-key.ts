/**
 * Runs async work one at a time per key and concurrently across keys, in call order. Used by
 * queue consumers whose batch items run in parallel (Powertools BatchProcessor) but must not race
 * each other on one aggregate (one customer): the second item for a key starts when the first
 * settles, so it neither loses an optimistic-locking race nor waits on a retry backoff.
 * Only orders work inside one container; the version check still guards across containers.
 * @example
 * const lanes = serialiseByKey();
 * await Promise.all(records.map((r) => lanes.run(r.customerId, () => apply(r))));
 */
export const serialiseByKey = () => {
  const tails = new Map<string, Promise<void>>();
  return {
    run<T>(key: string, work: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(work);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    /** Keys with work queued or running (for tests). */
    get size(): number {
      return tails.size;
    },
  };
};

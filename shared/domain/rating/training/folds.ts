/**
 * Deterministic splits shared by the trainer and the peer script: stratified k folds from a
 * seeded xorshift shuffle, and a hold-out chosen by a row-index hash that Python computes the same way.
 */

/** xorshift32: the seeded RNG of every random choice in training (folds, bagging, validation splits). */
export const seededRandom = (seed: number): (() => number) => {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
};

/** Deterministic shuffled fold assignment, stratified by outcome. */
export const assignFolds = (bad: readonly boolean[], folds: number, seed = 42): number[] => {
  const rnd = seededRandom(seed);
  const out = new Array<number>(bad.length).fill(0);
  for (const cls of [true, false]) {
    const idx: number[] = [];
    bad.forEach((b, i) => {
      if (b === cls) idx.push(i);
    });
    for (let i = idx.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rnd() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    idx.forEach((rowIndex, k) => {
      out[rowIndex] = k % folds;
    });
  }
  return out;
};

/**
 * Whether row `index` (0-based, file order) is in the hold-out: murmur3's 32-bit finaliser of
 * (index · 0x9E3779B1 + seed) mod 2³², divided by 2³², below `share`. bench/peers/sklearn_peer.py
 * computes the same split.
 * @example inHoldout(0, 42, 0.3)
 */
export const inHoldout = (index: number, seed: number, share: number): boolean => {
  let h = (Math.imul(index >>> 0, 0x9e3779b1) + (seed >>> 0)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h / 4294967296 < share;
};

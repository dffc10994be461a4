/**
 * L2-regularised logistic regression fitted by iteratively reweighted least squares (Newton).
 * P(y = 1 | x) = 1 / (1 + exp(−(b0 + b·x))). The intercept is not penalised.
 */
export interface LogisticModel {
  intercept: number;
  coefficients: number[];
  iterations: number;
  converged: boolean;
}

export interface LogisticOptions {
  l2?: number;
  maxIterations?: number;
  tolerance?: number;
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Solves A·x = b (A symmetric positive definite) by Gaussian elimination with partial pivoting. */
export const solveLinear = (a: number[][], b: number[]): number[] => {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c += 1) {
    let pivot = c;
    for (let r = c + 1; r < n; r += 1) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const p = m[c]![c]!;
    if (Math.abs(p) < 1e-12) throw new RangeError('singular system');
    for (let r = c + 1; r < n; r += 1) {
      const f = m[r]![c]! / p;
      if (f === 0) continue;
      for (let k = c; k <= n; k += 1) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r -= 1) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k += 1) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
};

/**
 * Fits the model on rows `x` (n × p) and outcomes `y` (0/1).
 * @example fitLogistic([[0], [1], [2], [3]], [0, 0, 1, 1], { l2: 1 })
 */
export const fitLogistic = (x: readonly (readonly number[])[], y: readonly number[], options: LogisticOptions = {}): LogisticModel => {
  const { l2 = 1e-4, maxIterations = 50, tolerance = 1e-8 } = options;
  const n = x.length;
  const p = (x[0]?.length ?? 0) + 1;
  const beta = new Array<number>(p).fill(0);
  const mean = y.reduce((a, b) => a + b, 0) / Math.max(1, n);
  beta[0] = Math.log(Math.max(1e-6, mean) / Math.max(1e-6, 1 - mean));
  let iterations = 0;
  let converged = false;
  const row = new Array<number>(p);
  while (iterations < maxIterations) {
    iterations += 1;
    const h = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const g = new Array<number>(p).fill(0);
    for (let i = 0; i < n; i += 1) {
      row[0] = 1;
      const xi = x[i]!;
      for (let j = 1; j < p; j += 1) row[j] = xi[j - 1]!;
      let z = 0;
      for (let j = 0; j < p; j += 1) z += beta[j]! * row[j]!;
      const mu = sigmoid(z);
      const w = Math.max(mu * (1 - mu), 1e-10);
      const r = y[i]! - mu;
      for (let j = 0; j < p; j += 1) {
        g[j]! += row[j]! * r;
        const wj = w * row[j]!;
        for (let k = j; k < p; k += 1) h[j]![k]! += wj * row[k]!;
      }
    }
    for (let j = 0; j < p; j += 1) for (let k = 0; k < j; k += 1) h[j]![k] = h[k]![j]!;
    for (let j = 1; j < p; j += 1) {
      h[j]![j]! += l2;
      g[j]! -= l2 * beta[j]!;
    }
    const step = solveLinear(h, g);
    let maxStep = 0;
    for (let j = 0; j < p; j += 1) {
      beta[j]! += step[j]!;
      maxStep = Math.max(maxStep, Math.abs(step[j]!));
    }
    if (maxStep < tolerance) {
      converged = true;
      break;
    }
  }
  return { intercept: beta[0]!, coefficients: beta.slice(1), iterations, converged };
};

/** P(y = 1) for one row. */
export const predictLogistic = (model: LogisticModel, xi: readonly number[]): number => {
  let z = model.intercept;
  for (let j = 0; j < model.coefficients.length; j += 1) z += model.coefficients[j]! * (xi[j] ?? 0);
  return sigmoid(z);
};

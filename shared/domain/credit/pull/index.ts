export * from './consent.js';
export * from './rate-limiter.js';
export * from './circuit-breaker.js';
export * from './backoff.js';
export * from './budget.js';
export * from './staleness.js';
export * from './pull-key.js';
export * from './subject-match.js';

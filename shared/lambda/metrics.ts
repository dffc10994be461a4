import type middy from '@middy/core';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * A Powertools Metrics instance (CloudWatch EMF) for one function or consumer, with its own
 * default dimensions. Separate instances keep dimensions apart when several functions share a
 * process (the local runtime).
 */
export const metricsFor = (defaultDimensions?: Record<string, string>): Metrics =>
  new Metrics({ namespace: 'RiskBridge', serviceName: 'riskbridge', ...(defaultDimensions ? { defaultDimensions } : {}) });

const flush = (metrics: Metrics): void => {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
};

/** Publishes what an invocation recorded, and stays silent when it recorded nothing. */
export const flushMetrics = (metrics: Metrics): middy.MiddlewareObj => ({
  after: () => flush(metrics),
  onError: () => flush(metrics),
});

import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * One logger and one metrics instance per function (level from POWERTOOLS_LOG_LEVEL).
 * Never log personal data, credentials or bureau payloads: log ids, codes, counts, durations.
 */
export const logger = new Logger({ serviceName: 'riskbridge' });
export const metrics = new Metrics({ namespace: 'RiskBridge', serviceName: 'riskbridge' });

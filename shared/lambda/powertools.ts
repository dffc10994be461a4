import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One logger per function (level from POWERTOOLS_LOG_LEVEL); metrics: see metrics.ts.
 * Never log personal data, credentials or bureau payloads: log ids, codes, counts, durations.
 */
export const logger = new Logger({ serviceName: 'riskbridge' });

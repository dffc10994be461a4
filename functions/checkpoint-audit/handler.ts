import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { auditAnchoring, auditTrail } from '../../shared/lambda/audit-trail.js';
import { env } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';

// Composition root: built once per cold start.
const log = auditTrail({ client: createDocumentClient(), tableName: env().TABLE_NAME }, runtimeClock);
const anchoring = auditAnchoring(log, runtimeClock);

/**
 * Every 5 minutes: signs the heads of every audit chain into the next checkpoint, outside the
 * table (nothing is written when no head moved). Refuses — and fails, which raises the
 * function's error alarm — when the table no longer agrees with the latest checkpoint.
 */
export const handler = middy<ScheduledEvent, { written: boolean; seq: number }>().handler(async () => {
  const { written, checkpoint } = await anchoring.checkpointNow();
  if (written) logger.info('audit checkpoint written', { seq: checkpoint.seq, chains: checkpoint.chains.length });
  return { written, seq: checkpoint.seq };
});

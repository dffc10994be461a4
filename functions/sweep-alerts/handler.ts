import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { alertServices } from '../../shared/lambda/alert-services.js';
import { auditTrail } from '../../shared/lambda/audit-trail.js';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { env } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const { alerts } = alertServices({ table, clock: runtimeClock, audit: auditTrail(table, runtimeClock) });

/**
 * The alert timer sweep (scheduled; locally the hub's clock drives it): wakes snoozes that ran out
 * and escalates alerts past their SLA, once per missed due time (`alert.escalated`). A retried tick
 * finds nothing left to do for the alerts it already handled. Logs ids and counts only.
 */
export const handler = middy<ScheduledEvent, { woken: number; escalated: number }>().handler(async () => {
  const { woken, escalated } = await alerts.sweep();
  if (woken.length + escalated.length > 0) logger.info('alert timers swept', { woken: woken.length, escalated: escalated.length });
  return { woken: woken.length, escalated: escalated.length };
});

import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { measureStore } from '../../shared/adapters/dynamodb/measure-store.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { manageMeasures } from '../../shared/domain/measures/manage-measures.js';
import { alertServices } from '../../shared/lambda/alert-services.js';
import { auditTrail } from '../../shared/lambda/audit-trail.js';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { env } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const audit = auditTrail(table, runtimeClock);
const { alerts } = alertServices({ table, clock: runtimeClock, audit });
const measures = manageMeasures({ profiles: profileStore(table), measures: measureStore(table), clock: runtimeClock, audit });

/**
 * The alert timer sweep (scheduled; locally the hub's clock drives it): wakes snoozes that ran out
 * and escalates alerts past their SLA, once per missed due time (`alert.escalated`); then lifts the
 * emergency measures past their `expiresAt` (`measure.expired`). A retried tick finds nothing left to
 * do for what it already handled. Logs counts only.
 */
export const handler = middy<ScheduledEvent, { woken: number; escalated: number; expired: number }>().handler(async () => {
  const { woken, escalated } = await alerts.sweep();
  const { expired } = await measures.sweep();
  if (woken.length + escalated.length + expired.length > 0) logger.info('alert timers swept', { woken: woken.length, escalated: escalated.length, expired: expired.length });
  return { woken: woken.length, escalated: escalated.length, expired: expired.length };
});

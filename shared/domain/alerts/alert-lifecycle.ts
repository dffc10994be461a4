import { z } from 'zod';
import { DomainError } from '../errors.js';
import { AlertSeveritySchema, type AlertSeverity } from './alert-rules.js';
import { addWorkingHours, BusinessCalendarSchema } from './business-calendar.js';

export const AlertStatusSchema = z.enum(['open', 'acknowledged', 'snoozed', 'resolved', 'false_positive']);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

/** Hours to acknowledge and to resolve, per severity. */
export const SlaTargetsSchema = z.strictObject({
  acknowledgeHours: z.number().gt(0),
  resolveHours: z.number().gt(0),
});
export const AlertSlaSchema = z.strictObject({
  critical: SlaTargetsSchema.default({ acknowledgeHours: 1, resolveHours: 24 }),
  warning: SlaTargetsSchema.default({ acknowledgeHours: 4, resolveHours: 72 }),
  info: SlaTargetsSchema.default({ acknowledgeHours: 24, resolveHours: 168 }),
  /** Without a calendar the timers run in wall-clock time. */
  calendar: BusinessCalendarSchema.optional(),
});
export type AlertSla = z.infer<typeof AlertSlaSchema>;
export const DEFAULT_SLA: AlertSla = AlertSlaSchema.parse({});

export const AlertCommentSchema = z.strictObject({ at: z.iso.datetime({ offset: true }), by: z.string(), text: z.string().min(1).max(2000) });
export const AlertTransitionSchema = z.strictObject({
  from: AlertStatusSchema.optional(),
  to: AlertStatusSchema,
  at: z.iso.datetime({ offset: true }),
  by: z.string(),
  note: z.string().max(2000).optional(),
});

/**
 * An alert with a lifecycle. `incidentId` lets a post-incident review reference it; `drill` marks an
 * alert raised for a synthetic drill customer; `measureIds` link the emergency measures it led to.
 */
export const AlertRecordSchema = z.strictObject({
  alertId: z.string(),
  customerId: z.string(),
  rule: z.string(),
  kind: z.string(),
  severity: AlertSeveritySchema,
  dedupeKey: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  status: AlertStatusSchema,
  assignee: z.string().optional(),
  comments: z.array(AlertCommentSchema),
  history: z.array(AlertTransitionSchema),
  raisedAt: z.iso.datetime({ offset: true }),
  acknowledgeBy: z.iso.datetime({ offset: true }),
  resolveBy: z.iso.datetime({ offset: true }),
  snoozedUntil: z.iso.datetime({ offset: true }).optional(),
  escalations: z.number().int().nonnegative(),
  policyVersion: z.number().int().positive().optional(),
  causedBy: z.string().optional(),
  measureIds: z.array(z.string()),
  incidentId: z.string().optional(),
  drill: z.boolean().optional(),
  version: z.number().int().nonnegative(),
});
export type AlertRecord = z.infer<typeof AlertRecordSchema>;

export const AlertActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('acknowledge'), note: z.string().max(2000).optional() }),
  z.strictObject({ action: z.literal('snooze'), until: z.iso.datetime({ offset: true }), note: z.string().max(2000).optional() }),
  z.strictObject({ action: z.literal('wake'), note: z.string().max(2000).optional() }),
  z.strictObject({ action: z.literal('resolve'), note: z.string().max(2000).optional() }),
  z.strictObject({ action: z.literal('false_positive'), note: z.string().min(3).max(2000) }),
]);
export type AlertAction = z.infer<typeof AlertActionSchema>;

const TARGET: Record<AlertAction['action'], AlertStatus> = { acknowledge: 'acknowledged', snooze: 'snoozed', wake: 'acknowledged', resolve: 'resolved', false_positive: 'false_positive' };

/** Allowed moves: open → acknowledged → snoozed → resolved | false_positive (and shortcuts forward; snoozed wakes to acknowledged). */
export const ALLOWED: Record<AlertStatus, readonly AlertStatus[]> = {
  open: ['acknowledged', 'snoozed', 'resolved', 'false_positive'],
  acknowledged: ['snoozed', 'resolved', 'false_positive'],
  snoozed: ['acknowledged', 'resolved', 'false_positive'],
  resolved: [],
  false_positive: [],
};

/** A transition the alert's state does not allow (HTTP 409 `alert_transition_refused`, `current`: its state and the moves it allows). */
export class AlertTransitionError extends DomainError {
  constructor(alert: AlertRecord, action: string) {
    const current = { alertId: alert.alertId, status: alert.status, allowed: ALLOWED[alert.status] };
    super('alert_transition_refused', `An alert that is ${alert.status} cannot be moved by '${action}'`, { retryable: false, details: { ...current, current } });
  }
}

/** SLA due times of a new alert of `severity` raised at `at`. */
export const slaDue = (severity: AlertSeverity, at: Date, sla: AlertSla = DEFAULT_SLA) => ({
  acknowledgeBy: addWorkingHours(at, sla[severity].acknowledgeHours, sla.calendar).toISOString(),
  resolveBy: addWorkingHours(at, sla[severity].resolveHours, sla.calendar).toISOString(),
});

/** Applies one lifecycle action (pure). Throws {@link AlertTransitionError} when it is not allowed. */
export const transitionAlert = (alert: AlertRecord, command: AlertAction, by: string, at: Date): AlertRecord => {
  const to = TARGET[command.action];
  if (!ALLOWED[alert.status].includes(to)) throw new AlertTransitionError(alert, command.action);
  if (command.action === 'wake' && alert.status !== 'snoozed') throw new AlertTransitionError(alert, command.action);
  if (command.action === 'snooze' && Date.parse(command.until) <= at.getTime()) throw new AlertTransitionError(alert, 'snooze into the past');
  const { snoozedUntil: _s, ...rest } = alert;
  return {
    ...rest,
    status: to,
    ...(command.action === 'snooze' ? { snoozedUntil: command.until } : {}),
    history: [...alert.history, { from: alert.status, to, at: at.toISOString(), by, ...(command.note ? { note: command.note } : {}) }],
    version: alert.version + 1,
  };
};

/** Escalation level an alert has earned at `now`: 1 once open past its acknowledge time, 2 once past its resolve time. */
export const escalationLevel = (alert: AlertRecord, now: Date): number => {
  if (alert.status === 'resolved' || alert.status === 'false_positive') return 0;
  if (Date.parse(alert.resolveBy) <= now.getTime()) return 2;
  return alert.status === 'open' && Date.parse(alert.acknowledgeBy) <= now.getTime() ? 1 : 0;
};

/**
 * What the timer sweep must do with an alert at `now`: wake a snooze that ran out, or escalate an
 * alert that earned a higher escalation level than it has (`escalations` then becomes that level;
 * each level is escalated once).
 */
export const dueAction = (alert: AlertRecord, now: Date): 'wake' | 'escalate' | undefined => {
  if (alert.status === 'snoozed' && alert.snoozedUntil && Date.parse(alert.snoozedUntil) <= now.getTime()) return 'wake';
  return escalationLevel(alert, now) > alert.escalations ? 'escalate' : undefined;
};

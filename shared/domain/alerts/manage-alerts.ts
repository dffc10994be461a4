import { ulid } from 'ulid';
import type { AuditInput } from '../audit/audit-chain.js';
import type { Clock } from '../clock.js';
import { NotFoundError } from '../errors.js';
import type { EventEnvelope } from '../events/envelope.js';
import { newEvent } from '../events/new-event.js';
import { dueAction, escalationLevel, slaDue, transitionAlert, DEFAULT_SLA, type AlertAction, type AlertRecord, type AlertSla, type AlertStatus } from './alert-lifecycle.js';
import type { Alert } from './evaluate-alerts.js';

/** Port of the alert store (shared/adapters/dynamodb/alert-store.ts). */
export interface AlertPort {
  raise(alert: AlertRecord): Promise<{ raised: true } | { raised: false; openAlertId: string }>;
  get(alertId: string): Promise<AlertRecord | undefined>;
  save(next: AlertRecord): Promise<void>;
  list(filter: { status: AlertStatus; severity?: AlertRecord['severity']; assignee?: string; rule?: string }): Promise<AlertRecord[]>;
}

export interface ManageAlertsDeps {
  alerts: AlertPort;
  audit: { append(input: AuditInput): Promise<unknown> };
  /** Standalone events (`alert.transitioned`, `alert.escalated`) into the outbox. */
  events: { put(envelope: EventEnvelope): Promise<void> };
  clock: Clock;
  /** SLA timers by severity (the active policy's `alerts.sla`). */
  sla?: () => Promise<AlertSla> | AlertSla;
  /** Told when an alert is assigned or escalated (e.g. a group robot); failures are the notifier's to retry. */
  notify?: (alert: AlertRecord, reason: 'assigned' | 'escalated') => Promise<void>;
}

const ACTIVE: AlertStatus[] = ['open', 'acknowledged', 'snoozed'];

/**
 * The alert lifecycle over a store: raise (folding repeats of an open dedupe key), transitions,
 * assignment and comments, and the timer sweep (wake snoozes, escalate past SLA). Every change is
 * audited and emitted as an event; a move the state does not allow is an AlertTransitionError (409).
 */
export const manageAlerts = ({ alerts, audit, events, clock, sla = () => DEFAULT_SLA, notify }: ManageAlertsDeps) => {
  const load = async (alertId: string) => {
    const alert = await alerts.get(alertId);
    if (!alert) throw new NotFoundError(`Alert ${alertId}`);
    return alert;
  };
  const record = async (prev: AlertRecord, next: AlertRecord, change: 'acknowledge' | 'snooze' | 'wake' | 'resolve' | 'false_positive' | 'assign' | 'comment', by: string, at: Date) => {
    await alerts.save(next);
    await audit.append({ actor: by, action: `alert.${change}`, target: `alert:${next.alertId}`, details: { customerId: next.customerId, from: prev.status, to: next.status } });
    await events.put(
      newEvent(
        'alert.transitioned',
        { alertId: next.alertId, rule: next.rule, severity: next.severity, change, from: prev.status, to: next.status, by, ...(next.assignee ? { assignee: next.assignee } : {}), at: at.toISOString() },
        { customerId: next.customerId, at },
      ),
    );
    return next;
  };
  return {
    /**
     * Stores an alert the rules raised; a repeat of an open dedupe key answers the open alert instead.
     * Idempotent on `meta.alertId`: raising the same id again answers the stored alert and writes nothing.
     */
    async raise(customerId: string, alert: Alert, meta: { policyVersion?: number; causedBy?: string; alertId?: string; drill?: boolean } = {}) {
      // A given alertId (e.g. an `alert.raised` event's) makes a redelivery answer the stored alert, open or closed.
      const stored = meta.alertId === undefined ? undefined : await alerts.get(meta.alertId);
      if (stored) return { alert: stored, raised: false as const };
      const now = clock.now();
      const record: AlertRecord = {
        alertId: meta.alertId ?? `alt_${ulid(now.getTime())}`,
        customerId,
        rule: alert.type,
        kind: typeof alert.details['kind'] === 'string' ? alert.details['kind'] : alert.type,
        severity: alert.severity,
        dedupeKey: alert.dedupeKey ?? `${alert.type}:${customerId}`,
        message: alert.message,
        details: alert.details,
        status: 'open',
        comments: [],
        history: [{ to: 'open', at: now.toISOString(), by: meta.policyVersion ? `policy:v${meta.policyVersion}` : 'system' }],
        raisedAt: now.toISOString(),
        ...slaDue(alert.severity, now, await sla()),
        escalations: 0,
        ...(meta.policyVersion ? { policyVersion: meta.policyVersion } : {}),
        ...(meta.causedBy ? { causedBy: meta.causedBy } : {}),
        measureIds: [],
        ...(meta.drill ? { drill: true } : {}),
        version: 1,
      };
      const outcome = await alerts.raise(record);
      return outcome.raised ? { alert: record, raised: true as const } : { alert: await load(outcome.openAlertId), raised: false as const };
    },
    get: load,
    /** Records the emergency measures an alert led to (`measureIds`); ids already there are not added again. */
    async linkMeasures(alertId: string, measureIds: readonly string[]) {
      const prev = await load(alertId);
      const added = measureIds.filter((id) => !prev.measureIds.includes(id));
      if (added.length === 0) return prev;
      const next = { ...prev, measureIds: [...prev.measureIds, ...added], version: prev.version + 1 };
      await alerts.save(next);
      return next;
    },
    list: (filter: Parameters<AlertPort['list']>[0]) => alerts.list(filter),
    async transition(alertId: string, command: AlertAction, by: string) {
      const prev = await load(alertId);
      const at = clock.now();
      return record(prev, transitionAlert(prev, command, by, at), command.action, by, at);
    },
    async assign(alertId: string, assignee: string, by: string) {
      const prev = await load(alertId);
      const at = clock.now();
      if (!ACTIVE.includes(prev.status)) transitionAlert(prev, { action: 'acknowledge' }, by, at);
      const next = await record(prev, { ...prev, assignee, version: prev.version + 1 }, 'assign', by, at);
      await notify?.(next, 'assigned');
      return next;
    },
    async comment(alertId: string, text: string, by: string) {
      const prev = await load(alertId);
      const at = clock.now();
      return record(prev, { ...prev, comments: [...prev.comments, { at: at.toISOString(), by, text }], version: prev.version + 1 }, 'comment', by, at);
    },
    /** Timer sweep (scheduled; the local clock drives it): wakes expired snoozes and escalates alerts past their SLA. */
    async sweep() {
      const now = clock.now();
      const done = { woken: [] as string[], escalated: [] as string[] };
      for (const status of ACTIVE) {
        for (const alert of await alerts.list({ status })) {
          const action = dueAction(alert, now);
          if (action === 'wake') {
            await record(alert, transitionAlert(alert, { action: 'wake', note: 'snooze ran out' }, 'system:timer', now), 'wake', 'system:timer', now);
            done.woken.push(alert.alertId);
          } else if (action === 'escalate') {
            const level = escalationLevel(alert, now);
            const next = { ...alert, escalations: level, version: alert.version + 1 };
            await alerts.save(next);
            await audit.append({ actor: 'system:timer', action: 'alert.escalated', target: `alert:${alert.alertId}`, details: { level } });
            await events.put(
              newEvent(
                'alert.escalated',
                { alertId: alert.alertId, rule: alert.rule, severity: alert.severity, level, status: alert.status, ...(alert.assignee ? { assignee: alert.assignee } : {}), dueAt: level === 1 ? alert.acknowledgeBy : alert.resolveBy, at: now.toISOString() },
                { customerId: alert.customerId, at: now },
              ),
            );
            await notify?.(next, 'escalated');
            done.escalated.push(alert.alertId);
          }
        }
      }
      return done;
    },
  };
};
export type ManageAlerts = ReturnType<typeof manageAlerts>;

import { describe, expect, it } from 'vitest';
import { toProblem } from '../../../shared/lambda/problem.js';
import { AlertSlaSchema, AlertTransitionError, dueAction, slaDue, transitionAlert, type AlertRecord } from '../../../shared/domain/alerts/alert-lifecycle.js';
import { addWorkingHours, BusinessCalendarSchema } from '../../../shared/domain/alerts/business-calendar.js';

/** China, 2024 National Day week: 1–7 October off; Sunday 29 September and Saturday 12 October worked (调休). */
const CN_2024 = BusinessCalendarSchema.parse({
  utcOffsetMinutes: 480,
  workingHours: { from: '09:00', to: '18:00' },
  holidays: ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-05', '2024-10-06', '2024-10-07'],
  makeUpWorkingDays: ['2024-09-29', '2024-10-12'],
});
const cst = (local: string) => new Date(`${local}+08:00`);

const alert = (over: Partial<AlertRecord> = {}): AlertRecord => ({
  alertId: 'alt_1',
  customerId: 'cus_1',
  rule: 'dpd',
  kind: 'dpd',
  severity: 'warning',
  dedupeKey: 'dpd:cus_1',
  message: 'Payments are 31 days past due',
  details: {},
  status: 'open',
  comments: [],
  history: [{ to: 'open', at: '2026-12-07T10:00:00.000Z', by: 'policy:v1' }],
  raisedAt: '2026-12-07T10:00:00.000Z',
  ...slaDue('warning', new Date('2026-12-07T10:00:00.000Z')),
  escalations: 0,
  measureIds: [],
  version: 1,
  ...over,
});

describe('business calendar', () => {
  it('counts a Sunday make-up working day (调休) before the holiday week', () => {
    expect(addWorkingHours(cst('2024-09-27T17:00:00'), 4, CN_2024)).toEqual(cst('2024-09-29T12:00:00'));
  });

  it('skips the seven National Day holidays', () => {
    expect(addWorkingHours(cst('2024-09-30T16:00:00'), 4, CN_2024)).toEqual(cst('2024-10-08T11:00:00'));
  });

  it('counts the Saturday make-up day after the holiday week', () => {
    expect(addWorkingHours(cst('2024-10-11T17:00:00'), 3, CN_2024)).toEqual(cst('2024-10-12T11:00:00'));
  });

  it('starts counting at the next opening when raised at night', () => {
    expect(addWorkingHours(cst('2024-10-08T22:30:00'), 1, CN_2024)).toEqual(cst('2024-10-09T10:00:00'));
  });

  it('runs in wall-clock time without a calendar', () => {
    expect(addWorkingHours(cst('2024-10-01T10:00:00'), 4)).toEqual(cst('2024-10-01T14:00:00'));
  });

  it('refuses unknown calendar fields', () => {
    expect(BusinessCalendarSchema.safeParse({ utcOffsetMinutes: 480, workingHours: { from: '09:00', to: '18:00' }, lunch: true }).success).toBe(false);
  });
});

describe('alert lifecycle', () => {
  const at = new Date('2026-12-07T11:00:00.000Z');

  it('moves open → acknowledged → snoozed → resolved and records each step', () => {
    const acked = transitionAlert(alert(), { action: 'acknowledge' }, 'person:ann', at);
    const snoozed = transitionAlert(acked, { action: 'snooze', until: '2026-12-08T09:00:00.000Z' }, 'person:ann', at);
    const resolved = transitionAlert(snoozed, { action: 'resolve', note: 'paid' }, 'person:ann', at);
    expect([acked.status, snoozed.status, resolved.status]).toEqual(['acknowledged', 'snoozed', 'resolved']);
    expect(resolved.snoozedUntil).toBeUndefined();
    expect(resolved.history.map((h) => h.to)).toEqual(['open', 'acknowledged', 'snoozed', 'resolved']);
    expect(resolved.version).toBe(4);
  });

  it('refuses to resolve a resolved alert, naming the current state', () => {
    const resolved = transitionAlert(alert(), { action: 'resolve' }, 'person:ann', at);
    const error = (() => {
      try {
        transitionAlert(resolved, { action: 'resolve' }, 'person:bob', at);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AlertTransitionError);
    expect((error as AlertTransitionError).details).toMatchObject({ status: 'resolved', allowed: [] });
    // The problem answer (409 alert_transition_refused) carries the state as `current`.
    expect(toProblem(error)).toMatchObject({ status: 409, code: 'alert_transition_refused', current: { alertId: resolved.alertId, status: 'resolved', allowed: [] } });
  });

  it('refuses to acknowledge an acknowledged alert and to wake one that is not snoozed', () => {
    const acked = transitionAlert(alert(), { action: 'acknowledge' }, 'person:ann', at);
    expect(() => transitionAlert(acked, { action: 'acknowledge' }, 'person:ann', at)).toThrow(AlertTransitionError);
    expect(() => transitionAlert(acked, { action: 'wake' }, 'person:ann', at)).toThrow(AlertTransitionError);
  });

  it('sets SLA due times by severity', () => {
    const sla = AlertSlaSchema.parse({ critical: { acknowledgeHours: 0.5, resolveHours: 8 } });
    expect(slaDue('critical', new Date('2026-12-07T10:00:00Z'), sla)).toEqual({ acknowledgeBy: '2026-12-07T10:30:00.000Z', resolveBy: '2026-12-07T18:00:00.000Z' });
    expect(slaDue('warning', new Date('2026-12-07T10:00:00Z'))).toEqual({ acknowledgeBy: '2026-12-07T14:00:00.000Z', resolveBy: '2026-12-10T10:00:00.000Z' });
  });

  it('escalates once per missed due time and wakes expired snoozes', () => {
    const a = alert();
    expect(dueAction(a, new Date('2026-12-07T13:59:00Z'))).toBeUndefined();
    expect(dueAction(a, new Date('2026-12-07T14:00:00Z'))).toBe('escalate');
    expect(dueAction({ ...a, escalations: 1 }, new Date('2026-12-08T14:00:00Z'))).toBeUndefined();
    expect(dueAction({ ...a, escalations: 1 }, new Date('2026-12-10T10:00:00Z'))).toBe('escalate');
    const acked = transitionAlert(a, { action: 'acknowledge' }, 'person:ann', at);
    expect(dueAction(acked, new Date('2026-12-08T14:00:00Z'))).toBeUndefined();
    const snoozed = transitionAlert(acked, { action: 'snooze', until: '2026-12-08T09:00:00.000Z' }, 'person:ann', at);
    expect(dueAction(snoozed, new Date('2026-12-08T09:00:00Z'))).toBe('wake');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { localClock, localScheduler } from '../../../infra/local/local-clock.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import { runtimeClock } from '../../../shared/lambda/clock.js';
import { LOCAL_CLOCK_OFFSET_VAR, env, resetEnvForTests } from '../../../shared/lambda/env.js';

const MINUTE = 60_000;

describe('localScheduler', () => {
  it('runs each schedule once for the latest due time passed, in due-time order, and never a due time twice', async () => {
    // Prepare
    const clock = fixedClock('2026-12-07T00:00:00.000Z');
    const runs: Array<{ id: string; dueAt: string }> = [];
    const scheduler = localScheduler({ clock, run: async (id, _rule, dueAt) => void runs.push({ id, dueAt: dueAt.toISOString() }), onError: (_id, e) => { throw e; } });

    // Act: 59 s pass (nothing due), then 61 min (every schedule of ≤ 1 h), then nothing more.
    clock.advance(59_000);
    const none = await scheduler.runDue();
    clock.advance(61 * MINUTE);
    const due = await scheduler.runDue();
    const again = await scheduler.runDue();

    // Assess
    expect(none).toEqual([]);
    expect(due.map((r) => r.functionId).sort()).toEqual(['checkpointAudit', 'pollFxiaoke', 'rearmZohoChannels', 'scheduleRefresh', 'sweepAlerts', 'sweepDeliveries']);
    expect(due.map((r) => r.dueAt)).toEqual([...due.map((r) => r.dueAt)].sort());
    // The sweep (every minute) runs for 01:01, the audit checkpoint (every 5 min) for 01:00, the hourly ones for 01:00.
    expect(due.find((r) => r.functionId === 'sweepDeliveries')?.dueAt).toBe('2026-12-07T01:01:00.000Z');
    expect(due.find((r) => r.functionId === 'checkpointAudit')?.dueAt).toBe('2026-12-07T01:00:00.000Z');
    expect(due.find((r) => r.functionId === 'sweepAlerts')?.dueAt).toBe('2026-12-07T01:00:00.000Z');
    expect(again).toEqual([]);
    expect(runs).toHaveLength(due.length);
  });

  it('runs the daily schedules (re-evaluation, score drift) once a day from the start, as an EventBridge rate rule does', async () => {
    const clock = fixedClock('2026-12-07T00:00:00.000Z');
    const scheduler = localScheduler({ clock, run: async () => undefined, onError: (_id, e) => { throw e; } });
    const dailyOf = async () => (await scheduler.runDue()).filter((r) => ['reevaluatePortfolio', 'checkScoreDrift'].includes(r.functionId)).map((r) => [r.functionId, r.dueAt]).sort();
    clock.advance(23 * 60 * MINUTE);
    const before = await dailyOf();
    clock.advance(61 * MINUTE);
    const daily = await dailyOf();
    clock.advance(12 * 60 * MINUTE);
    const later = await dailyOf();
    expect(before).toEqual([]);
    expect(daily).toEqual([['checkScoreDrift', '2026-12-08T00:00:00.000Z'], ['reevaluatePortfolio', '2026-12-08T00:00:00.000Z']]);
    expect(later).toEqual([]);
  });

  it('keeps going when a run fails, reporting the error', async () => {
    const clock = fixedClock('2026-12-07T00:00:00.000Z');
    const failed: string[] = [];
    const scheduler = localScheduler({ clock, run: async (id) => { if (id === 'sweepDeliveries') throw new Error('boom'); }, onError: (id) => void failed.push(id) });
    clock.advance(2 * MINUTE);
    expect((await scheduler.runDue()).map((r) => r.functionId)).toEqual(['sweepDeliveries', 'pollFxiaoke']);
    expect(failed).toEqual(['sweepDeliveries']);
  });
});

describe('runtimeClock', () => {
  const saved = { STAGE: process.env['STAGE'], TABLE_NAME: process.env['TABLE_NAME'], offset: process.env[LOCAL_CLOCK_OFFSET_VAR] };
  afterEach(() => {
    for (const [name, value] of [['STAGE', saved.STAGE], ['TABLE_NAME', saved.TABLE_NAME], [LOCAL_CLOCK_OFFSET_VAR, saved.offset]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvForTests();
  });

  it('follows the local clock in the local stage and ignores the offset in any other', () => {
    // Prepare
    process.env['TABLE_NAME'] = 't';
    process.env['STAGE'] = 'local';
    resetEnvForTests();
    const clock = localClock();

    // Act
    clock.advanceTo(new Date(Date.now() + 3 * 86_400_000));
    const local = runtimeClock.now().getTime() - Date.now();
    process.env['STAGE'] = 'prod';
    resetEnvForTests();
    const cloud = runtimeClock.now().getTime() - Date.now();

    // Assess
    expect(local).toBeGreaterThan(3 * 86_400_000 - 1000);
    expect(Math.abs(cloud)).toBeLessThan(1000);
  });

  it('never moves the local clock back', () => {
    process.env['TABLE_NAME'] = 't';
    const clock = localClock();
    clock.advanceTo(new Date(Date.now() + 60_000));
    clock.advanceTo(new Date(Date.now() - 86_400_000));
    expect(clock.offsetMs()).toBeGreaterThanOrEqual(59_000);
  });

  it('refuses the delivery queue-delay cap outside the local stage', () => {
    process.env['TABLE_NAME'] = 't';
    process.env['STAGE'] = 'prod';
    process.env['DELIVERY_QUEUE_DELAY_MAX_SECONDS'] = '60';
    resetEnvForTests();
    try {
      expect(() => env()).toThrow(/DELIVERY_QUEUE_DELAY_MAX_SECONDS/);
    } finally {
      delete process.env['DELIVERY_QUEUE_DELAY_MAX_SECONDS'];
    }
  });
});

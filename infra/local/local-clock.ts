import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Clock } from '../../shared/domain/clock.js';
import { DomainError, MalformedInputError, ValidationError } from '../../shared/domain/errors.js';
import { toFieldIssues } from '../../shared/domain/validation.js';
import { LOCAL_CLOCK_OFFSET_VAR } from '../../shared/lambda/env.js';
import { toProblem } from '../../shared/lambda/problem.js';
import { functions, type FunctionId } from '../topology.js';
import { rateToMs } from './event-sources.js';

/** The local runtime's clock: the system clock plus an offset that only grows. */
export interface LocalClock extends Clock {
  offsetMs(): number;
  /** Moves the clock forward to `to` (never back). */
  advanceTo(to: Date): void;
}

const ClockFileSchema = z.object({ offsetMs: z.number().int().min(0) });

/**
 * The controllable clock of the local stage. Every function in the process reads it through
 * LOCAL_CLOCK_OFFSET_MS (shared/lambda/clock.ts); with `stateFile` the offset survives a restart,
 * so data written "in the future" stays in the past.
 */
export const localClock = (options: { stateFile?: string } = {}): LocalClock => {
  let offset = 0;
  if (options.stateFile && existsSync(options.stateFile)) {
    const parsed = ClockFileSchema.safeParse(JSON.parse(readFileSync(options.stateFile, 'utf8')));
    if (parsed.success) offset = parsed.data.offsetMs;
  }
  process.env[LOCAL_CLOCK_OFFSET_VAR] = String(offset);
  return {
    now: () => new Date(Date.now() + offset),
    offsetMs: () => offset,
    advanceTo: (to) => {
      offset = Math.max(offset, to.getTime() - Date.now());
      process.env[LOCAL_CLOCK_OFFSET_VAR] = String(offset);
      if (options.stateFile) writeFileSync(options.stateFile, JSON.stringify({ offsetMs: offset }));
    },
  };
};

/** One schedule run: which function, for which due time. */
export interface ScheduleRun {
  functionId: FunctionId;
  rule: string;
  dueAt: string;
}

interface Entry {
  functionId: FunctionId;
  rule: string;
  periodMs: number;
  nextDueMs: number;
}

/**
 * Plays the topology's `rate(...)` schedules on the local clock. Each schedule is due every
 * period from the hub's start; when the clock passes due times (in real time or by an advance)
 * the schedule runs once for the latest of them — missed earlier ones are folded into that run,
 * as a catch-up — so a due time never runs twice. Runs are serial, in due-time order.
 */
export const localScheduler = (options: {
  clock: Clock;
  /** Scales the periods (tests); default 1. */
  scale?: number;
  run: (functionId: FunctionId, rule: string, dueAt: Date) => Promise<unknown>;
  onError: (functionId: FunctionId, error: unknown) => void;
}) => {
  const start = options.clock.now().getTime();
  const entries: Entry[] = [];
  for (const spec of Object.values(functions)) {
    for (const trigger of spec.triggers) {
      if (trigger.kind !== 'schedule') continue;
      const every = rateToMs(trigger.expression);
      if (!every) continue;
      const periodMs = Math.max(1000, every * (options.scale ?? 1));
      entries.push({ functionId: spec.id, rule: trigger.id, periodMs, nextDueMs: start + periodMs });
    }
  }
  let chain: Promise<unknown> = Promise.resolve();

  const runDue = (): Promise<ScheduleRun[]> => {
    const next = chain.then(async () => {
      const now = options.clock.now().getTime();
      const due = entries
        .filter((entry) => entry.nextDueMs <= now)
        .map((entry) => ({ entry, dueMs: entry.nextDueMs + Math.floor((now - entry.nextDueMs) / entry.periodMs) * entry.periodMs }))
        .sort((a, b) => a.dueMs - b.dueMs);
      const ran: ScheduleRun[] = [];
      for (const { entry, dueMs } of due) {
        entry.nextDueMs = dueMs + entry.periodMs;
        ran.push({ functionId: entry.functionId, rule: entry.rule, dueAt: new Date(dueMs).toISOString() });
        try {
          await options.run(entry.functionId, entry.rule, new Date(dueMs));
        } catch (error) {
          options.onError(entry.functionId, error);
        }
      }
      return ran;
    });
    chain = next.catch(() => undefined);
    return next;
  };

  return {
    runDue,
    /** Checks for due schedules every `everyMs` of real time; returns the stop function. */
    startTicking: (everyMs = 1000): (() => void) => {
      const timer = setInterval(() => void runDue(), everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
    /** Waits for the run in progress (for a clean stop). */
    idle: (): Promise<unknown> => chain,
  };
};

const AdvanceSchema = z.union([
  z.strictObject({ seconds: z.number().positive().max(10 * 366 * 86_400) }),
  z.strictObject({ to: z.iso.datetime({ offset: true }) }),
]);

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 4096) throw new MalformedInputError('The body is larger than 4 KB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const send = (res: ServerResponse, status: number, body: unknown, type = 'application/json'): void => {
  res.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
};

/** Path prefix of the local-only clock routes (never part of the API's contract or of any AWS stage). */
export const LOCAL_CLOCK_PATH = '/__local/clock';

/**
 * `GET /__local/clock` and `POST /__local/clock/advance` (`{"seconds": n}` or `{"to": iso}`): reads
 * or moves the local clock forward, then runs the schedules that became due and answers with them.
 * Answers false when the request is not for it.
 */
export const localClockRoutes = (clock: LocalClock, scheduler: { runDue(): Promise<ScheduleRun[]> }) => async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path !== LOCAL_CLOCK_PATH && path !== `${LOCAL_CLOCK_PATH}/advance`) return false;
  const view = () => ({ now: clock.now().toISOString(), offsetSeconds: Math.round(clock.offsetMs() / 1000) });
  try {
    if (path === LOCAL_CLOCK_PATH && req.method === 'GET') {
      send(res, 200, view());
      return true;
    }
    if (path !== `${LOCAL_CLOCK_PATH}/advance` || req.method !== 'POST') {
      throw new DomainError('method_not_allowed', `Use ${path === LOCAL_CLOCK_PATH ? 'GET' : 'POST'} on ${path}`, { details: { httpStatus: 405 } });
    }
    const text = await readBody(req);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new MalformedInputError('The body is not valid JSON', { cause: error });
    }
    const parsed = AdvanceSchema.safeParse(json);
    if (!parsed.success) throw new ValidationError('Expected {"seconds": n} (n > 0) or {"to": "<ISO 8601 date-time>"}', toFieldIssues(parsed.error));
    const target = 'seconds' in parsed.data ? new Date(clock.now().getTime() + Math.round(parsed.data.seconds * 1000)) : new Date(parsed.data.to);
    if (target.getTime() < clock.now().getTime()) throw new ValidationError('The local clock only moves forward', [{ path: 'to', message: `must not be before ${clock.now().toISOString()}` }]);
    clock.advanceTo(target);
    const ran = await scheduler.runDue();
    send(res, 200, { ...view(), ran });
  } catch (error) {
    const problem = toProblem(error, path);
    send(res, problem.status, problem, 'application/problem+json');
  }
  return true;
};

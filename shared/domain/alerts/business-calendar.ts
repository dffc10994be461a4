import { z } from 'zod';

const DateSchema = z.iso.date();
const TimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/**
 * A business calendar for SLA timers: working hours on working days, in a fixed UTC offset (e.g. +480
 * for China Standard Time, which has no daylight saving). Holidays are days off; make-up working days
 * (调休) are weekend days that are worked. Without a calendar, SLA timers run in wall-clock time.
 */
export const BusinessCalendarSchema = z.strictObject({
  utcOffsetMinutes: z.number().int().min(-720).max(840),
  workingHours: z.strictObject({ from: TimeSchema, to: TimeSchema }).refine((w) => w.from < w.to, { message: 'from must be before to' }),
  /** ISO weekdays that are working days by default (1 = Monday … 7 = Sunday). */
  workingDays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
  holidays: z.array(DateSchema).default([]),
  /** Days worked although they fall on a non-working weekday (调休). */
  makeUpWorkingDays: z.array(DateSchema).default([]),
});
export type BusinessCalendar = z.infer<typeof BusinessCalendarSchema>;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const MINUTE = 60_000;
const DAY = 86_400_000;

/** Whether the local calendar day starting at `localMidnight` (ms, shifted by the offset) is a working day. */
const isWorkingDay = (cal: BusinessCalendar, localMidnight: number): boolean => {
  const day = new Date(localMidnight);
  const iso = day.toISOString().slice(0, 10);
  if (cal.makeUpWorkingDays.includes(iso)) return true;
  if (cal.holidays.includes(iso)) return false;
  return cal.workingDays.includes(day.getUTCDay() || 7);
};

/**
 * The instant `hours` working hours after `start` under the calendar (wall-clock hours without one).
 * Time outside working hours, on weekends and on holidays does not count; make-up days do.
 */
export const addWorkingHours = (start: Date, hours: number, cal?: BusinessCalendar): Date => {
  if (!cal) return new Date(start.getTime() + hours * 3_600_000);
  const offset = cal.utcOffsetMinutes * MINUTE;
  const from = minutesOf(cal.workingHours.from) * MINUTE;
  const to = minutesOf(cal.workingHours.to) * MINUTE;
  let remaining = Math.round(hours * 60) * MINUTE;
  let local = start.getTime() + offset;
  for (let guard = 0; guard < 3660; guard++) {
    const midnight = Math.floor(local / DAY) * DAY;
    if (isWorkingDay(cal, midnight)) {
      const open = Math.max(local, midnight + from);
      const close = midnight + to;
      if (open < close) {
        if (open + remaining <= close) return new Date(open + remaining - offset);
        remaining -= close - open;
      }
    }
    local = midnight + DAY;
  }
  throw new RangeError('No working time within ten years: check the calendar');
};

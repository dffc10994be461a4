import { describe, expect, it } from 'vitest';
import { parseRedriveArgs, main } from '../../../scripts/redrive.js';
import type { Subscription } from '../../../shared/domain/delivery/subscription.js';
import type { EventEnvelope } from '../../../shared/domain/events/envelope.js';
import { redriveEvents, type OutboxEntry } from '../../../shared/domain/outbound/redrive-events.js';
import type { RelayOutcome } from '../../../shared/domain/outbound/relay-event.js';

const id = (n: number) => `evt_01JD00000000000000000000${String(n).padStart(2, '0')}`;
const envelope = (n: number): EventEnvelope => ({ id: id(n), type: 'rating.changed', version: 1, occurredAt: `2026-12-01T10:0${n}:00.000Z`, customerId: 'cust-1', sequence: n, data: {} });

describe('parseRedriveArgs', () => {
  it('reads a window, repeated event ids and --force', () => {
    const args = parseRedriveArgs(['--from', '2026-12-01T10:00:00Z', '--to', '2026-12-01T11:00:00Z', '--event-id', id(1), '--event-id', id(2), '--force']);
    expect(args).toEqual({ ok: true, help: false, request: { from: '2026-12-01T10:00:00Z', to: '2026-12-01T11:00:00Z', eventIds: [id(1), id(2)], force: true } });
  });

  it('refuses unknown flags, positionals and bad values with one line naming the flag', () => {
    expect(parseRedriveArgs(['--frm', 'x'])).toEqual({ ok: false, message: "Unknown option '--frm'" });
    expect(parseRedriveArgs(['now'])).toMatchObject({ ok: false, message: expect.stringContaining("Unexpected argument 'now'") });
    expect(parseRedriveArgs(['--from', 'yesterday', '--to', '2026-12-01T11:00:00Z'])).toMatchObject({ ok: false, message: expect.stringMatching(/^--from: /) });
    expect(parseRedriveArgs(['--event-id', 'evt_nope'])).toMatchObject({ ok: false, message: expect.stringMatching(/^--event-id: an event id/) });
    expect(parseRedriveArgs([])).toMatchObject({ ok: false, message: expect.stringContaining('give a window') });
    expect(parseRedriveArgs(['--from', '2026-12-01T12:00:00Z', '--to', '2026-12-01T11:00:00Z'])).toMatchObject({ ok: false, message: expect.stringContaining('must not be after') });
  });

  it('exits 2 with a single line on stderr for an unknown flag', async () => {
    const err: string[] = [];
    const out: string[] = [];
    const code = await main(['--from', '2026-12-01T10:00:00Z', '--to', '2026-12-01T11:00:00Z', '--dry-run'], { out: (l) => out.push(l), err: (l) => err.push(l) });
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).not.toContain('\n');
    expect(err[0]).toMatch(/^redrive: Unknown option '--dry-run' — usage: npm run redrive/);
  });
});

describe('redriveEvents', () => {
  const build = (entries: OutboxEntry[]) => {
    const relayed: Array<{ id: string; force: boolean }> = [];
    const windows: Array<[string, string]> = [];
    const redrive = redriveEvents({
      outbox: {
        listBetween: async (from, to) => {
          windows.push([from.toISOString(), to.toISOString()]);
          return entries;
        },
        get: async (eventId) => entries.find((e) => e.eventId === eventId),
      },
      subscriptions: { list: async () => [] as Subscription[] },
      relay: async (e, _subs, options): Promise<RelayOutcome> => {
        relayed.push({ id: e.id, force: options.force ?? false });
        if (e.id === id(2)) return { eventId: e.id, sent: [], skipped: ['results', 'resultsFifo'], failed: [], duplicates: [] };
        if (e.id === id(3)) return { eventId: e.id, sent: ['resultsFifo'], skipped: [], failed: [{ target: 'results', code: 'ServiceUnavailable' }], duplicates: [] };
        return { eventId: e.id, sent: ['results', 'resultsFifo', 'deliveries:sub_a', 'deliveries:sub_b'], skipped: [], failed: [], duplicates: [] };
      },
    });
    return { redrive, relayed, windows };
  };

  it('relays every readable event of the window in order and reports what was sent, skipped, failed and unreadable', async () => {
    const { redrive, relayed, windows } = build([
      { eventId: id(1), envelope: envelope(1) },
      { eventId: id(2), envelope: envelope(2) },
      { eventId: 'evt_bad', unreadable: 'envelope.id: Invalid string' },
      { eventId: id(3), envelope: envelope(3) },
    ]);
    const report = await redrive({ from: '2026-12-01T10:00:00Z', to: '2026-12-01T11:00:00Z' });
    expect(windows).toEqual([['2026-12-01T10:00:00.000Z', '2026-12-01T11:00:00.000Z']]);
    expect(relayed).toEqual([{ id: id(1), force: false }, { id: id(2), force: false }, { id: id(3), force: false }]);
    expect(report).toEqual({
      events: 3,
      sent: { results: 1, resultsFifo: 2, deliveries: 2 },
      skipped: 2,
      duplicates: 0,
      failed: [{ eventId: id(3), target: 'results', code: 'ServiceUnavailable' }],
      unreadable: [{ eventId: 'evt_bad', reason: 'envelope.id: Invalid string' }],
      notFound: [],
    });
  });

  it('relays only the named events, with force passed on, and names the ones it cannot find', async () => {
    const { redrive, relayed, windows } = build([{ eventId: id(1), envelope: envelope(1) }]);
    const report = await redrive({ eventIds: [id(1), id(9)], force: true });
    expect(windows).toEqual([]);
    expect(relayed).toEqual([{ id: id(1), force: true }]);
    expect(report.notFound).toEqual([id(9)]);
  });

  it('refuses a request without window or ids', async () => {
    const { redrive } = build([]);
    await expect(redrive({})).rejects.toMatchObject({ code: 'validation_failed' });
  });
});

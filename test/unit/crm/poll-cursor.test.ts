import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { initialCursor, isAfterCursor, nextCursor, pollSince, type PolledRow, type PollPageRequest } from '../../../shared/domain/crm/poll-cursor.js';

/** In-memory stand-in for a CRM query: modifiedAt >= since, ordered by (modifiedAt, id), offset/limit. */
const serve = (rows: PolledRow[]) => async (page: PollPageRequest) =>
  rows
    .filter((r) => r.modifiedAtMs >= page.sinceMs)
    .sort((a, b) => a.modifiedAtMs - b.modifiedAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(page.offset, page.offset + page.limit);

const rowsArb = fc.uniqueArray(fc.record({ id: fc.stringMatching(/^[a-f0-9]{4}$/), modifiedAtMs: fc.integer({ min: 0, max: 6 }) }), { selector: (r) => r.id, maxLength: 60 });

describe('nextCursor', () => {
  it('breaks equal timestamps by id so the last row of a tie is the cursor', () => {
    const rows = [{ id: 'b', modifiedAtMs: 5 }, { id: 'a', modifiedAtMs: 5 }, { id: 'z', modifiedAtMs: 4 }];
    expect(nextCursor(rows, initialCursor())).toEqual({ modifiedAtMs: 5, lastId: 'b' });
  });

  it('never moves backwards and excludes everything it has passed', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 0, max: 6 }), fc.stringMatching(/^[a-f0-9]{0,4}$/), (rows, ms, id) => {
        const previous = { modifiedAtMs: ms, lastId: id };
        const next = nextCursor(rows, previous);
        expect(isAfterCursor({ id: next.lastId, modifiedAtMs: next.modifiedAtMs }, previous) || (next.modifiedAtMs === ms && next.lastId === id)).toBe(true);
        for (const row of rows) expect(isAfterCursor(row, next)).toBe(false);
      }),
    );
  });
});

describe('pollSince', () => {
  it('returns every row after the cursor exactly once, whatever the ties and page size', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, fc.integer({ min: 1, max: 7 }), async (rows, limit) => {
        const result = await pollSince(serve(rows), (r) => r, initialCursor(), { limit, maxPages: 1000 });
        expect(result.complete).toBe(true);
        expect(result.rows.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
      }),
    );
  });

  it('resumes from a stored cursor without repeating or skipping rows changed later', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, rowsArb, fc.integer({ min: 1, max: 5 }), async (before, later, limit) => {
        const laterIds = new Set(later.map((r) => r.id));
        const first = await pollSince(serve(before), (r) => r, initialCursor(), { limit, maxPages: 1000 });
        // rows edited after the first poll get a timestamp beyond every earlier one
        const world = [...before.filter((r) => !laterIds.has(r.id)), ...later.map((r) => ({ ...r, modifiedAtMs: r.modifiedAtMs + 10 }))];
        const second = await pollSince(serve(world), (r) => r, first.cursor, { limit, maxPages: 1000 });
        expect(second.rows.map((r) => r.id).sort()).toEqual([...laterIds].sort());
      }),
    );
  });

  it('stops at maxPages and says so, with a cursor that continues where it stopped', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ id: `r${i}`, modifiedAtMs: i }));
    const partial = await pollSince(serve(rows), (r) => r, initialCursor(), { limit: 3, maxPages: 2 });
    const rest = await pollSince(serve(rows), (r) => r, partial.cursor, { limit: 3, maxPages: 10 });
    expect(partial.complete).toBe(false);
    expect([...partial.rows, ...rest.rows].map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });
});

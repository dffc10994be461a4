import { z } from 'zod';

/**
 * Position of an incremental poll over `(modifiedAt, id)`, both ascending. Records are
 * "after" the cursor when their time is later, or equal with a larger id, so a batch
 * that ends in the middle of equal timestamps neither skips nor repeats records.
 */
export const PollCursorSchema = z.object({
  modifiedAtMs: z.number().int().nonnegative(),
  lastId: z.string(),
});
export type PollCursor = z.infer<typeof PollCursorSchema>;

export interface PolledRow {
  id: string;
  modifiedAtMs: number;
}

export const initialCursor = (sinceMs = 0): PollCursor => ({ modifiedAtMs: sinceMs, lastId: '' });

const compareKey = (aMs: number, aId: string, bMs: number, bId: string): number =>
  aMs !== bMs ? aMs - bMs : aId < bId ? -1 : aId > bId ? 1 : 0;

/** True when `row` comes strictly after `cursor`. */
export const isAfterCursor = (row: PolledRow, cursor: PollCursor): boolean =>
  compareKey(row.modifiedAtMs, row.id, cursor.modifiedAtMs, cursor.lastId) > 0;

/** The cursor after having processed `rows` (any order): the largest `(modifiedAt, id)` seen, never moving backwards. */
export const nextCursor = (rows: readonly PolledRow[], previous: PollCursor): PollCursor => {
  let best = previous;
  for (const row of rows) {
    if (compareKey(row.modifiedAtMs, row.id, best.modifiedAtMs, best.lastId) > 0) best = { modifiedAtMs: row.modifiedAtMs, lastId: row.id };
  }
  return best;
};

/** A page request: rows with `modifiedAt >= sinceMs`, ordered by (modifiedAt, id) ascending, skipping `offset`. */
export interface PollPageRequest {
  sinceMs: number;
  offset: number;
  limit: number;
}

/**
 * Reads everything after `cursor` page by page. Each page restarts at offset 0 from the
 * new cursor time (so concurrent edits cannot shift rows past us); only a page made
 * entirely of one timestamp (a tie group larger than `limit`) advances the offset.
 * Returns the rows after the cursor, in order, and the cursor to store.
 */
export const pollSince = async <R>(
  fetchPage: (request: PollPageRequest) => Promise<R[]>,
  key: (row: R) => PolledRow,
  cursor: PollCursor,
  options: { limit: number; maxPages: number },
): Promise<{ rows: R[]; cursor: PollCursor; complete: boolean }> => {
  const rows: R[] = [];
  let current = cursor;
  let sinceMs = cursor.modifiedAtMs;
  let offset = 0;
  for (let page = 0; page < options.maxPages; page++) {
    const batch = await fetchPage({ sinceMs, offset, limit: options.limit });
    const fresh = batch.filter((row) => isAfterCursor(key(row), current));
    rows.push(...fresh);
    current = nextCursor(fresh.map(key), current);
    if (batch.length < options.limit) return { rows, cursor: current, complete: true };
    const last = batch[batch.length - 1];
    if (last !== undefined && key(last).modifiedAtMs === sinceMs) offset += options.limit;
    else {
      sinceMs = current.modifiedAtMs;
      offset = 0;
    }
  }
  return { rows, cursor: current, complete: false };
};

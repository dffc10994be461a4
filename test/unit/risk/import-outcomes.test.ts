import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/domain/clock.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import { newProfile } from '../../../shared/domain/profile/customer-profile.js';
import { importOutcomes, readOutcomeRows } from '../../../shared/domain/risk/import-outcomes.js';
import type { Outcome } from '../../../shared/domain/risk/training-data.js';

const NOW = new Date('2026-12-07T12:00:00.000Z');

const setup = () => {
  const stored = new Map<string, Outcome>();
  const audits: unknown[] = [];
  const known = new Set(['c-1', 'c-2']);
  const run = importOutcomes({
    profiles: { get: async (id: string) => (known.has(id) ? newProfile(id, 'business', NOW) : undefined) },
    outcomes: {
      putOnce: async (o) => {
        const k = `${o.customerId}|${o.at}|${o.defaulted}`;
        if (stored.has(k)) return 'duplicate';
        stored.set(k, o);
        return 'recorded';
      },
    },
    audit: { append: async (a) => void audits.push(a) },
    clock: fixedClock(NOW.toISOString()),
  });
  return { run, stored, audits };
};

describe('importOutcomes', () => {
  it('records CSV and NDJSON rows once: the same instant written another way is a duplicate', async () => {
    // Prepare
    const { run, stored, audits } = setup();
    const csv = 'customerId,defaulted,at\nc-1,true,2026-01-31T00:00:00Z\nc-2,0,2026-02-01T10:00:00+02:00\n';
    const ndjson = '{"customerId":"c-1","defaulted":true,"at":"2026-01-31T00:00:00.000Z"}\n\n{"customerId":"c-2","defaulted":true,"at":"2026-03-01T00:00:00Z"}\n';
    // Act
    const first = await run(csv, 'csv', 'person:a');
    const second = await run(ndjson, 'ndjson', 'person:a');
    // Assess
    expect(first).toEqual({ received: 2, recorded: 2, duplicates: 0 });
    expect(second).toEqual({ received: 2, recorded: 1, duplicates: 1 });
    expect([...stored.values()].map((o) => [o.customerId, o.defaulted, o.at])).toEqual([
      ['c-1', true, '2026-01-31T00:00:00.000Z'],
      ['c-2', false, '2026-02-01T08:00:00.000Z'],
      ['c-2', true, '2026-03-01T00:00:00.000Z'],
    ]);
    expect(audits).toEqual([
      { actor: 'person:a', action: 'outcomes.imported', target: 'outcomes', details: first },
      { actor: 'person:a', action: 'outcomes.imported', target: 'outcomes', details: second },
    ]);
  });

  it('refuses the whole file with row paths when any row is malformed or names an unknown customer, and writes nothing', async () => {
    const { run, stored, audits } = setup();
    const bad = await run('customerId,defaulted,at\nc-1,yes,2026-01-31T00:00:00Z\nc-2,true,31/01/2026\n', 'csv', 'a').catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).issues.map((i) => i.path)).toEqual(['rows[0].defaulted', 'rows[1].at']);
    const extra = await run('{"customerId":"c-1","defaulted":true,"at":"2026-01-31T00:00:00Z","note":"x"}\nnot json\n', 'ndjson', 'a').catch((e: unknown) => e);
    expect((extra as ValidationError).issues.map((i) => [i.path, i.code])).toEqual([['rows[1]', 'invalid_json'], ['rows[0]', 'unrecognized_keys']]);
    const unknown = await run('customerId,defaulted,at\nc-1,true,2026-01-31T00:00:00Z\nc-9,true,2026-01-31T00:00:00Z\n', 'csv', 'a').catch((e: unknown) => e);
    expect((unknown as ValidationError).issues).toEqual([expect.objectContaining({ path: 'rows[1].customerId', code: 'unknown_customer' })]);
    await expect(run('', 'ndjson', 'a')).rejects.toBeInstanceOf(ValidationError);
    expect(stored.size).toBe(0);
    expect(audits).toEqual([]);
  });

  it('reads a CSV whose quoting is broken as one issue, not a crash', () => {
    const read = readOutcomeRows('customerId,defaulted,at\n"c-1,true,2026-01-31T00:00:00Z\n', 'csv');
    expect(read.rows).toEqual([]);
    expect(read.issues).toEqual([expect.objectContaining({ path: 'rows', code: 'invalid_csv' })]);
  });
});

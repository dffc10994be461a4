import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importMetro2File, type Metro2Import } from '../../../shared/domain/bureau-pulls/import-metro2.js';
import type { ReportArchive } from '../../../shared/domain/bureau-pulls/ports.js';
import type { AuditInput } from '../../../shared/domain/audit/audit-chain.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import type { ProfileChange } from '../../../shared/domain/customers/ports.js';
import { newProfile, type CustomerProfile } from '../../../shared/domain/profile/customer-profile.js';

const FILE = readFileSync(new URL('../../fixtures/bureaus/metro2/furnisher-sample.txt', import.meta.url), 'utf8');
const clock = fixedClock('2026-03-10T09:00:00Z');
const at = clock.now().toISOString();

const consumer = (customerId: string, legalName: string, postalCode: string): CustomerProfile => {
  const base = newProfile(customerId, 'consumer', clock.now());
  const value = (v: string) => ({ value: v, source: 'api', observedAt: at });
  return { ...base, fields: { legalName: value(legalName), postalCode: value(postalCode), country: value('US') } };
};

/** Customers as stored, an index that offers every customer as a candidate (the matcher decides), and what was written. */
const world = (customers: CustomerProfile[]) => {
  const profiles = new Map(customers.map((c) => [c.customerId, c]));
  const commits: ProfileChange[] = [];
  const saved: Metro2Import[] = [];
  const quarantined: Array<{ source: string; messageId: string; reason: string; body: string }> = [];
  const audits: AuditInput[] = [];
  const archive: Pick<ReportArchive, 'itemsFor'> = { itemsFor: (input) => [{ item: { entity: 'report', reportId: input.report.reportId, importId: input.importId, raw: input.raw.body } }] };
  const run = importMetro2File({
    profiles: {
      get: async (id) => profiles.get(id),
      async commit(change) {
        commits.push(change);
        profiles.set(change.profile.customerId, change.profile);
      },
    },
    identities: { find: async () => [...profiles.keys()] },
    archive,
    imports: { save: async (record) => void saved.push(record), get: async () => undefined },
    quarantine: { put: async (entry) => void quarantined.push(entry) },
    audit: { append: async (entry) => void audits.push(entry) },
    clock,
  });
  return { run, commits, saved, quarantined, audits };
};

describe('importMetro2File', () => {
  it('merges the consumer that matches exactly one customer like a pull, and holds the unmatched one with its reason', async () => {
    // Prepare
    const w = world([consumer('c-avery', 'Avery Sample', '92626'), consumer('c-other', 'Someone Else', '10001')]);
    // Act
    const record = await w.run(FILE, { bureau: 'experian', by: 'key:admin' });
    // Assess
    expect(record).toMatchObject({ status: 'imported', merged: 1, review: 1 });
    expect(record.subjects).toEqual([
      expect.objectContaining({ index: 0, outcome: 'merged', customerId: 'c-avery', accounts: 3 }),
      expect.objectContaining({ index: 1, outcome: 'review', reason: 'no_matching_customer', accounts: 1 }),
    ]);
    expect(w.commits).toHaveLength(1);
    const [commit] = w.commits;
    expect(commit?.profile.credit.experian).toMatchObject({ reportId: record.subjects[0]!.reportId, subjectMatch: 'match' });
    expect(commit?.events.map((e) => e.type)).toEqual(['credit_report.received']);
    const archived = commit?.extraPuts?.[0]?.item;
    expect(archived).toMatchObject({ importId: record.importId });
    expect(String(archived?.['raw']).split('\n')).toHaveLength(3);
    expect(w.saved).toEqual([record]);
    expect(JSON.stringify(w.audits)).not.toMatch(/AVERY|Avery/);
  });

  it('holds a consumer two customers match as ambiguous, and a name without address evidence as a weak match; merges nothing', async () => {
    const twins = world([consumer('c-1', 'Avery Sample', '92626'), consumer('c-2', 'Avery Sample', '92626')]);
    const ambiguous = await twins.run(FILE, { bureau: 'equifax', by: 'key:admin' });
    expect(ambiguous.subjects[0]).toMatchObject({ outcome: 'review', reason: 'ambiguous', candidates: ['c-1', 'c-2'] });
    expect(twins.commits).toHaveLength(0);

    const moved = world([consumer('c-3', 'Avery Sample', '10001')]);
    const weak = await moved.run(FILE, { bureau: 'equifax', by: 'key:admin' });
    expect(weak.subjects[0]).toMatchObject({ outcome: 'review', reason: 'weak_match', candidates: ['c-3'] });
    expect(moved.commits).toHaveLength(0);
  });

  it('quarantines a file with a broken segment with its reason and bytes; nothing merged, the import kept', async () => {
    const lines = FILE.trim().split('\n');
    const broken = [...lines.slice(0, -1)].join('\n');
    const w = world([consumer('c-avery', 'Avery Sample', '92626')]);
    const record = await w.run(broken, { bureau: 'experian', by: 'key:admin' });
    expect(record).toMatchObject({ status: 'quarantined', subjects: [], quarantine: { code: 'malformed_report', reason: expect.stringContaining('TRAILER') } });
    expect(w.quarantined).toEqual([expect.objectContaining({ source: 'metro2', messageId: record.importId, body: broken })]);
    expect(w.commits).toHaveLength(0);
    expect(w.saved).toEqual([record]);
  });
});

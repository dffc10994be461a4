import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import { STANDARD_FEATURE_EXTRACTORS } from '../../../shared/domain/rating/features.js';
import { derivedExtractor } from '../../../shared/domain/rating/policy.js';
import { rateProfile } from '../../../shared/domain/rating/rate-profile.js';
import type { RatingResult } from '../../../shared/domain/rating/rating-result.js';
import { trainScorecard } from '../../../shared/domain/rating/training/train-scorecard.js';
import { newProfile } from '../../../shared/domain/profile/customer-profile.js';
import { exportTrainingData, trainingRow, type TrainingDataRow } from '../../../shared/domain/risk/training-data.js';
import { outcomeStore } from '../../../shared/adapters/dynamodb/outcome-store.js';
import { customerIdPage } from '../../../shared/adapters/dynamodb/portfolio-scan.js';
import { profileStore } from '../../../shared/adapters/dynamodb/profile-store.js';
import { ratingHistoryStore } from '../../../shared/adapters/dynamodb/rating-history-store.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

const DAY = 86_400_000;
const T0 = new Date('2025-01-01T00:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY).toISOString();

/** Deterministic pseudo-random numbers in [0, 1). */
const lcg = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

const rating = (ratedAt: string, features: Record<string, number | null>, defaulted = false): RatingResult => ({
  status: 'rated',
  policyVersion: 1,
  reasons: [],
  inputsHash: `h-${ratedAt}`,
  ratedAt,
  features,
  defaulted,
});

describe('training data from the rating history (DynamoDB Local)', () => {
  const clients = emulatorClients();
  let table: { client: typeof clients.doc; tableName: string };
  const N = 120;
  const expectedBad = new Set<string>();

  beforeAll(async () => {
    table = { client: clients.doc, tableName: (await provisionTestResources(clients)).tableName };
    const profiles = profileStore(table);
    const history = ratingHistoryStore(table);
    const outcomes = outcomeStore(table);
    const random = lcg(7);
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < N; i++) {
      const id = `train-${String(i).padStart(3, '0')}`;
      // Past due days and overdue share drive the (synthetic) risk; the rest is noise.
      const dpd = Math.floor(random() * 80);
      const overdue = Math.round(random() * 100) / 100;
      const orders = 1 + Math.floor(random() * 20);
      const bad = random() < 0.05 + dpd / 100 + overdue / 5;
      const features = { worst_dpd: dpd, overdue_ratio: overdue, orders_12m: orders, bureau_score: null };
      // Some customers have an older rating first: the observation is the newest one before the default.
      const entries = [rating(at(0), { ...features, worst_dpd: 0 }), rating(at(30), features)];
      const how = i % 3;
      if (bad) {
        expectedBad.add(id);
        // Two ways to be labelled bad: the policy's own default in the history, or a recorded outcome.
        if (how === 0) entries.push(rating(at(120), { ...features, worst_dpd: 95 }, true));
        else writes.push(outcomes.put({ customerId: id, defaulted: true, at: at(90), recordedAt: at(91), recordedBy: 'key:test' }));
      } else if (how === 1) {
        // A policy default later cleared by an explicit outcome counts as good.
        entries.push(rating(at(120), { ...features, worst_dpd: 95 }, true));
        writes.push(outcomes.put({ customerId: id, defaulted: false, at: at(130), recordedAt: at(131), recordedBy: 'key:test' }));
      }
      const profile = { ...newProfile(id, 'business', T0), version: 1, sequence: entries.length };
      writes.push(profiles.commit({ profile, expectedVersion: 0, events: [], extraPuts: entries.map((r, n) => history.entry(id, n + 1, r)) }));
    }
    await Promise.all(writes);
  });
  afterAll(() => clients.destroy());

  it('pages through every customer once and labels each by its default date', async () => {
    const history = ratingHistoryStore(table);
    const page = exportTrainingData({ source: { customerPage: customerIdPage(table), ratings: (id) => history.all(id) }, outcomes: outcomeStore(table) });
    const rows: TrainingDataRow[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const result = await page({ limit: 50, ...(cursor !== undefined ? { cursor } : {}) });
      expect(result.rows.length).toBeLessThanOrEqual(50);
      rows.push(...result.rows);
      cursor = result.nextCursor;
      pages++;
    } while (cursor !== undefined);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(rows).toHaveLength(N);
    expect(rows.filter((r) => r['defaulted'] === 1)).toHaveLength(expectedBad.size);
    // No observation is a defaulted rating (its 95 DPD would leak the label).
    expect(rows.every((r) => r['worst_dpd'] !== 95)).toBe(true);
    expect(Object.keys(rows[0]!).sort()).toEqual(['bureau_score', 'defaulted', 'orders_12m', 'overdue_ratio', 'worst_dpd']);

    // npm run train does exactly this on the NDJSON export.
    const { policy, report } = trainScorecard(rows, { target: 'defaulted', folds: 3, version: 2, seed: 1 });
    expect(policy.status).toBe('draft');
    expect(report.rows).toBe(N);
    expect(report.auc).toBeGreaterThan(0.6);
    const columns = policy.scoring.features.map((f) => f.trainingColumn ?? f.id);
    expect(columns).toContain('worst_dpd');

    // The trained draft rates a hub profile: its `column: worst_dpd` reads the profile's days past due.
    const now = new Date(at(200));
    const profile = newProfile('hub-1', 'business', T0);
    profile.aggregates.orders = { count: 3, cancelledCount: 0, grossMinor: 300_000, netMinor: 300_000, firstOrderAt: at(150), lastOrderAt: at(190), months: [{ month: '2025-07', orderCount: 3, netMinor: 300_000 }] };
    profile.aggregates.exposure = { openInvoiceCount: 1, openMinor: 100_000, overdueMinor: 100_000, oldestOpenDueAt: at(155), maxDaysPastDue: 0 };
    const rated = rateProfile(profile, policy, now);
    expect(rated.features?.['worst_dpd']).toBe(45);
    expect(rated.features?.['overdue_ratio'] ?? 1).toBe(1);
  });

  it('takes the newest rating before the default as the observation, and honours observedBefore and performanceDays', () => {
    const ratings = [rating(at(0), { worst_dpd: 0 }), rating(at(30), { worst_dpd: 20 }), rating(at(60), { worst_dpd: 95 }, true)];
    expect(trainingRow(ratings, [])).toMatchObject({ row: { worst_dpd: 20, defaulted: 1 }, observedAt: at(30), defaultAt: at(60) });
    expect(trainingRow(ratings, [], { observedBefore: new Date(at(10)) })).toMatchObject({ row: { worst_dpd: 0, defaulted: 1 } });
    expect(trainingRow(ratings, [], { observedBefore: new Date(at(10)), performanceDays: 30 })).toMatchObject({ row: { worst_dpd: 0, defaulted: 0 } });
    expect(trainingRow(ratings.slice(2), [])).toEqual({ skipped: 'no_observation' });
    expect(trainingRow(ratings.slice(0, 2), [])).toMatchObject({ row: { worst_dpd: 20, defaulted: 0 } });
  });

  it('resolves every default policy feature id as a column with the default extractor', () => {
    expect(Object.fromEntries(DEFAULT_POLICY.scoring.features.map((f) => [f.id, derivedExtractor(f)]))).toEqual(STANDARD_FEATURE_EXTRACTORS);
  });
});

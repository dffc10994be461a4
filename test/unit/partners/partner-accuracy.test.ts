import { describe, expect, it } from 'vitest';
import { partnerAccuracy } from '../../../shared/domain/partners/partner-accuracy.js';
import type { PartnerAssessment } from '../../../shared/domain/partners/partner-model.js';
import type { RatingResult } from '../../../shared/domain/rating/rating-result.js';
import type { Outcome } from '../../../shared/domain/risk/training-data.js';
import { prng } from '../../fixtures/rating/profiles.js';

const assessment = (i: number, pd: number): PartnerAssessment => ({
  assessmentId: `asm_${String(i).padStart(26, '0')}`, partnerId: 'agency', customerId: `c-${i}`, externalRef: `r-${i}`, pd, scale: 'PD',
  submittedAt: '2026-01-01T00:00:00.000Z', submittedBy: 'key', fingerprint: 'f',
});
const outcome = (i: number, defaulted: boolean): Outcome => ({ customerId: `c-${i}`, defaulted, at: '2026-06-01T00:00:00.000Z', recordedAt: '2026-06-02T00:00:00.000Z', recordedBy: 'person:x' });

/** In-memory ports for the pure report logic (the routes are exercised in test/e2e/partners-trust.test.ts). */
const ports = (rows: Array<{ pd: number; defaulted: boolean | 'rating' | undefined }>) => {
  const all = rows.map((r, i) => assessment(i, r.pd));
  return {
    assessments: {
      listForPartner: async (_p: string, { limit, cursor }: { limit: number; cursor?: string }) => {
        const from = Number(cursor ?? 0);
        const next = from + limit;
        return { assessments: all.slice(from, next), ...(next < all.length ? { nextCursor: String(next) } : {}) };
      },
    },
    outcomes: { list: async (id: string) => { const r = rows[Number(id.slice(2))]!; return typeof r.defaulted === 'boolean' ? [outcome(Number(id.slice(2)), r.defaulted)] : []; } },
    ratings: async (id: string): Promise<RatingResult[]> => (rows[Number(id.slice(2))]!.defaulted === 'rating' ? [{ status: 'rated', policyVersion: 1, reasons: [], inputsHash: 'h', ratedAt: '2026-05-01T00:00:00.000Z', defaulted: true }] : []),
  };
};

describe('partner accuracy', () => {
  it('says "insufficient outcomes" below 50 outcomes or 10 defaults', async () => {
    const few = await partnerAccuracy(ports(Array.from({ length: 40 }, (_, i) => ({ pd: 0.1, defaulted: i < 20 }))))('agency');
    expect(few).toMatchObject({ status: 'insufficient_outcomes', outcomes: 40, defaults: 20, message: expect.stringContaining('insufficient outcomes') });
    const fewDefaults = await partnerAccuracy(ports(Array.from({ length: 300 }, (_, i) => ({ pd: 0.1, defaulted: i < 9 }))))('agency');
    expect(fewDefaults).toMatchObject({ status: 'insufficient_outcomes', outcomes: 300, defaults: 9 });
  });

  it('reports AUC, calibration and a suggested weight for a partner whose PDs rank and are calibrated, across pages', async () => {
    // Prepare: 400 customers, default drawn with the partner's own PD (so it is calibrated and discriminates).
    const rnd = prng(7);
    const rows = Array.from({ length: 400 }, () => {
      const pd = 0.02 + 0.5 * rnd() ** 2;
      return { pd, defaulted: rnd() < pd };
    });
    // Act
    const report = await partnerAccuracy(ports(rows))('agency');
    // Assess
    expect(report.status).toBe('reported');
    if (report.status !== 'reported') return;
    expect(report.outcomes).toBe(400);
    expect(report.auc).toBeGreaterThan(0.65);
    expect(report.calibration.ratio).toBeGreaterThan(0.7);
    expect(report.calibration.ratio).toBeLessThan(1.5);
    expect(report.calibration.bins).toHaveLength(5);
    expect(report.calibration.bins[4]!.observedDefaultRate).toBeGreaterThan(report.calibration.bins[0]!.observedDefaultRate);
    expect(report.suggestedWeight).toBeGreaterThan(0.2);
    // A partner whose PDs are noise gets a lower suggestion.
    const noise = await partnerAccuracy(ports(rows.map((r) => ({ ...r, pd: 0.02 + 0.5 * rnd() }))))('agency');
    expect(noise.status === 'reported' && noise.suggestedWeight).toBeLessThan(report.suggestedWeight);
  });

  it('counts a defaulted rating as a realised default when no outcome was recorded, and skips customers with no known outcome', async () => {
    const rows = [...Array.from({ length: 45 }, () => ({ pd: 0.05, defaulted: false })), ...Array.from({ length: 10 }, () => ({ pd: 0.4, defaulted: 'rating' as const })), { pd: 0.3, defaulted: undefined }];
    const report = await partnerAccuracy(ports(rows))('agency');
    expect(report).toMatchObject({ status: 'reported', outcomes: 55, defaults: 10, auc: 1 });
  });
});

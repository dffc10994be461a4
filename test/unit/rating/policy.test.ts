import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.js';
import { DEFAULT_POLICY, DEFAULT_POLICY_INPUT } from '../../../shared/domain/rating/default-policy.js';
import { parsePolicy, type RiskPolicyInput } from '../../../shared/domain/rating/policy.js';

const clone = (): RiskPolicyInput => structuredClone(DEFAULT_POLICY_INPUT);

const issuesOf = (input: unknown): { path: string; message: string }[] => {
  try {
    parsePolicy(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  return [];
};

describe('parsePolicy', () => {
  it('accepts the default policy and applies defaults', () => {
    // Act
    const policy = parsePolicy(clone());
    // Assess
    expect(policy.version).toBe(1);
    expect(policy.features[0]?.extractor).toEqual({ type: 'bureau_score_percentile', combine: 'worst' });
    expect(policy.masterScale.map((g) => g.grade)).toEqual(['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C', 'D']);
    expect(DEFAULT_POLICY.scorecard.characteristics).toHaveLength(10);
  });

  it('reports a gap between numeric bins with its field path', () => {
    // Prepare
    const input = clone();
    const bins = input.scorecard.characteristics[1]!.bins as { from?: number; to?: number; points: number }[];
    bins[2]!.from = 31;
    // Act
    const issues = issuesOf(input);
    // Assess
    expect(issues).toContainEqual(expect.objectContaining({ path: 'scorecard.characteristics[1].bins[2].from', message: 'bins must be contiguous: expected from = 30' }));
  });

  it('refuses a bin set that does not reach minus or plus infinity', () => {
    const input = clone();
    const bins = input.scorecard.characteristics[0]!.bins as { from?: number; to?: number; points: number }[];
    bins[0]!.from = 0;
    delete bins[bins.length - 2]!.to;
    const paths = issuesOf(input).map((i) => i.path);
    expect(paths).toContain('scorecard.characteristics[0].bins[0].from');
    expect(paths).toContain('scorecard.characteristics[0].bins[3].to');
  });

  it('refuses a master scale whose PD bounds do not increase, and duplicate grades', () => {
    const input = clone();
    input.masterScale[3] = { grade: 'AA', maxPd: 0.0001 };
    const issues = issuesOf(input);
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['masterScale[3].grade', 'masterScale[3].maxPd']));
  });

  it('refuses a scorecard that scores an unknown feature', () => {
    const input = clone();
    input.scorecard.characteristics[4]!.feature = 'shoe_size';
    expect(issuesOf(input)).toContainEqual(expect.objectContaining({ path: 'scorecard.characteristics[4].feature', message: 'unknown feature "shoe_size"' }));
  });

  it('refuses an RFM segment table that leaves R×F cells uncovered', () => {
    const input = clone();
    input.rfm.segments = input.rfm.segments.filter((s) => s.segment !== 'Lost' && s.segment !== 'Hibernating');
    const messages = issuesOf(input).map((i) => i.message);
    expect(messages).toContain('no segment covers R1 F1');
    expect(messages).toContain('no segment covers R2 F2');
  });

  it('refuses limit rules that give a worse grade more credit', () => {
    const input = clone();
    input.limits.byGrade[5]!.purchaseMultiple = 10;
    expect(issuesOf(input).map((i) => i.path)).toContain('limits.byGrade[5].purchaseMultiple');
  });

  it('refuses an unknown extractor type with a path', () => {
    const input = clone() as unknown as { features: { extractor: { type: string } }[] };
    input.features[2]!.extractor.type = 'astrology';
    expect(issuesOf(input).map((i) => i.path)).toContain('features[2].extractor.type');
  });
});

describe('risk-policy.schema.json', () => {
  it('matches the JSON Schema generated from RiskPolicySchema (run scripts/export-policy-schema.ts after schema changes)', async () => {
    const { readFileSync } = await import('node:fs');
    const { z } = await import('zod');
    const { RiskPolicySchema } = await import('../../../shared/domain/rating/policy.js');
    const file = JSON.parse(readFileSync(new URL('../../../docs/schemas/risk-policy.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const generated = z.toJSONSchema(RiskPolicySchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
    expect(file.properties).toEqual(generated.properties);
    expect(file.required).toEqual(generated.required);
  });
});

import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.js';
import { DEFAULT_POLICY, DEFAULT_POLICY_INPUT } from '../../../shared/domain/rating/default-policy.js';
import { parsePolicy, type RiskPolicyV1Input as RiskPolicyInput } from '../../../shared/domain/rating/policy.js';

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

describe('parsePolicy (version 1 documents)', () => {
  it('accepts the default policy, applies defaults and reads it as format 2', () => {
    // Act
    const policy = parsePolicy(clone());
    // Assess
    expect(policy.version).toBe(1);
    expect(policy.schemaVersion).toBe(2);
    expect(policy.scoring.features[0]).toEqual({ id: 'bureau_score', label: expect.any(String), path: 'derived.bureau_score_percentile', kind: 'numeric', params: { combine: 'worst' } });
    expect(policy.grades.scale.map((g) => g.grade)).toEqual(['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C', 'D']);
    expect(policy.grades.defaultDpd).toBe(90);
    expect(policy.measures.onDefault).toBe('freeze_limit');
    expect(DEFAULT_POLICY.scoring.characteristics).toHaveLength(10);
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

describe('parsePolicy with unknown keys', () => {
  it('reads partnerWeights into partners.weights and refuses a weight outside [0, 1] at its path', () => {
    expect(parsePolicy({ ...clone(), partnerWeights: { 'partner-a': 0.5 } }).partners.weights).toEqual({ 'partner-a': 0.5 });
    const input = { ...clone(), partnerWeights: { 'partner-a': 1.5 } };
    expect(issuesOf(input)).toEqual([expect.objectContaining({ path: 'partnerWeights.partner-a' })]);
  });

  it('refuses format 2 alert settings in a version 1 document, naming their full paths (alerts.cooldownHours, alerts.anomaly)', () => {
    const input = clone();
    Object.assign(input.alerts!, { cooldownHours: 24, anomaly: { zScore: 3 } });
    expect(issuesOf(input).map((i) => [i.path, (i as { code?: string }).code])).toEqual([
      ['alerts.cooldownHours', 'not_supported'],
      ['alerts.anomaly', 'not_supported'],
    ]);
  });

  it('refuses a typo in a section as an unknown key (alerts.colour)', () => {
    const input = clone();
    Object.assign(input.alerts!, { colour: 'red' });
    expect(issuesOf(input)).toContainEqual(expect.objectContaining({ path: 'alerts.colour', code: 'unrecognized_keys' }));
  });

  it('refuses unknown keys deep in arrays and discriminated unions, one issue per key', () => {
    const input = clone() as unknown as {
      features: Array<{ extractor: Record<string, unknown> }>;
      scorecard: { characteristics: Array<{ bins: Array<Record<string, unknown>> }> };
      masterScale: Array<Record<string, unknown>>;
      rfm: { segments: Array<Record<string, unknown>> };
      limits: { byGrade: Array<Record<string, unknown>> };
      minimumData: Record<string, unknown>;
    };
    input.features[0]!.extractor['weight'] = 2;
    input.scorecard.characteristics[1]!.bins[0]!['label'] = 'low';
    input.masterScale[0]!['colour'] = 'green';
    input.rfm.segments[0]!['priority'] = 1;
    input.limits.byGrade[0]!['currency'] = 'EUR';
    input.minimumData['maxAgeDays'] = 30;
    expect(issuesOf(input).filter((i) => (i as { code?: string }).code === 'unrecognized_keys').map((i) => i.path).sort()).toEqual([
      'features[0].extractor.weight',
      'limits.byGrade[0].currency',
      'masterScale[0].colour',
      'minimumData.maxAgeDays',
      'rfm.segments[0].priority',
      'scorecard.characteristics[1].bins[0].label',
    ]);
  });

  it('still accepts every policy it produces: the default and a parsed policy read back', () => {
    expect(() => parsePolicy(JSON.parse(JSON.stringify(DEFAULT_POLICY)))).not.toThrow();
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

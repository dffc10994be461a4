import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import { rateRecord, planColumns } from '../../../shared/domain/rating/scoring/rate-record.js';

/** `rb score` as a user meets it: each case spawns `node --import tsx packages/rb/src/main.ts score`. */
const rb = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'packages/rb/src/main.ts', ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'rb-score-'));
const policyFile = join(dir, 'policy.json');
writeFileSync(policyFile, JSON.stringify(DEFAULT_POLICY));
const ids = DEFAULT_POLICY.scoring.features.map((f) => f.id);
const NOW = '2026-01-01T00:00:00.000Z';

/** Rows by feature id, the last feature left out, plus an extra column; row 3 has almost nothing. */
const header = [...ids.slice(0, -1), 'crm_id'];
const rows = [
  ['72', '0', '0.01', '12', '40', '1', '0', '80', '0.01', 'a'],
  ['31', '45', '0.4', '200', '2', '25', '2', '30', '0.2', 'b'],
  ['', '', '', '', '', '', '', '', '', 'c'],
  ['55', '10', '0.1', '30', '12', '5', '0', '70', '0.05', 'd'],
];
const csv = join(dir, 'in.csv');
writeFileSync(csv, [header, ...rows].map((r) => r.join(',')).join('\n'));

describe('rb score', { timeout: 60_000 }, () => {
  it.concurrent('writes one row per input row in order, as the engine rates it, and reports missing and extra columns', async ({ expect }) => {
    const out = join(dir, 'out.csv');
    const { code, stderr } = await rb(['score', '--policy', policyFile, '--input', csv, '--out', out, '--as-of', NOW]);
    expect(code).toBe(0);
    expect(stderr).toContain(`missing 1 feature column(s): derived.${ids.at(-1)} | ${ids.at(-1)}`);
    expect(stderr).toContain('ignored 1 extra column(s): crm_id');
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('row,status,score,pd,grade,limit,reason1,reason2,reason3,reason4,why');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['1,rated', '2,rated', '3,insufficient_data', '4,rated']);
    const plan = planColumns(header, DEFAULT_POLICY);
    rows.forEach((r, i) => {
      const expected = rateRecord(Object.fromEntries(header.map((h, k) => [h, r[k]])), DEFAULT_POLICY, plan, new Date(NOW));
      const cells = lines[i + 1]!.split(',');
      expect(cells[2]).toBe(expected.score === undefined ? '' : String(expected.score));
      expect(cells[4]).toBe(expected.grade ?? '');
      expect(cells[6]).toBe(expected.reasons[0]?.code ?? '');
    });
    expect(lines[3]).toMatch(/insufficient_data,,,,0,.*rating features available/);
  });

  it.concurrent('adds reason texts in NDJSON and marks an unreadable line as not rated', async ({ expect }) => {
    const input = join(dir, 'in.ndjson');
    const objects = rows.slice(0, 2).map((r) => JSON.stringify(Object.fromEntries(header.map((h, k) => [h, r[k]]))));
    writeFileSync(input, `${objects[0]}\n{oops\n${objects[1]}\n`);
    const out = join(dir, 'out.ndjson');
    const { code } = await rb(['score', '--policy', policyFile, '--input', input, '--out', out, '--as-of', NOW]);
    expect(code).toBe(0);
    const scored = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { row: number; status: string; reasons: { text: string }[]; why?: string });
    expect(scored.map((s) => [s.row, s.status])).toEqual([[1, 'rated'], [2, 'insufficient_data'], [3, 'rated']]);
    expect(scored[1]!.why).toBe('not valid JSON');
    expect(scored[2]!.reasons[0]!.text.length).toBeGreaterThan(3);
  });

  it.concurrent('refuses a file with the wrong columns in one line, exit 2', async ({ expect }) => {
    const input = join(dir, 'wrong.csv');
    writeFileSync(input, 'name,shoe_size\nAda,38\n');
    const out = join(dir, 'wrong-out.csv');
    const { code, stderr } = await rb(['score', '--policy', policyFile, '--input', input, '--out', out]);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^rb score: .*wrong\.csv: wrong columns: 0 of 10 features found/);
  });
});

/**
 * Writes the JSON Schema of the canonical credit report to docs/schemas/credit-report.schema.json.
 * Run: npx tsx scripts/export-credit-schema.ts  (add --check to fail when the committed file is stale)
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CreditReportSchema } from '../shared/domain/credit/credit-report.js';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'schemas', 'credit-report.schema.json');
const document = {
  $id: 'https://riskbridge.example/schemas/credit-report.v1.json',
  title: 'CreditReport v1',
  description: 'Canonical credit report produced by every bureau normaliser (see docs/credit-model.md).',
  ...z.toJSONSchema(CreditReportSchema, { target: 'draft-2020-12', io: 'output' }),
};
const text = `${JSON.stringify(document, null, 2)}\n`;

if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== text) {
    console.error(`${target} is stale: run npx tsx scripts/export-credit-schema.ts`);
    process.exit(1);
  }
  console.log('credit-report.schema.json is up to date');
} else {
  await writeFile(target, text);
  console.log(`wrote ${target}`);
}

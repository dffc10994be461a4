/**
 * Writes the JSON Schema of the risk policy (as written, defaults optional) to
 * docs/schemas/risk-policy.schema.json. Cross-field rules (contiguous bins, monotonic master
 * scale, complete RFM grid, monotonic limit rules) are enforced by `parsePolicy`, not the schema.
 * Run: npx tsx scripts/export-policy-schema.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { RiskPolicySchema } from '../shared/domain/rating/policy.js';

const out = resolve(dirname(fileURLToPath(import.meta.url)), '../docs/schemas/risk-policy.schema.json');
const schema = {
  ...z.toJSONSchema(RiskPolicySchema, { io: 'input', target: 'draft-2020-12' }),
  $id: 'https://riskbridge.example/schemas/risk-policy.schema.json',
  title: 'RiskBridge risk policy',
  description: 'Versioned risk policy: features, scorecard, master scale, RFM, limit and alert rules. Cross-field rules are checked by parsePolicy.',
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(schema, null, 2)}\n`);
console.log(`wrote ${out}`);

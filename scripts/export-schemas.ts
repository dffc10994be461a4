/**
 * `npm run schemas`: writes the JSON Schemas of the canonical models to docs/schemas/ —
 * the credit report (scripts/export-credit-schema.ts) and the risk policy
 * (scripts/export-policy-schema.ts). Event payload schemas and the API contract come from
 * `npm run docs` (docs/events/, docs/openapi.json, docs/asyncapi.json).
 * Run: npm run schemas
 */
await import('./export-credit-schema.js');
await import('./export-policy-schema.js');

import { readFileSync, writeFileSync } from 'node:fs';
import { routes } from '../infra/topology.js';

/**
 * Writes docs/api.md from the topology's routes (the same data API Gateway and the local
 * runtime use). `--check` exits 1 when the committed file is stale (run by the tests).
 */
export const renderApiDocs = (): string => {
  const rows = [...routes]
    .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method))
    .map((r) => `| \`${r.method}\` | \`${r.path}\` | ${r.auth === 'signature' ? 'sender signature' : r.auth === 'public' ? 'public (no key)' : r.roles.join(', ')} | ${r.scope ? `\`${r.scope}\`` : '—'} | ${r.summary} |`);
  return `# HTTP API reference

Generated from \`infra/topology.ts\` by \`npx tsx scripts/export-api-docs.ts\`; do not edit by hand.

Authentication: \`Authorization: Bearer rbk_…\` (or \`x-api-key\`). Keys are bound to a role and scopes
(\`POST /v1/admin/api-keys\`). Routes under \`/v1/inbound/\` are called by CRMs and verified with the CRM's
own signature scheme on the raw body instead.

Errors are RFC 9457 \`application/problem+json\`: \`{ type, title, status, detail, code, instance, errors? }\`;
\`errors[]\` lists \`{ path, message }\` for every failing field on 422.

| status | when |
|---|---|
| 400 | the body is not valid JSON (or missing) |
| 401 | no key, a malformed, unknown, revoked or expired key; a bad inbound signature |
| 403 | the key's role or scopes do not allow the operation, or the object is not the caller's |
| 404 | unknown route or object |
| 409 | a concurrent change won; retry |
| 413 / 415 | body over 1 MB / not JSON |
| 422 | schema or business-rule violation (with \`errors[]\`), e.g. consent missing, unsafe webhook URL |
| 429 | a budget or rate limit was hit |

Event payloads (webhooks and SQS) are documented in [events/](events/README.md) and [webhooks.md](webhooks.md).

| method | path | who | scope | what |
|---|---|---|---|---|
${rows.join('\n')}
`;
};

const target = new URL('../docs/api.md', import.meta.url).pathname;
const isCli = process.argv[1]?.endsWith('export-api-docs.ts') ?? false;
if (!isCli) {
  // imported (by the docs test): render only
} else if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = '';
  }
  if (current !== renderApiDocs()) {
    console.error('docs/api.md is stale: run npx tsx scripts/export-api-docs.ts');
    process.exit(1);
  }
} else {
  writeFileSync(target, renderApiDocs());
  console.log(`wrote ${target} (${routes.length} routes)`);
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderApiDocs } from '../../../scripts/export-api-docs.js';
import { routes } from '../../../infra/topology.js';

describe('generated docs', () => {
  it('docs/api.md matches the topology (regenerate with npm run docs)', () => {
    expect(readFileSync('docs/api.md', 'utf8')).toBe(renderApiDocs());
  });

  it('every route has a summary, and API-key routes name their roles', () => {
    for (const r of routes) {
      expect(r.summary.length, `${r.method} ${r.path}`).toBeGreaterThan(5);
      if (r.auth === 'apiKey') expect(r.roles.length, `${r.method} ${r.path}`).toBeGreaterThan(0);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { routes } from '../../../infra/topology.js';

describe('route declarations for the docs', () => {
  it('every route has a summary, and API-key routes name their roles', () => {
    for (const r of routes) {
      expect(r.summary.length, `${r.method} ${r.path}`).toBeGreaterThan(5);
      if (r.auth === 'apiKey') expect(r.roles.length, `${r.method} ${r.path}`).toBeGreaterThan(0);
    }
  });
});

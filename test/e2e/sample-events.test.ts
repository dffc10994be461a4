import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions, type FunctionId } from '../../infra/topology.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

/** Every function ships sample events, and each one runs against a local hub as `npm run invoke` would run it. */
describe('sample events under events/', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => t?.stop());

  const specs = Object.values(functions);

  it('exist for every function in the topology', () => {
    for (const spec of specs) {
      const dir = `events/${spec.entry.split('/')[1]}`;
      expect(existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).length : 0, dir).toBeGreaterThan(0);
    }
  });

  it('run through their handlers without an unhandled error', async () => {
    for (const spec of specs) {
      const dir = `events/${spec.entry.split('/')[1]}`;
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
        const event: unknown = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
        const result = (await t.hub.invoke(spec.id as FunctionId, event)) as Record<string, unknown> | undefined;
        const kinds = spec.triggers.map((tr) => tr.kind);
        if (kinds.includes('http')) expect(Number(result?.['statusCode']), `${dir}/${file}`).toBeLessThan(500);
        if (kinds.includes('authorizer')) expect(result?.['isAuthorized'], `${dir}/${file}`).toBe(true);
        if (kinds.includes('sqs') || kinds.includes('stream')) expect(Array.isArray(result?.['batchItemFailures']), `${dir}/${file}`).toBe(true);
      }
    }
  });
});

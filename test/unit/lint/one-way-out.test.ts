import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** Rule ids the project's lint config reports for `code` placed at `path` (relative to the repository root). */
const violations = async (path: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
};

describe('lint: one way out', () => {
  it.each([
    ['shared/adapters/bureaus/pboc/client.ts', "import { Agent } from 'undici';\nexport const a = new Agent();\n", 'no-restricted-imports'],
    ['shared/adapters/crm/http.ts', "import { request } from 'undici/types/api';\nexport const r = request;\n", 'no-restricted-imports'],
    ['shared/adapters/crm/http.ts', "export const call = () => fetch('https://crm.example.com');\n", 'no-restricted-globals'],
    ['functions/write-back-crm/handler.ts', "export const call = () => globalThis.fetch('https://crm.example.com');\n", 'no-restricted-properties'],
    ['functions/write-back-crm/handler.ts', "export const load = () => import('undici');\n", 'no-restricted-syntax'],
    ['shared/lambda/http.ts', "import { request } from 'node:https';\nexport const r = request;\n", 'no-restricted-imports'],
    ['shared/domain/crm/manage-connections.ts', "export const call = () => fetch('https://crm.example.com');\n", 'no-restricted-globals'],
  ])('forbids a way out in %s: %s', async (path, code, rule) => {
    // Act & Assess
    expect(await violations(path, code)).toContain(rule);
  });

  it('allows undici in shared/adapters/http and the guarded fetch everywhere else', async () => {
    // Act
    const inHttp = await violations('shared/adapters/http/guarded-fetch.ts', "import { Agent, fetch } from 'undici';\nexport const go = () => fetch('https://x.example', { dispatcher: new Agent() });\n");
    const user = await violations('shared/adapters/crm/http.ts', "import { createGuardedFetch } from '../http/guarded-fetch.js';\nexport const outbound = createGuardedFetch({ allowLoopback: false });\nexport const m = { fetch: () => 1 };\nexport const x = m.fetch();\n");

    // Assess
    expect(inHttp).toEqual([]);
    expect(user).toEqual([]);
  });
});

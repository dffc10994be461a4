import { readFileSync } from 'node:fs';
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { routes } from '../../../infra/topology.js';
import { OUTPUTS, renderApiDocuments } from '../../../scripts/export-openapi.js';
import { contractViolations, type JsonObject } from '../../../shared/lambda/openapi.js';
import { problemAnchor } from '../../../shared/lambda/openapi-markdown.js';
import { PROBLEM_CATALOGUE, problemType } from '../../../shared/lambda/problem.js';

const committed = (path: string): string => readFileSync(path, 'utf8');
const committedDocument = (): JsonObject => JSON.parse(committed(OUTPUTS.openapi)) as JsonObject;
const at = (value: unknown, ...keys: Array<string | number>): any => keys.reduce<any>((node, key) => node?.[key], value);

describe('docs/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document (@readme/openapi-parser)', async () => {
    // Act
    const result = await validate(structuredClone(committedDocument()) as never, { resolve: { external: false } });
    // Assess
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(committedDocument()['openapi']).toBe('3.1.0');
  });

  it('is refused by the validator when broken (the check can fail)', async () => {
    // Prepare: two operations share an id, and a path parameter is not declared
    const broken = structuredClone(committedDocument());
    const paths = broken['paths'] as Record<string, Record<string, { operationId: string; parameters?: unknown[] }>>;
    const [first, second] = Object.values(paths).flatMap((methods) => Object.values(methods));
    second!.operationId = first!.operationId;
    // Act
    const result = await validate(broken as never, { resolve: { external: false } });
    // Assess
    expect(result.valid).toBe(false);
  });

  it('equals a fresh rendering, as do api.md, problems.md, the served copy and the client types (run npm run docs)', async () => {
    // Act
    const files = await renderApiDocuments();
    // Assess
    expect([...files.keys()].sort()).toEqual([OUTPUTS.openapi, OUTPUTS.reference, OUTPUTS.problems, OUTPUTS.servedOpenapi, OUTPUTS.clientTypes].sort());
    for (const [path, text] of files) expect(committed(path), `${path} is stale: run npm run docs`).toBe(text);
  }, 60_000); // renders and type-generates the whole contract: ~5 s alone, far more on a loaded machine

  it('takes info.version from package.json', () => {
    const { version } = JSON.parse(committed('package.json')) as { version: string };
    expect(at(committedDocument(), 'info', 'version')).toBe(version);
  });

  it('holds every declared route as an operation named after it', () => {
    const operations = Object.values(committedDocument()['paths'] as Record<string, Record<string, { operationId: string }>>).flatMap((m) => Object.values(m).map((op) => op.operationId));
    const declared = routes.filter((r) => typeof r.responses === 'object').map((r) => r.operation);
    expect(operations.sort()).toEqual([...declared].sort());
  });

  it('keeps every route to the contract rules: a declaration, a success response with a schema (or bodiless), strict bodies and queries', () => {
    // Act
    const violations = contractViolations(routes);
    // Assess: listed by operation, so the message says what to fix
    expect(violations.map((v) => `${v.operation}: [${v.rule}] ${v.detail}`)).toEqual([]);
  });
});

describe('the reference page (functions/serve-console/assets/reference/index.html)', () => {
  const html = committed(OUTPUTS.servedPage);

  it('embeds exactly the committed document (rebuild with npm run docs)', () => {
    const embedded = /const __redoc_definition = (.*?);\n/s.exec(html)?.[1];
    expect(embedded, 'no embedded definition').toBeDefined();
    expect(JSON.parse(embedded!)).toEqual(committedDocument());
  });

  it('loads no script, style sheet, image, frame or font from another origin', () => {
    // Prepare: markup only (script bodies are code, not markup)
    const markup = html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script\s*>/gi, '$1</script>');
    const external = /^\s*(?:https?:)?\/\//i;
    const offending: string[] = [];
    for (const tag of markup.matchAll(/<(script|link|img|iframe|frame|source|audio|video|track|embed|object|image|use|base|form|input)\b[^>]*>/gi)) {
      for (const attr of tag[0].matchAll(/\s(src|href|xlink:href|srcset|data|poster|action|formaction)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
        const value = attr[2] ?? attr[3] ?? attr[4] ?? '';
        if (value.split(',').some((part) => external.test(part))) offending.push(tag[0].slice(0, 120));
      }
    }
    const styles = [...markup.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1] ?? '');
    for (const css of styles) for (const m of css.matchAll(/(?:@import\s+|url\(\s*)['"]?((?:https?:)?\/\/[^'")\s]+)/gi)) offending.push(m[1]!);
    // Assess
    expect(offending).toEqual([]);
    expect(html).toMatch(/<script type="module">/);
    expect(html).not.toMatch(/<script[^>]+\bsrc=/i);
  });
});

describe('docs/problems.md and docs/api.md', () => {
  const problems = committed(OUTPUTS.problems);
  const reference = committed(OUTPUTS.reference);
  const anchors = new Set([...problems.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));

  it("has an anchor for every code's type URI", () => {
    for (const code of Object.keys(PROBLEM_CATALOGUE)) {
      const anchor = problemType(code).split('/').pop();
      expect(anchor).toBe(problemAnchor(code));
      expect(anchors.has(anchor), code).toBe(true);
      expect(problems).toContain(`\`${problemType(code)}\``);
    }
  });

  it('answers every problems.md link of the reference with an anchor', () => {
    const links = [...reference.matchAll(/\(problems\.md#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !anchors.has(link))).toEqual([]);
  });

  it('lists the whole catalogue in the document under x-problem-codes', () => {
    const listed = committedDocument()['x-problem-codes'] as Record<string, { status: number; type: string }>;
    expect(Object.keys(listed).sort()).toEqual(Object.keys(PROBLEM_CATALOGUE).sort());
    for (const [code, entry] of Object.entries(listed)) expect(entry).toMatchObject({ status: PROBLEM_CATALOGUE[code]!.status, type: problemType(code) });
  });
});

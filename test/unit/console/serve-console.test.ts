import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/serve-console/handler.js';
import { consoleRoutes } from '../../../functions/serve-console/routes.js';
import { responseContent } from '../../../shared/lambda/http-route.js';
import { CONSOLE_CSP, inlineScripts, referencePageCsp, serveAsset } from '../../../functions/serve-console/static-files.js';
import { loadAssetDirectory } from '../../../shared/adapters/static/asset-directory.js';
import type { HttpEvent } from '../../../shared/lambda/http.js';
import { lambdaContext } from '../../../infra/local/event-sources.js';

/** The console's built files, as served under /console/ (the Vite build in assets/dist/). */
const consoleFiles = (): string[] =>
  [...loadAssetDirectory(fileURLToPath(new URL('../../../functions/serve-console/assets/', import.meta.url))).keys()].filter((path) => path.startsWith('dist/')).map((path) => path.slice('dist/'.length));

/** An API Gateway v2 event as the authorizer passes it on for a request without a key. */
const get = async (routeKey: 'GET /console' | 'GET /console/{proxy+}' | 'GET /openapi.json' | 'GET /docs', proxy?: string, headers: Record<string, string> = {}) => {
  const rawPath = proxy === undefined ? routeKey.slice('GET '.length) : `/console/${proxy}`;
  const event = {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers,
    ...(proxy === undefined ? {} : { pathParameters: { proxy } }),
    requestContext: { requestId: 'r1', http: { method: 'GET', path: rawPath }, authorizer: { lambda: { authenticated: 'false', reason: 'missing_key' } } },
    isBase64Encoded: false,
  } as unknown as HttpEvent;
  const result = await handler(event, lambdaContext('serveConsole', 5));
  return { status: result.statusCode, headers: (result.headers ?? {}) as Record<string, string>, body: result.body ?? '' };
};

describe('serve-console', () => {
  it('serves the console page without an API key, with a strict CSP and no sniffing', async () => {
    // Act
    const page = await get('GET /console');
    // Assess
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).toContain("default-src 'self'");
    expect(CONSOLE_CSP).toContain("script-src 'self'");
    expect(CONSOLE_CSP).not.toContain('unsafe-inline');
    expect(CONSOLE_CSP).not.toContain('unsafe-eval');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toMatch(/<script type="module" crossorigin src="\/console\/assets\/index-[\w-]+\.js"><\/script>/);
  });

  it('answers each file type with its content type, revalidated on every load', async () => {
    const built = [...consoleFiles()];
    const script = built.find((file) => /^assets\/index-[\w-]+\.js$/.test(file));
    const style = built.find((file) => file.endsWith('.css'));
    const cases = [
      [script, 'text/javascript; charset=utf-8'],
      [style, 'text/css; charset=utf-8'],
      ['favicon.svg', 'image/svg+xml; charset=utf-8'],
      ['index.html', 'text/html; charset=utf-8'],
    ] as const;
    for (const [file, type] of cases) {
      expect(file, type).toBeDefined();
      const res = await get('GET /console/{proxy+}', file!);
      expect(res.status, file).toBe(200);
      expect(res.headers['content-type'], file).toBe(type);
      expect(res.headers['content-security-policy'], file).toBe(CONSOLE_CSP);
      expect(res.headers['cache-control'], file).toBe('no-cache');
      expect(res.body.length, file).toBeGreaterThan(50);
    }
  });

  it('answers every console file with a media type its route declares', async () => {
    // Prepare
    const declared = responseContent(consoleRoutes.consoleAsset.responses[200]).map(([type]) => type);
    const files = consoleFiles();
    expect(files.length).toBeGreaterThan(4);
    for (const file of files) {
      // Act
      const res = await get('GET /console/{proxy+}', file);
      // Assess
      expect(res.status, file).toBe(200);
      expect(declared, `${file} comes as ${res.headers['content-type']}: declare it in consoleRoutes`).toContain(res.headers['content-type']?.split(';')[0]);
    }
  });

  it('has no inline script or inline event handler in its HTML (the CSP would block them)', async () => {
    const page = await get('GET /console');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(page.body).not.toMatch(/\son[a-z]+\s*=/i);
    expect(page.body).not.toMatch(/\sstyle\s*=/i);
  });

  it('refuses path traversal and unknown files with a 404 problem', async () => {
    const attempts = [
      '../handler.ts',
      '../../../package.json',
      '..%2f..%2fpackage.json',
      '%2e%2e/%2e%2e/package.json',
      'assets/../../handler.ts',
      '/etc/passwd',
      '..\\..\\package.json',
      '.hidden',
      'app.js%00.css',
      'nope.js',
      'handler.ts',
    ];
    for (const proxy of attempts) {
      const res = await get('GET /console/{proxy+}', proxy);
      expect(res.status, proxy).toBe(404);
      expect(res.headers['content-type'], proxy).toBe('application/problem+json');
      expect(res.body, proxy).not.toContain('"devDependencies"');
      expect(res.body, proxy).not.toContain('loadAssetDirectory');
    }
  });

  it('answers a malformed percent-encoding with 400, not 500', async () => {
    const res = await get('GET /console/{proxy+}', '%E0%A4%A');
    expect(res.status).toBe(400);
  });

  it('answers 304 when the client already has the file', async () => {
    const first = await get('GET /console/{proxy+}', 'favicon.svg');
    const again = await get('GET /console/{proxy+}', 'favicon.svg', { 'if-none-match': first.headers['etag'] ?? '' });
    expect(first.headers['etag']).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
  });
});

describe('serve-console: the API reference', () => {
  it('serves the committed OpenAPI document as JSON without a key, revalidated by ETag', async () => {
    // Act
    const document = await get('GET /openapi.json');
    const again = await get('GET /openapi.json', undefined, { 'if-none-match': document.headers['etag'] ?? '' });
    // Assess
    expect(document.status).toBe(200);
    expect(document.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(document.body)).toEqual(JSON.parse(readFileSync('docs/openapi.json', 'utf8')));
    expect(again.status).toBe(304);
  });

  it('serves the reference page with a CSP that allows exactly its own inline scripts', async () => {
    // Act
    const page = await get('GET /docs');
    // Assess
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = page.headers['content-security-policy'] ?? '';
    const scriptSrc = /(?:^|; )script-src ([^;]+)/.exec(csp)?.[1]?.split(' ') ?? [];
    const hashes = inlineScripts(page.body).map((code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`);
    expect(hashes.length).toBeGreaterThan(0);
    expect(scriptSrc.sort()).toEqual([...new Set(hashes)].sort());
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/https?:/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('keeps the reference out of the console\'s own files', async () => {
    for (const proxy of ['reference/index.html', 'reference/openapi.json', 'dist/index.html', '../reference/index.html']) {
      expect((await get('GET /console/{proxy+}', proxy)).status, proxy).toBe(404);
    }
  });

  it('hashes inline scripts only, as the browser does (referencePageCsp)', () => {
    // Prepare
    const html = '<script>a()</script><script src="/x.js"></script><script type="module">\nb()\n</script>';
    // Act
    const csp = referencePageCsp(html);
    // Assess
    expect(inlineScripts(html)).toEqual(['a()', '\nb()\n']);
    expect(csp).toContain(`script-src 'sha256-${createHash('sha256').update('a()').digest('base64')}' 'sha256-${createHash('sha256').update('\nb()\n').digest('base64')}';`);
    expect(referencePageCsp('<p>no scripts</p>')).toContain("script-src 'none'");
  });
});

describe('loadAssetDirectory', () => {
  const root = mkdtempSync(join(tmpdir(), 'rb-assets-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('keeps servable files only, keyed by their relative path', () => {
    // Prepare
    mkdirSync(join(root, 'views'));
    mkdirSync(join(root, '.git'));
    writeFileSync(join(root, 'index.html'), '<p>x</p>');
    writeFileSync(join(root, 'views', 'a.js'), 'export {}');
    writeFileSync(join(root, '.env'), 'SECRET=1');
    writeFileSync(join(root, '.git', 'config.txt'), 'x');
    writeFileSync(join(root, 'notes.md'), '# no');
    // Act
    const assets = loadAssetDirectory(root);
    // Assess
    expect([...assets.keys()].sort()).toEqual(['index.html', 'views/a.js']);
    expect(serveAsset(assets, 'views/a.js').headers?.['content-type']).toBe('text/javascript; charset=utf-8');
    expect(() => serveAsset(assets, 'views/../index.html')).toThrow(/not found/);
  });
});

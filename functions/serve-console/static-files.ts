import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { z } from 'zod';
import { NotFoundError } from '../../shared/domain/errors.js';
import { STATIC_CONTENT_TYPES, type StaticAsset } from '../../shared/adapters/static/asset-directory.js';

/**
 * The console's Content-Security-Policy: everything from the hub's own origin, no inline
 * scripts or styles, no eval, no framing, no plugins, forms and base URI pinned.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The console's CSP when people sign in: the token endpoint's origin joins `connect-src` (the
 * console exchanges its authorization code there); nothing else changes.
 * @example consoleCsp(['http://127.0.0.1:4100']) // "… connect-src 'self' http://127.0.0.1:4100 …"
 */
export const consoleCsp = (connectOrigins: readonly string[]): string =>
  connectOrigins.length === 0 ? CONSOLE_CSP : CONSOLE_CSP.replace("connect-src 'self'", `connect-src 'self' ${connectOrigins.join(' ')}`);

/** The console's build (Vite, git-ignored) inside the asset folder; served under /console/. */
export const CONSOLE_BUILD_FOLDER = 'dist/';

/** The generated API reference (`/docs`, `/openapi.json`) lives here, apart from the console's own files. */
export const REFERENCE_FOLDER = 'reference/';

/** The inline `<script>` elements of a page (those without `src`), as the browser hashes them. */
export const inlineScripts = (html: string): string[] =>
  [...html.matchAll(/<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script\s*>/gi)].map((match) => match[1] ?? '');

/**
 * The CSP of the API reference page (Redoc, one self-contained file): its inline scripts are
 * allowed by their SHA-256 hashes only (nothing else runs); styles may be inline (Redoc's
 * styled-components and style attributes) but nothing is loaded from elsewhere; fonts and
 * images are the page's own data URIs; the search worker starts from a blob; no eval, no
 * framing, no plugins, no forms.
 */
export const referencePageCsp = (html: string): string =>
  [
    "default-src 'none'",
    `script-src ${inlineScripts(html).map((script) => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`).join(' ') || "'none'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    'worker-src blob:',
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** A request path below /console/ is a plain relative path of letters, digits, `-`, `_` and `.` segments, no dot files. */
const SAFE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*\/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

/**
 * Answers one static file: 200 with its content type, CSP and cache headers, 304 when the
 * client's `if-none-match` matches, 404 (NotFoundError) for anything that is not exactly a
 * file of the asset folder. Every file revalidates on each load (`no-cache` + ETag, usually a
 * 304): file names carry no content hash, so a longer lifetime would mix old and new modules
 * after a deploy.
 */
/** A static file answer: the body is the file's text, sent as-is with its own content type. */
export type AssetResponse = { status: 200; body: string; headers: Record<string, string> } | { status: 304; headers: Record<string, string> };

export const serveAsset = (assets: ReadonlyMap<string, StaticAsset>, requested: string, ifNoneMatch?: string, csp: string = CONSOLE_CSP): AssetResponse => {
  const asset = SAFE_PATH.test(requested) && !requested.split('/').includes('..') ? assets.get(requested) : undefined;
  if (!asset) throw new NotFoundError('This console file');
  const type = STATIC_CONTENT_TYPES[extname(asset.path)] ?? 'application/octet-stream';
  const headers = {
    ...SECURITY_HEADERS,
    'content-security-policy': csp,
    'content-type': type,
    'cache-control': 'no-cache',
    etag: asset.etag,
  };
  if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === asset.etag)) return { status: 304, headers };
  return { status: 200, headers, body: asset.body };
};

const parsedJson = new WeakMap<StaticAsset, unknown>();

/**
 * A JSON file answered as JSON: the same headers and revalidation as `serveAsset`, the body
 * parsed once per file with `schema` (the route's declared response).
 */
export const serveJsonAsset = <S extends z.ZodType>(
  assets: ReadonlyMap<string, StaticAsset>,
  requested: string,
  schema: S,
  ifNoneMatch?: string,
): { status: 200; body: z.output<S>; headers: Record<string, string> } | { status: 304; headers: Record<string, string> } => {
  const answer = serveAsset(assets, requested, ifNoneMatch);
  if (answer.status === 304) return answer;
  const asset = assets.get(requested)!;
  if (!parsedJson.has(asset)) parsedJson.set(asset, schema.parse(JSON.parse(asset.body)));
  return { ...answer, body: parsedJson.get(asset) as z.output<S> };
};

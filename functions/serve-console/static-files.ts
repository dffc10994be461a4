import { extname } from 'node:path';
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

export const serveAsset = (assets: ReadonlyMap<string, StaticAsset>, requested: string, ifNoneMatch?: string): AssetResponse => {
  const asset = SAFE_PATH.test(requested) && !requested.split('/').includes('..') ? assets.get(requested) : undefined;
  if (!asset) throw new NotFoundError('This console file');
  const type = STATIC_CONTENT_TYPES[extname(asset.path)] ?? 'application/octet-stream';
  const headers = {
    ...SECURITY_HEADERS,
    'content-type': type,
    'cache-control': 'no-cache',
    etag: asset.etag,
  };
  if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === asset.etag)) return { status: 304, headers };
  return { status: 200, headers, body: asset.body };
};

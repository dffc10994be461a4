import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, sep } from 'node:path';

/** One static text file, read once: its path relative to the root (with `/`), body and strong ETag. */
export interface StaticAsset {
  path: string;
  body: string;
  etag: string;
}

/** Extensions served, with their content types. Anything else in the folder is not served. */
export const STATIC_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Reads every servable file under `root` (recursively, skipping dot files and unknown
 * extensions) into memory, keyed by its relative path. Lookups are exact map hits, so no
 * request path can reach a file outside the folder (`..`, encoded slashes, absolute paths).
 * Called once per cold start.
 * @example const assets = loadAssetDirectory('/var/task/assets'); assets.get('index.html')
 */
export const loadAssetDirectory = (root: string): ReadonlyMap<string, StaticAsset> => {
  const out = new Map<string, StaticAsset>();
  const entries = readdirSync(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const absolute = join(entry.parentPath ?? root, entry.name);
    const path = absolute.slice(root.replace(/[\\/]+$/, '').length + 1).split(sep).join('/');
    if (path.split('/').some((segment) => segment.startsWith('.'))) continue;
    if (!(extname(path) in STATIC_CONTENT_TYPES)) continue;
    const body = readFileSync(absolute, 'utf8');
    out.set(path, { path, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` });
  }
  return out;
};

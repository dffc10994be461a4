import { fileURLToPath } from 'node:url';
import { loadAssetDirectory } from '../../shared/adapters/static/asset-directory.js';
import { httpFunction } from '../../shared/lambda/http.js';
import { consoleRoutes } from './routes.js';
import { serveAsset } from './static-files.js';

// Composition root: the files sit next to this module (`assets/`; the CDK bundle copies them beside index.mjs).
const assets = loadAssetDirectory(fileURLToPath(new URL('./assets/', import.meta.url)));

export const handler = httpFunction(consoleRoutes, {
  consoleIndex: async ({ request }) => serveAsset(assets, 'index.html', request.headers['if-none-match']),
  consoleAsset: async ({ params, request }) => serveAsset(assets, params.proxy, request.headers['if-none-match']),
});

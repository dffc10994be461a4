import { z } from 'zod';
import { defineRoutes } from '../../shared/lambda/http-route.js';

const Asset = { description: 'The file, with a strict Content-Security-Policy', body: z.string(), mediaType: 'text/html' } as const;
const NotModified = { description: 'The client\'s copy (If-None-Match) is current' } as const;

/** Routes of the `serve-console` function: the risk console's static files (public; the data calls need a key). */
export const consoleRoutes = defineRoutes({
  consoleIndex: {
    method: 'GET', path: '/console', auth: 'public', roles: [], tag: 'Console', convention: 'foreign',
    summary: 'Risk console (static web app)',
    responses: { 200: Asset, 304: NotModified },
    errors: [404],
  },
  consoleAsset: {
    method: 'GET', path: '/console/{proxy+}', auth: 'public', roles: [], tag: 'Console', convention: 'foreign',
    summary: 'Risk console static files (scripts, styles)',
    params: z.strictObject({ proxy: z.string().min(1).max(300) }),
    responses: { 200: { ...Asset, mediaType: 'application/octet-stream' }, 304: NotModified },
    errors: [404],
  },
});

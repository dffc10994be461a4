import type { HttpRouteSpec } from '../../shared/lambda/http-route.js';

/** Routes of the `serve-console` function: the risk console's static files (public; the data calls need an admin key). */
export const consoleRoutes: HttpRouteSpec[] = [
  { method: 'GET', path: '/console', operation: 'consoleIndex', auth: 'public', roles: [], summary: 'Risk console (static web app; asks for an admin key)' },
  { method: 'GET', path: '/console/{proxy+}', operation: 'consoleAsset', auth: 'public', roles: [], summary: 'Risk console static files (scripts, styles)' },
];

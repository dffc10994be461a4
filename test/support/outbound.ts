import { createGuardedFetch, type OutboundFetch } from '../../shared/adapters/http/guarded-fetch.js';

/**
 * The guarded fetch with the loopback allowance on, as `npm start` and the test hubs run it:
 * the sandboxes listen on http://127.0.0.1 with random ports. Redirects are still not followed
 * and every other rule of the guard still applies.
 */
export const loopbackFetch: OutboundFetch = createGuardedFetch({ allowLoopback: true });

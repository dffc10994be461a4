/**
 * The two undici modules the guarded fetch needs, imported by path instead of through undici's index
 * (which loads every dispatcher, mock, cache, WebSocket and EventSource: ~400 KB in each bundle).
 * Typed from undici's own declarations.
 */
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export = Agent;
}
declare module 'undici/lib/web/fetch/index.js' {
  export const fetch: typeof import('undici').fetch;
}

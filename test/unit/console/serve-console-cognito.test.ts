import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { HttpEvent } from '../../../shared/lambda/http.js';
import { lambdaContext } from '../../../infra/local/event-sources.js';

// What the CDK app sets on serveConsole (test/infra/console-sign-in.test.ts): Cognito's hosted UI.
const HOSTED_UI = 'https://riskbridge-dev-123456789012.auth.eu-central-1.amazoncognito.com';
let handler: typeof import('../../../functions/serve-console/handler.js').handler;

beforeAll(async () => {
  // The handler reads its sign-in settings once, at cold start.
  vi.stubEnv('CONSOLE_SIGN_IN_AUTHORIZE_URL', `${HOSTED_UI}/oauth2/authorize`);
  vi.stubEnv('CONSOLE_SIGN_IN_TOKEN_URL', `${HOSTED_UI}/oauth2/token`);
  vi.stubEnv('CONSOLE_SIGN_IN_CLIENT_ID', '4lq1example2client3id');
  ({ handler } = await import('../../../functions/serve-console/handler.js'));
  vi.unstubAllEnvs();
});

const get = async (routeKey: 'GET /console' | 'GET /console/sign-in.json') => {
  const rawPath = routeKey.slice('GET '.length);
  const event = {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: {},
    requestContext: { requestId: 'r1', http: { method: 'GET', path: rawPath }, authorizer: { lambda: { authenticated: 'false', reason: 'missing_key' } } },
    isBase64Encoded: false,
  } as unknown as HttpEvent;
  const result = await handler(event, lambdaContext('serveConsole', 5));
  return { status: result.statusCode, headers: (result.headers ?? {}) as Record<string, string>, body: result.body ?? '' };
};

describe('serve-console with the Cognito hosted UI', () => {
  it('offers sign-in as a person at the hosted UI endpoints with the public client', async () => {
    // Act
    const res = await get('GET /console/sign-in.json');
    // Assess
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      person: { authorizationEndpoint: `${HOSTED_UI}/oauth2/authorize`, tokenEndpoint: `${HOSTED_UI}/oauth2/token`, clientId: '4lq1example2client3id' },
    });
  });

  it('lets the console page reach the hosted UI token endpoint and nothing else beyond itself', async () => {
    // Act
    const page = await get('GET /console');
    // Assess
    const connectSrc = /(?:^|; )connect-src ([^;]+)/.exec(page.headers['content-security-policy'] ?? '')?.[1]?.split(' ');
    expect(connectSrc).toEqual(["'self'", HOSTED_UI]);
  });
});

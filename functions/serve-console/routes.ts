import { z } from 'zod';
import { defineRoutes } from '../../shared/lambda/http-route.js';

const Asset = { description: 'The file, with a strict Content-Security-Policy', body: z.string(), mediaType: 'text/html' } as const;
/** A console file comes as its extension's type (STATIC_CONTENT_TYPES); a unit test keeps every console file's type declared here. */
const ConsoleFile = { ...Asset, alternatives: { 'text/javascript': z.string(), 'text/css': z.string(), 'image/svg+xml': z.string(), 'text/plain': z.string() } } as const;
const NotModified = { description: 'The client\'s copy (If-None-Match) is current' } as const;
const Reference = { auth: 'public', roles: [], tag: 'Reference', convention: 'foreign' } as const;

/** The served OpenAPI document, as far as a client relies on it (the document test validates the rest). */
export const OpenApiDocumentSchema = z.looseObject({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
}).meta({ id: 'OpenApiDocument', description: 'An OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1.0)' });

/** How the console offers "sign in as a person": absent `person`, API keys only. */
export const ConsoleSignInSchema = z.object({
  person: z.object({
    authorizationEndpoint: z.url().describe('Where the browser goes to sign in (OAuth 2.0 authorization code with PKCE)'),
    tokenEndpoint: z.url().describe('Where the console exchanges the code for an access token'),
    clientId: z.string().min(1).describe('The public app client (no secret)'),
  }).optional(),
}).meta({ id: 'ConsoleSignIn', description: 'The console\'s sign-in methods besides an API key' });

/**
 * Routes of the `serve-console` function: the risk console's static files and the generated API
 * reference (public; the data calls need a key). The reference files are generated at build
 * time (npm run docs) and served as they were committed; the page and the documents are bundled
 * with the function (its cold start fails without them), so only `/console/{proxy+}` can miss.
 */
export const consoleRoutes = defineRoutes({
  consoleIndex: {
    method: 'GET', path: '/console', auth: 'public', roles: [], tag: 'Console', convention: 'foreign',
    summary: 'Risk console (static web app)',
    responses: { 200: Asset, 304: NotModified },
  },
  consoleSignIn: {
    method: 'GET', path: '/console/sign-in.json', auth: 'public', roles: [], tag: 'Console', convention: 'foreign',
    summary: 'The console\'s sign-in methods (person sign-in endpoints, if configured)',
    description: 'Locally the OIDC issuer of `npm start`; in AWS the Cognito hosted UI when configured. No secret: the app client is public and uses PKCE.',
    responses: { 200: { description: 'The sign-in methods', body: ConsoleSignInSchema, headers: { 'Cache-Control': { description: '`no-store`' } } } },
  },
  consoleAsset: {
    method: 'GET', path: '/console/{proxy+}', auth: 'public', roles: [], tag: 'Console', convention: 'foreign',
    summary: 'Risk console static files (scripts, styles)',
    params: z.strictObject({ proxy: z.string().min(1).max(300) }),
    responses: { 200: ConsoleFile, 304: NotModified },
    errors: [404],
  },
  getOpenApiDocument: {
    method: 'GET', path: '/openapi.json', ...Reference,
    summary: 'This API\'s OpenAPI 3.1 document',
    description: 'The contract the reference page (`GET /docs`) and the typed client (`@riskbridge/client`) are generated from.',
    responses: { 200: { description: 'The OpenAPI document', body: OpenApiDocumentSchema }, 304: NotModified },
  },
  getApiReference: {
    method: 'GET', path: '/docs', ...Reference,
    summary: 'API reference (one self-contained HTML page)',
    responses: { 200: { ...Asset, description: 'The reference page; its Content-Security-Policy allows exactly its own inline scripts (by hash)' }, 304: NotModified },
  },
});

import { fileURLToPath } from 'node:url';
import { loadAssetDirectory } from '../../shared/adapters/static/asset-directory.js';
import { consoleSignInEnv } from '../../shared/lambda/env.js';
import { httpFunction } from '../../shared/lambda/http.js';
import { OpenApiDocumentSchema, consoleRoutes } from './routes.js';
import { CONSOLE_BUILD_FOLDER, REFERENCE_FOLDER, consoleCsp, referencePageCsp, serveAsset, serveJsonAsset } from './static-files.js';

// Composition root: the files sit next to this module (`assets/`; the CDK bundle copies them beside index.mjs).
const assets = loadAssetDirectory(fileURLToPath(new URL('./assets/', import.meta.url)));
// The console's own files are its Vite build (assets/dist/, `npm run console:build`); the generated reference (assets/reference/) has routes of its own.
const consoleFiles = new Map([...assets].filter(([path]) => path.startsWith(CONSOLE_BUILD_FOLDER)).map(([path, asset]) => [path.slice(CONSOLE_BUILD_FOLDER.length), asset] as const));
// The routes of these files declare no 404: without them the function does not start.
const missing = [`${CONSOLE_BUILD_FOLDER}index.html`, `${REFERENCE_FOLDER}index.html`, `${REFERENCE_FOLDER}openapi.json`].filter((path) => !assets.has(path));
if (missing.length > 0) throw new Error(`serve-console is bundled without ${missing.join(', ')} (npm run console:build builds the console)`);
const referenceCsp = referencePageCsp(assets.get(`${REFERENCE_FOLDER}index.html`)!.body);
// Sign-in as a person, when configured (the local OIDC issuer, or Cognito's hosted UI): its token endpoint joins connect-src.
const signIn = consoleSignInEnv();
const person = signIn.CONSOLE_SIGN_IN_AUTHORIZE_URL && signIn.CONSOLE_SIGN_IN_TOKEN_URL && signIn.CONSOLE_SIGN_IN_CLIENT_ID
  ? { authorizationEndpoint: signIn.CONSOLE_SIGN_IN_AUTHORIZE_URL, tokenEndpoint: signIn.CONSOLE_SIGN_IN_TOKEN_URL, clientId: signIn.CONSOLE_SIGN_IN_CLIENT_ID }
  : undefined;
const csp = consoleCsp(person ? [new URL(person.tokenEndpoint).origin] : []);

export const handler = httpFunction(consoleRoutes, {
  consoleIndex: async ({ request }) => serveAsset(consoleFiles, 'index.html', request.headers['if-none-match'], csp),
  consoleSignIn: async () => ({ status: 200, body: person ? { person } : {}, headers: { 'cache-control': 'no-store' } }),
  consoleAsset: async ({ params, request }) => serveAsset(consoleFiles, params.proxy, request.headers['if-none-match'], csp),
  getOpenApiDocument: async ({ request }) => serveJsonAsset(assets, `${REFERENCE_FOLDER}openapi.json`, OpenApiDocumentSchema, request.headers['if-none-match']),
  getApiReference: async ({ request }) => serveAsset(assets, `${REFERENCE_FOLDER}index.html`, request.headers['if-none-match'], referenceCsp),
});

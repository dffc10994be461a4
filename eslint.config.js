// Lint = architecture rules + test hygiene. Type-aware rules are left to `tsc`.
import tseslint from 'typescript-eslint';

const focusedOrSkipped = {
  selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip|todo)$/]",
  message: 'Focused, skipped or todo tests do not land on main.',
};
// One way out: every outbound HTTP call of functions/ and shared/ goes through the guarded fetch.
const oneWayOut = 'Outbound HTTP goes through the guarded fetch (shared/adapters/http/guarded-fetch.ts): one way out, SSRF-guarded, no redirects.';
const outboundPaths = ['undici', 'node:http', 'node:https', 'node:http2', 'node:net', 'node:tls', 'http', 'https', 'http2', 'net', 'tls'].map((name) => ({ name, message: oneWayOut }));
const outboundSubpaths = { group: ['undici/*'], message: oneWayOut };
const outboundDynamicImport = { selector: "ImportExpression[source.value=/^(undici|(node:)?(https?|http2|net|tls))(\\/|$)/]", message: oneWayOut };
const outboundGlobalThis = { object: 'globalThis', property: 'fetch', message: oneWayOut };
const adapterImports = { group: ['**/functions/**', '**/infra/**', '**/lambda/env*'], message: 'Adapters depend on the domain only (configuration is passed in).' };
const adapterEnv = { object: 'process', property: 'env', message: 'Adapters receive configuration; only shared/lambda/env.ts reads the environment.' };
const infraImports = { group: ['**/infra/**'], message: 'Functions must not depend on infra.' };
const openApiGenerator = {
  group: ['**/lambda/openapi', '**/lambda/openapi.js', '**/lambda/openapi-markdown.js', '**/lambda/compat', '**/lambda/compat.js', './openapi.js', './openapi-markdown.js', './compat.js'],
  message: 'The OpenAPI generator and the compatibility checker are build-time only: functions serve the committed documents (npm run docs).',
};
const rawFetch = 'Call the hub through the typed client (@riskbridge/client), not raw fetch.';
const jsonCast = {
  selector: "TSAsExpression[expression.type='CallExpression'][expression.callee.object.name='JSON'][expression.callee.property.name='parse'][typeAnnotation.type!='TSUnknownKeyword']",
  message: 'Parse with zod instead of casting JSON.parse.',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', 'dist/**', '**/dist/**', 'coverage/**', '.local/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-restricted-syntax': ['error', focusedOrSkipped, jsonCast],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-debugger': 'error',
    },
  },
  {
    // Tests may cast parsed fixtures; they still may not be focused or skipped.
    files: ['test/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', focusedOrSkipped] },
  },
  {
    // fetch, undici and the node:http family are for shared/adapters/http only (the guarded fetch).
    files: ['functions/**/*.ts', 'shared/**/*.ts'],
    ignores: ['shared/adapters/http/**'],
    rules: {
      'no-restricted-syntax': ['error', focusedOrSkipped, jsonCast, outboundDynamicImport],
      'no-restricted-globals': ['error', { name: 'fetch', message: oneWayOut }],
    },
  },
  {
    // Domain code is pure: no AWS SDK, no Lambda runtime, no HTTP, no environment.
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@aws-sdk/*', '@middy/*', '@aws-lambda-powertools/*', 'undici', 'node:http', 'node:https', 'node:net', 'node:dns', 'node:fs', 'node:fs/*'], message: 'shared/domain stays pure: put I/O in shared/adapters.' },
          { group: ['**/adapters/**', '**/lambda/**', '**/functions/**', '**/infra/**'], message: 'Domain depends on nothing but the domain.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'HTTP belongs in shared/adapters.' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Configuration comes in as parameters.' }, outboundGlobalThis],
    },
  },
  {
    files: ['shared/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: outboundPaths, patterns: [adapterImports, outboundSubpaths] }],
      'no-restricted-properties': ['error', adapterEnv, outboundGlobalThis],
    },
  },
  {
    // The one way out lives here: the guarded fetch may use undici and sockets.
    files: ['shared/adapters/http/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [adapterImports] }],
      'no-restricted-properties': ['error', adapterEnv],
    },
  },
  {
    files: ['functions/**/*.ts', 'shared/lambda/**/*.ts'],
    ignores: ['shared/lambda/env.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: outboundPaths, patterns: [infraImports, openApiGenerator, outboundSubpaths] }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through shared/lambda/env.ts.' }, outboundGlobalThis],
    },
  },
  {
    // The contract tooling's own modules (imported by scripts/ and tests only) may import each other.
    files: ['shared/lambda/openapi.ts', 'shared/lambda/openapi-markdown.ts', 'shared/lambda/compat.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: outboundPaths, patterns: [infraImports, outboundSubpaths] }] },
  },
  {
    // The console and the e2e suite talk to the hub through one client (@riskbridge/client).
    // The ignored file predates the rule: crm-channels posts signed raw bodies.
    files: ['console/**/*.ts', 'test/e2e/**/*.ts'],
    ignores: ['test/e2e/crm-channels.test.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: rawFetch }],
      'no-restricted-properties': ['error', { object: 'globalThis', property: 'fetch', message: rawFetch }, { object: 'window', property: 'fetch', message: rawFetch }],
    },
  },
);

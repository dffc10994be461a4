import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startOidcIssuer, type LocalOidcIssuer } from '../../../infra/local/oidc-issuer.js';

/**
 * The `rb` command line as a user meets it: each case spawns `node --import tsx packages/rb/src/main.ts`.
 * Cases run concurrently (each spawn is mostly Node and tsx start-up).
 */
const MAIN = 'packages/rb/src/main.ts';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

const { RB_URL: _url, RB_KEY: _key, ...cleanEnv } = process.env;

const rb = (args: string[], env: Record<string, string> = {}): Promise<Outcome> =>
  new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: { ...cleanEnv, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });

const lines = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');

const SUBCOMMANDS = ['train', 'score', 'import', 'metro2', 'invoke', 'queue', 'keys', 'crm', 'login', 'audit', 'bench'];
const HELP_PATHS = ['train', 'import', 'metro2', 'metro2 import', 'invoke', 'queue', 'keys', 'keys create-admin', 'keys list', 'crm', 'crm setup', 'login', 'audit', 'audit verify', 'bench'];

// A spawn costs ~0.3 s of CPU; the timeout only allows for a machine shared with other work.
describe('rb', { timeout: 30_000 }, () => {
  it.concurrent('lists every subcommand in --help and exits 0', async ({ expect }) => {
    const { code, stdout, stderr } = await rb(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const listed = stdout.slice(stdout.indexOf('Commands:')).split('\n').map((l) => l.trim().split(/\s/)[0]);
    for (const name of SUBCOMMANDS) expect(listed).toContain(name);
  });

  it.concurrent.for(HELP_PATHS)('shows help for rb %s and exits 0', async (path, { expect }) => {
    const { code, stdout } = await rb([...path.split(' '), '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: rb ${path} `));
  });

  it.concurrent.for([
    { args: ['train', '--input', 'a.csv', '--target', 'bad', '--foo'], line: "rb train: unknown option '--foo' (see rb train --help)" },
    // commander would report the missing --input first; the mistyped flag is the useful hint.
    { args: ['train', '--inptu', 'a.csv', '--target', 'bad'], line: "rb train: unknown option '--inptu' (see rb train --help)" },
  ])('reports an unknown flag as one stderr line and exits 2: rb $args.0', async ({ args, line }, { expect }) => {
    const { code, stdout, stderr } = await rb(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${line}\n`);
  });

  it.concurrent.for([
    { args: ['invoke', 'deliver-webhook'], says: "missing required argument 'event-file'" },
    { args: ['train', '--input', 'a.csv', '--target', 'bad', '--folds', 'many'], says: "option '--folds <n>' argument 'many' is invalid" },
    { args: ['invoke', 'no-such-function', 'event.json'], says: "unknown function 'no-such-function'" },
    { args: ['nope'], says: "rb: unknown command 'nope'" },
  ])('rejects a missing or wrong argument with one line and exit 2: rb $args.0 $args.1', async ({ args, says }, { expect }) => {
    const { code, stderr } = await rb(args);
    expect(code).toBe(2);
    expect(lines(stderr)).toHaveLength(1);
    expect(stderr).toContain(says);
  });

  it.concurrent('reports a missing input file as one line, no stack trace, exit 1', async ({ expect }) => {
    const { code, stdout, stderr } = await rb(['train', '--input', 'missing.csv', '--target', 'bad']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(lines(stderr)).toEqual([expect.stringMatching(/^rb train: .*no such file.*missing\.csv/)]);
  });

  describe('audit verify with an export file (offline, no hub)', () => {
    let dir = '';
    let intact = '';
    let tampered = '';
    let key = '';
    beforeAll(async () => {
      const { generateKeyPairSync } = await import('node:crypto');
      const { mkdtemp, writeFile } = await import('node:fs/promises');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const { nodeCheckpointSigner } = await import('../../../shared/adapters/files/checkpoint-signer.js');
      const { GENESIS_HASH, nextEntry } = await import('../../../shared/domain/audit/audit-chain.js');
      const { CHECKPOINT_FORMAT, keyIdOf, signCheckpoint } = await import('../../../shared/domain/audit/checkpoint.js');
      const signer = nodeCheckpointSigner(generateKeyPairSync('ed25519').privateKey);
      const pem = await signer.publicKeyPem();
      const first = nextEntry(undefined, 'c0', { actor: 'key:a', action: 'policy.approved', target: 'policy:2', details: {} }, new Date('2026-12-07T10:00:00Z'));
      const second = nextEntry({ seq: 1, hash: first.hash }, 'c0', { actor: 'key:a', action: 'policy.activated', target: 'policy:2', details: {} }, new Date('2026-12-07T10:01:00Z'));
      const cp = await signCheckpoint(signer, { format: CHECKPOINT_FORMAT, seq: 1, at: '2026-12-07T10:02:00.000Z', chains: [{ chain: 'c0', seq: 2, hash: second.hash, length: 2 }], prevHash: GENESIS_HASH, keyId: keyIdOf(pem) });
      const doc = { format: 'riskbridge.audit.export/v1', exportedAt: '2026-12-07T11:00:00.000Z', range: { since: '2026-12-07T09:00:00.000Z', until: '2026-12-07T11:00:00.000Z' }, publicKey: pem, keyId: keyIdOf(pem), chains: [{ chain: 'c0', head: { seq: 2, hash: second.hash }, entries: [first, second] }], checkpoints: [cp] };
      dir = await mkdtemp(join(tmpdir(), 'rb-export-'));
      intact = join(dir, 'intact.json');
      tampered = join(dir, 'tampered.json');
      key = join(dir, 'key.pem');
      await writeFile(intact, JSON.stringify(doc));
      await writeFile(tampered, JSON.stringify({ ...doc, chains: [{ ...doc.chains[0], entries: [{ ...first, actor: 'mallory' }, second] }] }));
      await writeFile(key, pem);
    });
    afterAll(async () => (await import('node:fs/promises')).rm(dir, { recursive: true, force: true }));

    it.concurrent('prints one verdict line per chain and exits 0 for an intact export, with the pinned key', async ({ expect }) => {
      const { code, stdout, stderr } = await rb(['audit', 'verify', intact, '--public-key', key], { RB_URL: 'http://127.0.0.1:9' });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toContain('ok      c0: entries 1..2 (2), anchored through 2, 0 unanchored');
      expect(stdout).toMatch(/checkpoints: 1, key ed25519:[0-9a-f]{64} \(pinned\)/);
    });

    it.concurrent('names the broken chain and exits 1 for a tampered export', async ({ expect }) => {
      const { code, stdout, stderr } = await rb(['audit', 'verify', tampered]);
      expect(code).toBe(1);
      expect(stdout).toContain('BROKEN  c0: entries 1..2 (2), content altered at 1');
      expect(lines(stderr)).toEqual(['rb audit verify: audit export does not verify: c0']);
    });
  });

  describe('against a hub', () => {
    // The first path segment picks the answer, so the cases can run at once: rb appends /v1/... to RB_URL.
    const answers: Record<string, unknown> = {
      broken: { ok: false, chains: [{ chain: 'c0', ok: true, entries: 3 }, { chain: 'c1', ok: false, entries: 4, brokenAt: 2, reason: 'content altered' }] },
      intact: { ok: true, chains: [{ chain: 'c0', ok: true, entries: 3 }] },
      metro2: {
        import: {
          importId: 'm2i_01JAAAAAAAAAAAAAAAAAAAAAAA', bureau: 'experian', status: 'imported', receivedAt: '2026-11-28T10:00:00.000Z', importedBy: 'key:k1', bytes: 2556, sha256: 'sha256:00',
          subjects: [
            { index: 0, reportId: 'rpt_01JAAAAAAAAAAAAAAAAAAAAAAA', accounts: 3, outcome: 'merged', customerId: 'c-avery' },
            { index: 1, reportId: 'rpt_01JAAAAAAAAAAAAAAAAAAAAAAB', accounts: 1, outcome: 'review', reason: 'no_matching_customer' },
          ],
          merged: 1, review: 1, warnings: [],
        },
      },
      crmready: {
        connectionId: 'local-hubspot', crm: 'hubspot', objectName: 'companies', ready: true, checkedAt: '2026-11-28T10:00:00.000Z',
        fields: [{ source: 'creditHold', field: 'riskbridge_credit_hold', status: 'created' }, { source: 'grade', field: 'riskbridge_grade', status: 'present' }],
      },
      crmfailed: {
        connectionId: 'local-fxiaoke', crm: 'fxiaoke', objectName: 'AccountObj', ready: false, checkedAt: '2026-11-28T10:00:00.000Z',
        fields: [{ source: 'creditHold', field: 'field_credit_hold__c', status: 'failed', reason: 'crm_field_not_creatable: create it in 对象管理' }],
      },
      keys: { keys: [{ keyId: 'k1', name: 'ops', role: 'admin', scopes: ['keys:manage'], status: 'active', createdAt: '2026-11-28T10:00:00.000Z', createdBy: 'bootstrap' }] },
    };
    const seen: Array<{ url: string | undefined; headers: IncomingHttpHeaders }> = [];
    let server: Server;
    let base = '';

    beforeAll(async () => {
      server = createServer((request, response) => {
        seen.push({ url: request.url, headers: request.headers });
        const answer = answers[request.url?.split('/')[1] ?? ''];
        if (answer === undefined) response.writeHead(404).end();
        else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

    it.concurrent('audit verify prints the broken chain and exits 1 when the hub answers ok:false', async ({ expect }) => {
      const { code, stdout, stderr } = await rb(['audit', 'verify'], { RB_URL: `${base}/broken`, RB_KEY: 'rbk_test' });
      expect(code).toBe(1);
      expect(stdout).toContain('BROKEN  c1: at seq 2, content altered');
      expect(lines(stderr)).toEqual(['rb audit verify: audit chain broken: c1']);
      expect(seen).toContainEqual({ url: '/broken/v1/audit/verify', headers: expect.objectContaining({ authorization: 'Bearer rbk_test' }) });
    });

    it.concurrent('audit verify exits 0 when every chain is intact', async ({ expect }) => {
      const { code, stdout } = await rb(['audit', 'verify', '--url', `${base}/intact`, '--key', 'rbk_test']);
      expect(code).toBe(0);
      expect(stdout).toContain('audit chains intact (1)');
    });

    it.concurrent('metro2 import posts the file as text/plain and prints each consumer\'s outcome', async ({ expect }) => {
      const { code, stdout, stderr } = await rb(['metro2', 'import', 'test/fixtures/bureaus/metro2/furnisher-sample.txt', '--bureau', 'experian'], { RB_URL: `${base}/metro2`, RB_KEY: 'rbk_test' });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(lines(stdout)).toEqual([
        'import m2i_01JAAAAAAAAAAAAAAAAAAAAAAA (experian): imported, 2 consumers, 1 merged, 1 held for review',
        expect.stringMatching(/#0 rpt_01JAAAAAAAAAAAAAAAAAAAAAAA +3 accounts +merged into c-avery$/),
        expect.stringMatching(/#1 rpt_01JAAAAAAAAAAAAAAAAAAAAAAB +1 accounts +review: no_matching_customer$/),
      ]);
      expect(seen).toContainEqual({ url: '/metro2/v1/bureau/metro2/imports?bureau=experian', headers: expect.objectContaining({ 'content-type': 'text/plain', authorization: 'Bearer rbk_test' }) });
      // A fresh UUID per invocation (hub-client.test.ts shows two runs differ and later POSTs get .n).
      expect(seen.find((s) => s.url === '/metro2/v1/bureau/metro2/imports?bureau=experian')?.headers['idempotency-key']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it.concurrent('metro2 import sends the Idempotency-Key --idempotency-key names', async ({ expect }) => {
      const { code } = await rb(['metro2', 'import', 'test/fixtures/bureaus/metro2/furnisher-sample.txt', '--bureau', 'equifax', '--idempotency-key', 'retry-of-ticket-42'], { RB_URL: `${base}/metro2`, RB_KEY: 'rbk_idem' });
      expect(code).toBe(0);
      expect(seen.find((s) => s.headers.authorization === 'Bearer rbk_idem')?.headers['idempotency-key']).toBe('retry-of-ticket-42');
    });

    it.concurrent('metro2 import refuses a bureau that takes no Metro 2 file (exit 2)', async ({ expect }) => {
      const { code, stderr } = await rb(['metro2', 'import', 'test/fixtures/bureaus/metro2/furnisher-sample.txt', '--bureau', 'dnb'], { RB_URL: `${base}/metro2`, RB_KEY: 'rbk_test' });
      expect(code).toBe(2);
      expect(lines(stderr)).toEqual([expect.stringContaining('--bureau must be one of experian, equifax, transunion')]);
    });

    it.concurrent('crm setup posts to the connection\'s setup route and prints one line per field', async ({ expect }) => {
      const { code, stdout, stderr } = await rb(['crm', 'setup', 'local-hubspot'], { RB_URL: `${base}/crmready`, RB_KEY: 'rbk_crm' });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(lines(stdout)).toEqual(['created  riskbridge_credit_hold (creditHold)', 'present  riskbridge_grade (grade)', 'ready: local-hubspot (hubspot companies), 2 field(s)']);
      expect(seen).toContainEqual({ url: '/crmready/v1/crm/connections/local-hubspot/setup', headers: expect.objectContaining({ authorization: 'Bearer rbk_crm' }) });
    });

    it.concurrent('crm setup exits 1 naming the fields that failed', async ({ expect }) => {
      const { code, stdout, stderr } = await rb(['crm', 'setup', 'local-fxiaoke'], { RB_URL: `${base}/crmfailed`, RB_KEY: 'rbk_test' });
      expect(code).toBe(1);
      expect(lines(stdout)).toEqual(['failed   field_credit_hold__c (creditHold): crm_field_not_creatable: create it in 对象管理', 'NOT READY: local-fxiaoke (fxiaoke AccountObj), 1 field(s)']);
      expect(lines(stderr)).toEqual(['rb crm setup: fields not set up: field_credit_hold__c']);
    });

    it.concurrent('crm setup reports a refused call as one line, exit 1', async ({ expect }) => {
      const { code, stderr } = await rb(['crm', 'setup', 'nope'], { RB_URL: `${base}/missing`, RB_KEY: 'rbk_test' });
      expect(code).toBe(1);
      expect(lines(stderr)).toEqual([expect.stringMatching(/^rb crm setup: POST \/v1\/crm\/connections\/nope\/setup: HTTP 404/)]);
    });

    it.concurrent('keys list prints the keys the hub returns', async ({ expect }) => {
      const { code, stdout } = await rb(['keys', 'list', '--json'], { RB_URL: `${base}/keys`, RB_KEY: 'rbk_test' });
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toEqual([expect.objectContaining({ keyId: 'k1', role: 'admin', status: 'active' })]);
      expect(seen.map((s) => s.url)).toContain('/keys/v1/admin/api-keys');
      expect(seen.find((s) => s.url === '/keys/v1/admin/api-keys')?.headers['idempotency-key']).toBeUndefined();
    });
  });

  describe('login', () => {
    let issuer: LocalOidcIssuer;
    beforeAll(async () => {
      issuer = await startOidcIssuer();
    });
    afterAll(async () => issuer?.stop());

    it.concurrent('prints a token of the local issuer for a seeded officer, with no role claims', async ({ expect }) => {
      const { code, stdout } = await rb(['login', '--as', 'li-wei', '--token-url', issuer.tokenUrl]);
      expect(code).toBe(0);
      const { payload } = await jwtVerify(stdout.trim(), createRemoteJWKSet(new URL(issuer.jwksUrl)), { issuer: issuer.issuer, audience: issuer.audience });
      expect(payload).toMatchObject({ sub: 'li-wei' });
      expect(payload).not.toHaveProperty('roles');
      expect(payload.exp! - payload.iat!).toBe(3600);
    });

    it.concurrent('refuses a person the issuer does not know (exit 1, one line)', async ({ expect }) => {
      const { code, stderr } = await rb(['login', '--as', 'mallory', '--token-url', issuer.tokenUrl]);
      expect(code).toBe(1);
      expect(lines(stderr)).toEqual([expect.stringContaining('sign-in as mallory refused')]);
    });
  });
});

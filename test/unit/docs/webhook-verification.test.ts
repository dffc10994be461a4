import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEvent } from '../../../shared/domain/events/new-event.js';

/**
 * Runs the verification snippets of docs/webhook-verification.md (the fenced blocks after a
 * `<!-- snippet: NAME -->` marker) against deliveries signed by the `standardwebhooks` library.
 */
const doc = readFileSync(new URL('../../../docs/webhook-verification.md', import.meta.url), 'utf8');

const snippet = (name: string): string => {
  const match = new RegExp(`<!-- snippet: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\`\\n`).exec(doc);
  if (!match?.[1]) throw new Error(`no fenced block after <!-- snippet: ${name} --> in docs/webhook-verification.md`);
  return match[1];
};

/** The documented test vector, read from its table row (`| name | \`value\` |`). */
const vector = (name: string): string => {
  const match = new RegExp(`^\\| \`?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\`? \\| \`(.+)\` \\|$`, 'm').exec(doc);
  if (!match?.[1]) throw new Error(`no test-vector row ${name}`);
  return match[1];
};

const SECRET = `whsec_${Buffer.from('riskbridge-unit-test-secret-key!').toString('base64')}`;
const OTHER_SECRET = `whsec_${Buffer.from('another-secret-used-in-rotation!').toString('base64')}`;
const now = (): Date => new Date();
const minutes = (n: number): number => n * 60_000;

interface Delivery {
  body: string;
  headers: Record<string, string>;
}

/** A delivery as the hub sends one: pretty-printed JSON, so a verifier that re-serialises the body fails. */
const delivery = (at: Date, secrets: string[] = [SECRET]): Delivery => {
  const event = newEvent('customer.unfrozen', { reason: 'paid', unfrozenAt: at.toISOString(), by: 'risk-desk' }, { customerId: 'cust-42', sequence: 7, at });
  const body = JSON.stringify(event, null, 2);
  return {
    body,
    headers: {
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(event.id, at, body)).join(' '),
    },
  };
};

const tampered = (d: Delivery): Delivery => ({ ...d, body: d.body.replace('"paid"', '"PAID"') });

type Verify = (rawBody: Buffer, headers: Record<string, string>, secret: string) => unknown;

describe('docs/webhook-verification.md', () => {
  let dir = '';
  let verifyWithLibrary: Verify;
  let verifyByHand: (rawBody: Buffer, headers: Record<string, string>, secret: string, nowSeconds?: number) => unknown;

  beforeAll(async () => {
    // Under node_modules so that the library snippet's `import 'standardwebhooks'` resolves.
    const cache = fileURLToPath(new URL('../../../node_modules/.cache', import.meta.url));
    mkdirSync(cache, { recursive: true });
    dir = mkdtempSync(join(cache, 'riskbridge-snippets-'));
    writeFileSync(join(dir, 'node-library.mjs'), snippet('node-library'));
    writeFileSync(join(dir, 'node-manual.mjs'), snippet('node-manual'));
    writeFileSync(join(dir, 'riskbridge_verify.py'), snippet('python-stdlib'));
    ({ verifyWithLibrary } = (await import(pathToFileURL(join(dir, 'node-library.mjs')).href)) as { verifyWithLibrary: Verify });
    ({ verifyRiskBridgeWebhook: verifyByHand } = (await import(pathToFileURL(join(dir, 'node-manual.mjs')).href)) as {
      verifyRiskBridgeWebhook: typeof verifyByHand;
    });
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('documents a test vector that the standardwebhooks library signs the same way', () => {
    const signature = new Webhook(vector('secret')).sign(vector('webhook-id'), new Date(Number(vector('webhook-timestamp')) * 1000), vector('body'));
    expect(vector('webhook-signature')).toBe(signature);
  });

  describe.each([
    { name: 'node-library', verify: (d: Delivery, secret = SECRET) => verifyWithLibrary(Buffer.from(d.body), d.headers, secret) },
    { name: 'node-manual', verify: (d: Delivery, secret = SECRET) => verifyByHand(Buffer.from(d.body), d.headers, secret) },
  ])('$name snippet', ({ verify }) => {
    it('accepts a delivery signed by the library and returns the event', () => {
      const d = delivery(now());
      expect(verify(d)).toEqual(JSON.parse(d.body));
    });

    it('accepts a rotation header when any one signature matches', () => {
      const d = delivery(now(), [OTHER_SECRET, SECRET]);
      expect(d.headers['webhook-signature']!.split(' ')).toHaveLength(2);
      expect(verify(d)).toEqual(JSON.parse(d.body));
    });

    it('rejects a tampered body', () => {
      expect(() => verify(tampered(delivery(now())))).toThrow(/signature/i);
    });

    it('rejects the wrong secret', () => {
      expect(() => verify(delivery(now()), OTHER_SECRET)).toThrow(/signature/i);
    });

    it('rejects a correctly signed delivery more than 5 minutes old or ahead', () => {
      expect(() => verify(delivery(new Date(Date.now() - minutes(6))))).toThrow(/timestamp/i);
      expect(() => verify(delivery(new Date(Date.now() + minutes(6))))).toThrow(/timestamp/i);
    });
  });

  it('node-manual snippet verifies the documented test vector at its timestamp', () => {
    const headers = { 'webhook-id': vector('webhook-id'), 'webhook-timestamp': vector('webhook-timestamp'), 'webhook-signature': vector('webhook-signature') };
    expect(verifyByHand(Buffer.from(vector('body')), headers, vector('secret'), Number(vector('webhook-timestamp')) + 10)).toMatchObject({ type: 'customer.unfrozen' });
  });

  it('python-stdlib snippet accepts valid deliveries and rejects tampered, stale or wrongly keyed ones', () => {
    // Prepare: one python3 run (standard library only) for all cases
    const current = now();
    const cases = {
      valid: { ...delivery(current), secret: SECRET },
      rotation: { ...delivery(current, [OTHER_SECRET, SECRET]), secret: SECRET },
      tampered: { ...tampered(delivery(current)), secret: SECRET },
      wrongSecret: { ...delivery(current), secret: OTHER_SECRET },
      old: { ...delivery(new Date(current.getTime() - minutes(6))), secret: SECRET },
      ahead: { ...delivery(new Date(current.getTime() + minutes(6))), secret: SECRET },
      missingHeader: { ...delivery(current), headers: { 'webhook-id': 'evt_x', 'webhook-timestamp': '1' }, secret: SECRET },
    };
    const driver = [
      'import base64, json, sys',
      'from riskbridge_verify import WebhookVerificationError, verify_riskbridge_webhook',
      'cases, now = json.load(sys.stdin)',
      'out = {}',
      'for name, c in cases.items():',
      '    try:',
      '        event = verify_riskbridge_webhook(base64.b64decode(c["body"]), c["headers"], c["secret"], now)',
      '        out[name] = "ok " + event["id"]',
      '    except WebhookVerificationError as error:',
      '        out[name] = "rejected: " + str(error)',
      'print(json.dumps(out))',
    ].join('\n');
    const input = JSON.stringify([
      Object.fromEntries(Object.entries(cases).map(([name, c]) => [name, { ...c, body: Buffer.from(c.body).toString('base64') }])),
      current.getTime() / 1000,
    ]);

    // Act
    const output = execFileSync('python3', ['-c', driver], { cwd: dir, input, encoding: 'utf8', timeout: 30_000 });

    // Assess
    const results = JSON.parse(output) as Record<keyof typeof cases, string>;
    const id = cases.valid.headers['webhook-id'];
    expect(results.valid).toBe(`ok ${id}`);
    expect(results.rotation).toBe(`ok ${cases.rotation.headers['webhook-id']}`);
    expect(results.tampered).toMatch(/^rejected: .*signature/);
    expect(results.wrongSecret).toMatch(/^rejected: .*signature/);
    expect(results.old).toMatch(/^rejected: .*timestamp/);
    expect(results.ahead).toMatch(/^rejected: .*timestamp/);
    expect(results.missingHeader).toMatch(/^rejected: missing/);
  });
});

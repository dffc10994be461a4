import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CreateSubscriptionSchema,
  SubscriptionSchema,
  WebhookSecretSchema,
  activeSecrets,
  generateSecret,
  newSubscription,
  projectEnvelope,
  rotateSecret,
} from '../../../shared/domain/delivery/subscription.js';
import type { EventEnvelope } from '../../../shared/domain/events/envelope.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import { parseOrThrow } from '../../../shared/domain/validation.js';

const envelope = (data: Record<string, unknown>): EventEnvelope => ({
  id: 'evt_01J0000000000000000000000A',
  type: 'rating.changed',
  version: 1,
  occurredAt: '2025-01-02T03:04:05.000Z',
  customerId: 'cust-1',
  sequence: 3,
  data,
});

describe('CreateSubscriptionSchema', () => {
  it('accepts catalogue event types and drops duplicates', () => {
    // Act
    const parsed = CreateSubscriptionSchema.parse({ url: 'https://crm.example.com/hooks', eventTypes: ['customer.updated', 'customer.updated'] });

    // Assess
    expect(parsed.eventTypes).toEqual(['customer.updated']);
  });

  it('refuses unknown event types, non-http schemes, credentials in the URL and unknown keys', () => {
    // Act
    const results = [
      { url: 'https://crm.example.com/hooks', eventTypes: ['customer.deleted'] },
      { url: 'ftp://crm.example.com/hooks', eventTypes: ['customer.updated'] },
      { url: 'https://user:pw@crm.example.com/hooks', eventTypes: ['customer.updated'] },
      { url: 'https://crm.example.com/hooks', eventTypes: ['customer.updated'], secret: 'mine' },
      { url: 'https://crm.example.com/hooks', eventTypes: [] },
      { url: 'https://crm.example.com/hooks', eventTypes: ['customer.updated'], fields: ['data[0]'] },
    ].map((input) => CreateSubscriptionSchema.safeParse(input).success);

    // Assess
    expect(results).toEqual([false, false, false, false, false, false]);
  });

  it.each(['null', 'https://crm.example.com:99999/hooks', 'https://', 'https://[::1/hooks'])('reports the unparsable URL %s as a validation issue at `url` (422, not a thrown TypeError)', (url) => {
    // Act
    const error = (() => {
      try {
        parseOrThrow(CreateSubscriptionSchema, { url, eventTypes: ['customer.updated'] }, 'subscription');
        return undefined;
      } catch (caught) {
        return caught;
      }
    })();

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain('url');
  });
});

describe('generateSecret', () => {
  it('produces whsec_ + base64 of 24 random bytes, different every time', () => {
    // Act
    const a = generateSecret();
    const b = generateSecret();

    // Assess
    expect(WebhookSecretSchema.safeParse(a).success).toBe(true);
    expect(Buffer.from(a.slice('whsec_'.length), 'base64')).toHaveLength(24);
    expect(a).not.toBe(b);
  });
});

describe('rotateSecret', () => {
  it('puts the new secret first and limits every older one to the overlap window', () => {
    // Prepare
    const t0 = new Date('2025-01-01T00:00:00Z');
    const first = newSubscription({ url: 'https://a.example.com/', eventTypes: ['customer.updated'] }, { id: 'sub_01J00000000000000000000000', secret: generateSecret() }, t0);
    const t1 = new Date('2025-01-10T00:00:00Z');

    // Act
    const once = rotateSecret(first, t1, 24);
    const twice = rotateSecret(once.subscription, new Date('2025-01-10T06:00:00Z'), 48);
    const later = rotateSecret(twice.subscription, new Date('2025-01-20T00:00:00Z'), 1);

    // Assess
    expect(SubscriptionSchema.parse(twice.subscription).secrets.map((s) => s.secret)).toEqual([
      twice.secret,
      once.secret,
      first.secrets[0]?.secret,
    ]);
    expect(twice.subscription.secrets[2]?.expiresAt).toBe('2025-01-11T00:00:00.000Z');
    expect(twice.subscription.secrets[1]?.expiresAt).toBe('2025-01-12T06:00:00.000Z');
    expect(later.subscription.secrets.map((s) => s.secret)).toEqual([later.secret, twice.secret]);
    expect(activeSecrets(later.subscription, new Date('2025-01-20T00:59:59Z'))).toEqual([later.secret, twice.secret]);
    expect(activeSecrets(later.subscription, new Date('2025-01-20T01:00:00Z'))).toEqual([later.secret]);
  });
});

describe('projectEnvelope', () => {
  it('keeps only the requested paths with their nesting and all envelope metadata', () => {
    // Prepare
    const event = envelope({ next: { grade: 'B', score: 612, reasons: [{ code: 'R1', text: 'x' }, { code: 'R2', text: 'y' }] }, previous: { grade: 'A' } });

    // Act
    const projected = projectEnvelope(event, ['next.grade', 'next.reasons.code', 'missing.path']);

    // Assess
    expect(projected).toEqual({ ...event, data: { next: { grade: 'B', reasons: [{ code: 'R1' }, { code: 'R2' }] } } });
  });

  it('returns the event unchanged without a projection', () => {
    // Prepare
    const event = envelope({ a: 1 });

    // Act & Assess
    expect(projectEnvelope(event)).toBe(event);
    expect(projectEnvelope(event, [])).toBe(event);
  });

  it('is idempotent, never invents data and is the identity when every top-level key is requested', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'd');
    const data = fc.dictionary(key, fc.oneof(fc.integer(), fc.string(), fc.dictionary(key, fc.oneof(fc.integer(), fc.boolean()))));
    const path = fc.array(key, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
    fc.assert(
      fc.property(data, fc.array(path, { maxLength: 5 }), (d, fields) => {
        const once = projectEnvelope(envelope(d), fields);
        expect(projectEnvelope(once, fields)).toEqual(once);
        expect(projectEnvelope(envelope(d), Object.keys(d).length ? Object.keys(d) : undefined).data).toEqual(d);
        for (const topKey of Object.keys(once.data)) expect(Object.keys(d)).toContain(topKey);
      }),
    );
  });
});

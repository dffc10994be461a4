import { readFileSync } from 'node:fs';
import { DiagnosticSeverity, Parser, type AsyncAPIDocumentInterface } from '@asyncapi/parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderAsyncApi } from '../../../scripts/export-asyncapi.js';
import { signatureHeaders } from '../../../shared/adapters/webhooks/webhook-sender.js';
import { sqsAttributesFor } from '../../../shared/domain/delivery/sqs-attributes.js';
import { EVENT_TYPES, eventCatalogue } from '../../../shared/domain/events/catalogue.js';

const committed = readFileSync(new URL('../../../docs/asyncapi.json', import.meta.url), 'utf8');
const catalogueKeys = EVENT_TYPES.map((type) => `${type}.v${eventCatalogue[type].version}`).sort();

interface HeaderSchema {
  required: string[];
  properties: Record<string, { pattern?: string; const?: string }>;
}
interface AttributesSchema {
  required: string[];
  properties: Record<string, { properties: { DataType: { const: string }; StringValue: { pattern?: string; enum?: string[] } } }>;
}

describe('docs/asyncapi.json', () => {
  let document: AsyncAPIDocumentInterface | undefined;
  let severities: number[] = [];
  /** The parsed model; fails the calling test when the parser refused the document. */
  const parsed = (): AsyncAPIDocumentInterface => {
    if (!document) throw new Error('docs/asyncapi.json did not parse (see the diagnostics test)');
    return document;
  };

  beforeAll(async () => {
    // The parser loads Spectral and every AsyncAPI schema: a few seconds on a cold start, once per file.
    const { document: parsed, diagnostics } = await new Parser().parse(committed);
    document = parsed;
    severities = diagnostics.map((d) => d.severity);
  }, 60_000);

  it('is up to date with the event catalogue (regenerate with npm run docs)', () => {
    expect(committed).toBe(renderAsyncApi());
  });

  it('parses as AsyncAPI 3.0.0 with no error diagnostics', () => {
    expect(document?.version()).toBe('3.0.0');
    expect(severities.filter((s) => s === DiagnosticSeverity.Error)).toEqual([]);
  });

  it('has one message per catalogue type and version, each on every channel and operation', () => {
    const messages = parsed().components().messages();
    expect(messages.all().map((m) => m.id()).sort()).toEqual(catalogueKeys);
    for (const type of EVENT_TYPES) {
      const msg = messages.get(`${type}.v${eventCatalogue[type].version}`)!;
      expect(msg.name()).toBe(type);
      expect(msg.summary()).toBe(eventCatalogue[type].description);
      expect(msg.correlationId()?.location()).toBe('$message.payload#/id');
      expect(msg.payload()?.properties()?.['type']?.const()).toBe(type);
    }
    for (const channel of ['webhook', 'results', 'resultsFifo']) {
      expect(parsed().channels().get(channel)!.messages().all().map((m) => m.id()).sort(), channel).toEqual(catalogueKeys);
    }
    for (const operation of parsed().operations().all()) {
      expect(operation.action(), operation.id()).toBe('send');
      expect(operation.messages().all().map((m) => m.id()).sort(), operation.id()).toEqual(catalogueKeys);
    }
  });

  it('describes the webhook headers the sender actually sends', () => {
    // Prepare
    const headers = signatureHeaders(
      ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_c2VjcmV0LXR3by1yb3RhdGlvbi1vdmVybGFw'],
      'evt_01JABCDEFGHJKMNPQRSTVWXYZ0',
      new Date('2025-02-01T10:00:00Z'),
      '{"id":"evt_01JABCDEFGHJKMNPQRSTVWXYZ0"}',
    );
    const schema = parsed().components().schemas().get('WebhookHeaders')!.json() as unknown as HeaderSchema;

    // Act
    const failing = Object.entries(headers).filter(([name, value]) => !new RegExp(schema.properties[name]!.pattern!).test(value));

    // Assess
    expect(failing).toEqual([]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(schema.required).toEqual(expect.arrayContaining(Object.keys(headers)));
  });

  it('describes the SQS message attributes the relay actually sets', () => {
    // Prepare
    const schema = parsed().components().schemas().get('SqsMessageAttributes')!.json() as unknown as AttributesSchema;

    for (const type of EVENT_TYPES) {
      // Act
      const attributes = sqsAttributesFor({ type, version: eventCatalogue[type].version, customerId: 'cust-42' });

      // Assess
      expect(Object.keys(attributes).sort()).toEqual(Object.keys(schema.properties).sort());
      for (const [name, attribute] of Object.entries(attributes)) {
        const declared = schema.properties[name]!.properties;
        expect(attribute.DataType, name).toBe(declared.DataType.const);
        if (declared.StringValue.pattern) expect(attribute.StringValue).toMatch(new RegExp(declared.StringValue.pattern));
        if (declared.StringValue.enum) expect(declared.StringValue.enum).toContain(attribute.StringValue);
      }
    }
    expect(schema.required.sort()).toEqual(Object.keys(sqsAttributesFor({ type: 'endpoint.disabled', version: 1 })).sort());
  });
});

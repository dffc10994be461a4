/**
 * Writes docs/asyncapi.json: the AsyncAPI 3.0.0 contract of RiskBridge's outbound events — every
 * catalogue event type and version as a message, the webhook channel (one instance per subscriber
 * endpoint) and the two SQS result queues, the hub's `send` operations, Standard Webhooks headers,
 * SQS message attributes and the delivery rules (at least once, dedupe by event id, per-customer
 * `sequence`, retry schedule). Payload schemas come from the zod catalogue through
 * `eventEnvelopeJsonSchema` (the same conversion as docs/events). Run: npx tsx scripts/export-asyncapi.ts
 * `--check` exits 1 when the committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { queues, type QueueSpec } from '../infra/topology.js';
import { DEFAULT_WEBHOOK_TIMEOUT_MS, WEBHOOK_USER_AGENT } from '../shared/adapters/webhooks/webhook-sender.js';
import { RESPONSE_EXCERPT_MAX } from '../shared/domain/delivery/delivery-outcome.js';
import { DEFAULT_ENDPOINT_HEALTH_POLICY } from '../shared/domain/delivery/endpoint-health.js';
import { DEFAULT_RETRY_SCHEDULE } from '../shared/domain/delivery/retry-schedule.js';
import { sqsAttributesFor } from '../shared/domain/delivery/sqs-attributes.js';
import { EVENT_TYPES, eventCatalogue, type EventType } from '../shared/domain/events/catalogue.js';
import { eventEnvelopeJsonSchema } from './export-event-schemas.js';
import packageJson from '../package.json' with { type: 'json' };

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Receivers reject a `webhook-timestamp` further than this from their clock (the Standard Webhooks default). */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/** Result queues in the document, in order: topology id → AsyncAPI channel and operation names. */
const RESULT_QUEUES = [
  { queue: queues.results, channel: 'results', operation: 'publishResult' },
  { queue: queues.resultsFifo, channel: 'resultsFifo', operation: 'publishResultFifo' },
] as const;

/** What each SQS message attribute means. Generation fails on an attribute `sqsAttributesFor` sets but this map does not explain. */
const SQS_ATTRIBUTE_DESCRIPTIONS: Record<string, string> = {
  eventType: 'The envelope `type`, e.g. `rating.changed`: route or filter without parsing the body.',
  eventVersion: 'The envelope `version` (a positive integer, sent as SQS `Number`).',
  customerId: 'The envelope `customerId` (an opaque id, not personal data); absent for events about no customer.',
};

const messageKey = (type: EventType): string => `${type}.v${eventCatalogue[type].version}`;
const sortedTypes = (): EventType[] => [...EVENT_TYPES].sort((a, b) => a.localeCompare(b));
const ref = (pointer: string): JsonObject => ({ $ref: pointer });

/** `5000` → `5 s`, `1800000` → `30 min`, `36000000` → `10 h`. */
const humanDuration = (ms: number): string => {
  if (ms === 0) return 'immediately';
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
};

const retryTable = (): string => {
  const { delaysMs, jitter } = DEFAULT_RETRY_SCHEDULE;
  const rows = delaysMs.map((delay, i) => `| ${i + 1} | ${humanDuration(delay)} |`);
  return [
    `Up to ${delaysMs.length} attempts per delivery; after a failed attempt the next waits (±${jitter * 100} % jitter):`,
    '',
    '| attempt | delay after the previous failure |',
    '|---|---|',
    ...rows,
    '',
    `A 429 or 503 with \`Retry-After\` waits at least that long (capped at ${humanDuration(Math.max(...delaysMs))}). After the last failure the delivery is \`exhausted\`, kept in the delivery log and replayable by an admin.`,
  ].join('\n');
};

/** The payload schema of one event: the envelope as JSON Schema draft-07 (the AsyncAPI 3.0 default format), titled. */
const payloadSchema = (type: EventType): JsonObject => {
  const { version, description } = eventCatalogue[type];
  const { $schema: _dialect, ...schema } = eventEnvelopeJsonSchema(type, 'draft-7') as JsonObject;
  return { title: `${type} v${version}`, description, ...schema };
};

const eventIdPattern = (): string => {
  const id = (eventEnvelopeJsonSchema(EVENT_TYPES[0]!, 'draft-7') as { properties?: { id?: { pattern?: string } } }).properties?.id?.pattern;
  if (!id) throw new Error('the envelope schema lost its id pattern');
  return id;
};

const webhookHeadersSchema = (): JsonObject => ({
  type: 'object',
  description:
    'Standard Webhooks request headers. Verify before parsing the body: see webhook-signature. Header names are case-insensitive.',
  required: ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'content-type'],
  properties: {
    'webhook-id': {
      type: 'string',
      pattern: eventIdPattern(),
      description:
        'The event id, equal to the body `id`. The same on every retry and replay, across subscriptions and on the SQS result queues: deduplicate on it.',
    },
    'webhook-timestamp': {
      type: 'string',
      pattern: '^[0-9]+$',
      description: `Unix seconds at which this attempt was signed (each retry and replay is signed anew). Reject the request when it is more than ${TIMESTAMP_TOLERANCE_SECONDS} s before or after your clock.`,
    },
    'webhook-signature': {
      type: 'string',
      pattern: '^v1,[A-Za-z0-9+/]{43}=( v1,[A-Za-z0-9+/]{43}=)*$',
      description: [
        'Space-separated `v1,<base64>` entries, one per active secret (several during secret rotation); accept when any one matches.',
        'To verify: take the secret after `whsec_` and base64-decode it to the key;',
        'compute HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<raw body bytes>`;',
        'base64-encode it and compare it in constant time with each entry after `v1,`.',
        'Use the raw body as received, never re-serialised JSON. Snippets: docs/webhook-verification.md.',
      ].join(' '),
    },
    'content-type': { type: 'string', const: 'application/json' },
    'user-agent': { type: 'string', const: WEBHOOK_USER_AGENT },
  },
});

/** Message attributes exactly as `sqsAttributesFor` sets them (name, SQS data type), with their meaning. */
const sqsAttributesSchema = (): JsonObject => {
  const withEveryAttribute = sqsAttributesFor({ type: EVENT_TYPES[0]!, version: 1, customerId: 'c' });
  const withoutCustomer = sqsAttributesFor({ type: EVENT_TYPES[0]!, version: 1 });
  const properties: JsonObject = {};
  for (const [name, attribute] of Object.entries(withEveryAttribute).sort(([a], [b]) => a.localeCompare(b))) {
    const description = SQS_ATTRIBUTE_DESCRIPTIONS[name];
    if (!description) throw new Error(`SQS attribute ${name} has no description in SQS_ATTRIBUTE_DESCRIPTIONS`);
    const value: JsonObject =
      name === 'eventType'
        ? { type: 'string', enum: sortedTypes() }
        : attribute.DataType === 'Number'
          ? { type: 'string', pattern: '^[1-9][0-9]*$' }
          : { type: 'string' };
    properties[name] = {
      type: 'object',
      description,
      required: ['DataType', 'StringValue'],
      properties: { DataType: { type: 'string', const: attribute.DataType }, StringValue: value },
    };
  }
  return {
    type: 'object',
    description:
      'SQS message attributes (`MessageAttributes`, in the SendMessage/ReceiveMessage shape) repeating envelope fields. Request them with `MessageAttributeNames: ["All"]`.',
    required: Object.keys(withoutCustomer).sort((a, b) => a.localeCompare(b)),
    properties,
  };
};

const message = (type: EventType): JsonObject => {
  const { version, description } = eventCatalogue[type];
  return {
    name: type,
    title: `${type} v${version}`,
    summary: description,
    description: `Body: the event envelope with \`type: "${type}"\`, \`version: ${version}\` and this type's \`data\`. On webhooks a subscription with a field projection receives only the chosen paths under \`data\` (envelope fields are always present), so \`data\` properties marked required may be absent there; SQS result queues always carry the whole event.`,
    contentType: 'application/json',
    correlationId: ref('#/components/correlationIds/eventId'),
    payload: ref(`#/components/schemas/${messageKey(type)}`),
    bindings: { http: { headers: ref('#/components/schemas/WebhookHeaders'), bindingVersion: '0.3.0' } },
    'x-sqs-message-attributes': ref('#/components/schemas/SqsMessageAttributes'),
  };
};

const channelMessages = (): JsonObject =>
  Object.fromEntries(sortedTypes().map((type) => [messageKey(type), ref(`#/components/messages/${messageKey(type)}`)]));

const operationMessages = (channel: string): Json[] =>
  sortedTypes().map((type) => ref(`#/channels/${channel}/messages/${messageKey(type)}`));

/** SQS bindings 0.2.0: the newest version AsyncAPI 3.0.0 accepts. */
const sqsQueue = (spec: QueueSpec): JsonObject => ({
  name: spec.id,
  fifoQueue: spec.fifo,
  ...(spec.fifo ? { deduplicationScope: 'queue', fifoThroughputLimit: 'perQueue' } : {}),
  deliveryDelay: 0,
  visibilityTimeout: spec.visibilityTimeoutSeconds,
  receiveMessageWaitTime: 0,
  messageRetentionPeriod: spec.retentionDays * 86_400,
  redrivePolicy: { deadLetterQueue: { name: `${spec.id}Dlq` }, maxReceiveCount: spec.maxReceiveCount },
  'x-stack-output': `${spec.id.charAt(0).toUpperCase()}${spec.id.slice(1)}QueueUrl`,
});

const sqsChannel = (spec: QueueSpec, ordering: string): JsonObject => ({
  address: null,
  title: `SQS result queue \`${spec.id}\``,
  summary: spec.description,
  description: [
    `Every outbound event, the whole envelope as the message body (never projected), sent by the hub's outbox relay. ${ordering}`,
    `The queue's physical name is generated by CloudFormation: read its URL from the stack output \`${sqsQueue(spec)['x-stack-output'] as string}\`. Access is through IAM (\`sqs:ReceiveMessage\`, \`sqs:DeleteMessage\`) over TLS only.`,
    `A message received ${spec.maxReceiveCount} times without being deleted moves to the dead-letter queue \`${spec.id}Dlq\`.`,
  ].join('\n\n'),
  servers: [ref('#/servers/awsSqs')],
  messages: channelMessages(),
  bindings: {
    sqs: {
      queue: sqsQueue(spec),
      deadLetterQueue: { name: `${spec.id}Dlq`, fifoQueue: spec.fifo },
      bindingVersion: '0.2.0',
    },
  },
});

const sqsOperation = (spec: QueueSpec, channel: string, summary: string): JsonObject => ({
  action: 'send',
  channel: ref(`#/channels/${channel}`),
  title: `Publish to \`${spec.id}\``,
  summary,
  description:
    'The outbox relay reads each new event from the DynamoDB stream and sends it here. A relay batch that fails is retried whole, so a message can arrive more than once: deduplicate on the envelope `id`.',
  bindings: { sqs: { queues: [{ name: spec.id, fifoQueue: spec.fifo }], bindingVersion: '0.2.0' } },
  messages: operationMessages(channel),
});

const infoDescription = (): string => {
  const { disableAfterFailingMs, disableAfterExhausted } = DEFAULT_ENDPOINT_HEALTH_POLICY;
  return [
    'Events RiskBridge sends about customers, ratings, limits, alerts and webhook endpoints. Every event is one envelope `{ id, type, version, occurredAt, customerId?, sequence?, data }`; `type` and `version` select the schema of `data`. A breaking change to `data` ships as a new version beside the old one.',
    '',
    'The same envelope goes out two ways:',
    '- **Webhooks** ([Standard Webhooks](https://www.standardwebhooks.com/)): `POST` to each subscription\'s HTTPS URL, for the event types the subscription chose from the catalogue, optionally projected to chosen `data` paths. Signed with the subscription\'s `whsec_` secret; see the `webhook-signature` header.',
    '- **SQS result queues** in the hub\'s AWS account: `results` (standard) and `resultsFifo` (FIFO, one message group per customer), every event, unprojected, with message attributes `eventType`, `eventVersion` and `customerId`.',
    '',
    '## Delivery semantics',
    '- **At least once.** Retries, replays and relay retries can deliver an event again. The envelope `id` (`evt_` + ULID) identifies the event everywhere: it is the `webhook-id` header, the AsyncAPI correlation id and the FIFO deduplication id. Deduplicate on it.',
    '- **Not ordered** on webhooks and the standard queue; the FIFO queue keeps the order in which the relay sent one customer\'s events. In every case `sequence` is the authority: it increases per customer, so keep the highest `sequence` you applied per `customerId` and kind of state (rating, limit, freeze…) and drop events at or below it. Events about no customer (e.g. `endpoint.disabled`) carry neither `customerId` nor `sequence`.',
    `- **Answer fast.** A webhook attempt counts as delivered on any 2xx within ${DEFAULT_WEBHOOK_TIMEOUT_MS / 1000} s. 410 Gone disables the subscription at once; a 3xx is a failure (redirects are not followed); everything else is retried. The first ${RESPONSE_EXCERPT_MAX} characters of your answer are kept in the delivery log.`,
    '',
    '## Webhook retry schedule',
    retryTable(),
    '',
    `A subscription is disabled automatically after 410 Gone, after ${disableAfterFailingMs / 86_400_000} days of failing every attempt, or after ${disableAfterExhausted} deliveries exhausted their retries since the last success; an \`endpoint.disabled\` event is raised. Details: docs/webhooks.md.`,
  ].join('\n');
};

/** The whole AsyncAPI document as plain JSON, keys in a fixed order. */
export const buildAsyncApiDocument = (): JsonObject => {
  const types = sortedTypes();
  const [standard, fifo] = RESULT_QUEUES;
  return {
    asyncapi: '3.0.0',
    id: 'urn:riskbridge:events',
    info: {
      title: 'RiskBridge outbound events',
      version: packageJson.version,
      description: infoDescription(),
      tags: [
        { name: 'webhooks', description: 'Standard Webhooks deliveries to subscriber endpoints' },
        { name: 'sqs', description: 'SQS result queues in the hub\'s AWS account' },
      ],
      'x-delivery': {
        guarantee: 'at-least-once',
        deduplicationKey: '$message.payload#/id',
        orderingKey: '$message.payload#/sequence',
        orderingScope: '$message.payload#/customerId',
      },
    },
    defaultContentType: 'application/json',
    servers: {
      subscriber: {
        host: '{subscriberHost}',
        protocol: 'https',
        title: 'Subscriber endpoint',
        summary: 'The HTTPS endpoint a webhook subscription points at (run by the subscriber, not by RiskBridge).',
        description:
          'Registered with `POST /v1/subscriptions` (`url`). Only `https://` URLs without credentials that resolve to public addresses are accepted; the hub connects to the address it checked.',
        variables: { subscriberHost: { description: 'Host (and port) of the subscription URL.', examples: ['crm.example.com'] } },
        tags: [{ name: 'webhooks' }],
      },
      awsSqs: {
        host: 'sqs.{region}.amazonaws.com',
        protocol: 'sqs',
        title: 'Amazon SQS',
        summary: 'SQS in the AWS account and region the hub is deployed to.',
        description: 'Consumers receive with IAM credentials that may read the result queues; locally `npm start` runs the same queues on an SQS emulator.',
        variables: { region: { description: 'AWS region of the deployment.', examples: ['eu-central-1'] } },
        tags: [{ name: 'sqs' }],
      },
    },
    channels: {
      webhook: {
        address: '{webhookPath}',
        title: 'Webhook endpoint of one subscription',
        summary: 'One instance per subscription: POST to the subscription\'s URL.',
        description:
          'The full URL is `https://{subscriberHost}{webhookPath}`, the `url` the subscription was created with. It receives the event types the subscription chose from the catalogue; a subscription with `fields` receives `data` reduced to those paths.',
        servers: [ref('#/servers/subscriber')],
        parameters: { webhookPath: ref('#/components/parameters/webhookPath') },
        messages: channelMessages(),
      },
      [standard.channel]: sqsChannel(standard.queue, 'Standard queue: best-effort ordering only, and SQS itself may deliver a message twice.'),
      [fifo.channel]: sqsChannel(
        fifo.queue,
        'FIFO queue: `MessageGroupId` is the envelope `customerId` (`global` for events about no customer), so one customer\'s events come out in the order the relay sent them (not necessarily `sequence` order); `MessageDeduplicationId` is the envelope `id`, which drops resends within SQS\'s 5-minute deduplication window only.',
      ),
    },
    operations: {
      deliverWebhook: {
        action: 'send',
        channel: ref('#/channels/webhook'),
        title: 'Deliver an event to a subscriber',
        summary: 'POST one signed event to one subscription endpoint, retrying on failure.',
        description: `One delivery per (event, subscription). The body is the exact JSON that was signed. Deliveries are not ordered; replays resend the same envelope and \`webhook-id\`, freshly signed.\n\n${retryTable()}`,
        bindings: { http: { method: 'POST', bindingVersion: '0.3.0' } },
        tags: [{ name: 'webhooks' }],
        messages: operationMessages('webhook'),
        'x-retry-schedule': {
          maxAttempts: DEFAULT_RETRY_SCHEDULE.delaysMs.length,
          delaysSeconds: DEFAULT_RETRY_SCHEDULE.delaysMs.map((ms) => ms / 1000),
          jitter: DEFAULT_RETRY_SCHEDULE.jitter,
          retryAfterCapSeconds: Math.max(...DEFAULT_RETRY_SCHEDULE.delaysMs) / 1000,
          attemptTimeoutSeconds: DEFAULT_WEBHOOK_TIMEOUT_MS / 1000,
        },
      },
      [standard.operation]: sqsOperation(standard.queue, standard.channel, 'Send every event to the standard result queue.'),
      [fifo.operation]: sqsOperation(fifo.queue, fifo.channel, 'Send every event to the FIFO result queue, grouped by customer.'),
    },
    components: {
      schemas: {
        ...Object.fromEntries(types.map((type) => [messageKey(type), payloadSchema(type)])),
        SqsMessageAttributes: sqsAttributesSchema(),
        WebhookHeaders: webhookHeadersSchema(),
      },
      messages: Object.fromEntries(types.map((type) => [messageKey(type), message(type)])),
      parameters: {
        webhookPath: {
          description: 'Path (and query) of the subscription URL, e.g. `/hooks/riskbridge`. Placeholder: each subscription has its own.',
          examples: ['/hooks/riskbridge'],
        },
      },
      correlationIds: {
        eventId: {
          description: 'The event id (`evt_` + ULID): equal to the `webhook-id` header and, on the FIFO queue, the `MessageDeduplicationId`. Deduplicate on it.',
          location: '$message.payload#/id',
        },
      },
    },
  };
};

/** docs/asyncapi.json as committed: two-space JSON and a final newline. */
export const renderAsyncApi = (): string => `${JSON.stringify(buildAsyncApiDocument(), null, 2)}\n`;

const isCli = process.argv[1]?.endsWith('export-asyncapi.ts') ?? false;
if (isCli) {
  const target = new URL('../docs/asyncapi.json', import.meta.url);
  const content = renderAsyncApi();
  if (process.argv.includes('--check')) {
    const current = (() => {
      try {
        return readFileSync(target, 'utf8');
      } catch {
        return '';
      }
    })();
    if (current !== content) {
      console.error('stale: docs/asyncapi.json (run npm run docs)');
      process.exit(1);
    }
    console.log('checked docs/asyncapi.json');
  } else {
    writeFileSync(target, content);
    console.log('wrote docs/asyncapi.json');
  }
}

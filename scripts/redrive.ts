import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.js';
import { eventStore, relayMarkStore } from '../shared/adapters/dynamodb/event-store.js';
import { subscriptionStore } from '../shared/adapters/dynamodb/subscription-store.js';
import { relayOutlet } from '../shared/adapters/sqs/relay-outlet.js';
import { redriveEvents, RedriveRequestSchema, type RedriveReport, type RedriveRequest } from '../shared/domain/outbound/redrive-events.js';
import { relayEvent, type RelayQueue } from '../shared/domain/outbound/relay-event.js';
import { toFieldIssues } from '../shared/domain/validation.js';

export const REDRIVE_USAGE = 'usage: npm run redrive -- --from <iso> --to <iso> [--event-id <evt_…>]... [--force]   (or --event-id alone)';

/**
 * The command line of `npm run redrive` as a redrive request, or the one-line reason it is not
 * one (unknown flags included: parseArgs is strict).
 * @example parseRedriveArgs(['--from', '2026-12-01T10:00:00Z', '--to', '2026-12-01T11:00:00Z'])
 */
export const parseRedriveArgs = (argv: readonly string[]): { ok: true; request: RedriveRequest; help: boolean } | { ok: false; message: string } => {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        'event-id': { type: 'string', multiple: true },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message.split('. ')[0] ?? 'invalid arguments' };
  }
  if (values.help) return { ok: true, request: { eventIds: [] }, help: true };
  const parsed = RedriveRequestSchema.safeParse({ from: values.from, to: values.to, eventIds: values['event-id'] ?? [], force: values.force });
  if (!parsed.success) {
    const flag = (path: string) => `--${path.replace(/^eventIds(\[\d+\])?/, 'event-id')}`;
    return { ok: false, message: toFieldIssues(parsed.error).map((i) => `${flag(i.path)}: ${i.message}`).join('; ') };
  }
  return { ok: true, request: parsed.data, help: false };
};

/** Where a redrive reads the outbox and sends to: a hub's table and the relay's queues. */
export interface RedriveTarget {
  dynamo: DynamoDBDocumentClient;
  sqs: SQSClient;
  tableName: string;
  queueUrls: Record<RelayQueue, string>;
}

/** The redrive use case wired to real adapters, with the relay's own routing and sent-markers. */
export const redriveOn = (target: RedriveTarget) => {
  const table = { client: target.dynamo, tableName: target.tableName };
  const events = eventStore(table);
  return redriveEvents({
    outbox: { listBetween: (from, to) => events.listOutboxBetween(from, to), get: (id) => events.getOutboxEntry(id) },
    subscriptions: subscriptionStore(table),
    relay: relayEvent({ marks: relayMarkStore(table), outlet: relayOutlet(target.sqs, (queue) => target.queueUrls[queue]) }),
  });
};

const HubFileSchema = z.object({
  dynamoEndpoint: z.url(),
  sqsEndpoint: z.url(),
  resources: z.object({
    tableName: z.string().min(1),
    queueUrls: z.object({ results: z.url(), resultsFifo: z.url(), deliveries: z.url(), recompute: z.url(), writebacks: z.url(), bureauPulls: z.url() }),
  }),
});

const LOCAL = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

/**
 * `npm run redrive`: republishes outbox events of the running local hub (`.local/hub.json`,
 * written by `npm start`) and prints the report as JSON. Exit codes: 0 done, 1 some sends
 * failed or event ids were not found, 2 bad command line or no hub.
 */
export const main = async (argv: readonly string[], io: { out: (line: string) => void; err: (line: string) => void } = { out: console.log, err: console.error }): Promise<number> => {
  const args = parseRedriveArgs(argv);
  if (!args.ok) {
    io.err(`redrive: ${args.message} — ${REDRIVE_USAGE}`);
    return 2;
  }
  if (args.help) {
    io.out(REDRIVE_USAGE);
    return 0;
  }
  const hubFile = HubFileSchema.safeParse(JSON.parse(await readFile('.local/hub.json', 'utf8').catch(() => '{}')) as unknown);
  if (!hubFile.success) {
    io.err('redrive: no running local hub (.local/hub.json); start one with npm start');
    return 2;
  }
  const { dynamoEndpoint, sqsEndpoint, resources } = hubFile.data;
  const dynamo = createDocumentClient({ endpoint: dynamoEndpoint, ...LOCAL });
  const sqs = new SQSClient({ endpoint: sqsEndpoint, ...LOCAL, useQueueUrlAsEndpoint: false });
  try {
    const report: RedriveReport = await redriveOn({ dynamo, sqs, tableName: resources.tableName, queueUrls: resources.queueUrls })(args.request);
    io.out(JSON.stringify(report, null, 2));
    return report.failed.length > 0 || report.notFound.length > 0 ? 1 : 0;
  } finally {
    dynamo.destroy();
    sqs.destroy();
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}

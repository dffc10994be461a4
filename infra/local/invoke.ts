import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { functions, type FunctionId } from '../topology.js';
import { lambdaContext } from './event-sources.js';
import { localProcessEnv } from './hub.js';

/**
 * `npm run invoke -- <function> <event-file>`: runs one handler once, in this process, against
 * the stack `npm start` is running (its endpoints are read from .local/hub.json).
 * <function> is the folder name (`deliver-webhook`) or the topology id (`deliverWebhook`).
 */
const HubFileSchema = z.object({
  dynamoEndpoint: z.string(),
  sqsEndpoint: z.string(),
  resources: z.object({ tableName: z.string(), streamArn: z.string(), queueUrls: z.record(z.string(), z.string()), dlqUrls: z.record(z.string(), z.string()), bucketNames: z.record(z.string(), z.string()).default({}) }),
  env: z.record(z.string(), z.string()).default({}),
});

const [name, eventFile] = process.argv.slice(2);
if (!name || !eventFile) {
  console.error('usage: npm run invoke -- <function> <event-file>\nfunctions: ' + Object.values(functions).map((f) => f.entry.split('/')[1]).join(', '));
  process.exit(2);
}
const spec = Object.values(functions).find((f) => f.id === name || f.entry.split('/')[1] === name);
if (!spec) {
  console.error(`unknown function ${name}`);
  process.exit(2);
}
let hubFile: z.infer<typeof HubFileSchema>;
try {
  hubFile = HubFileSchema.parse(JSON.parse(await readFile('.local/hub.json', 'utf8')));
} catch {
  console.error('No running local stack found (.local/hub.json). Start it first with `npm start`.');
  process.exit(1);
}
Object.assign(process.env, localProcessEnv({ ...hubFile, resources: hubFile.resources as never, env: hubFile.env }));
const event: unknown = JSON.parse(await readFile(eventFile, 'utf8'));
const module = (await import(pathToFileURL(resolve(spec.entry)).href)) as { handler: (e: unknown, c: unknown) => Promise<unknown> };
const result = await module.handler(event, lambdaContext(spec.id as FunctionId, spec.timeoutSeconds));
console.log(JSON.stringify(result, null, 2));

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { functions, type FunctionId, type FunctionSpec } from '../topology.js';
import type { LocalHubFile } from './hub-file.js';

/** Function folder names (`deliver-webhook`), as `rb invoke` accepts them beside topology ids. */
export const invocableFunctions = (): string[] => Object.values(functions).map((f) => f.entry.split('/')[1] ?? f.id);

/** The topology entry for a folder name (`deliver-webhook`) or a topology id (`deliverWebhook`). */
export const findFunction = (name: string): FunctionSpec | undefined =>
  Object.values(functions).find((f) => f.id === name || f.entry.split('/')[1] === name);

/**
 * `rb invoke <function> <event-file>`: runs one handler once, in this process, against the stack
 * `npm start` is running (its endpoints are read from .local/hub.json), and returns its result.
 * The local runtime (and with it zod and the AWS SDK) is loaded on the first call, so `rb` starts fast.
 *
 * @example
 * const result = await invokeLocal(findFunction('deliver-webhook')!, 'events/deliver-webhook/delivery.json');
 */
export const invokeLocal = async (spec: FunctionSpec, eventFile: string, hubFile?: LocalHubFile): Promise<unknown> => {
  const hub = hubFile ?? (await (await import('./hub-file.js')).readLocalHubFile());
  const event: unknown = JSON.parse(await readFile(eventFile, 'utf8'));
  const [{ lambdaContext }, { localProcessEnv }] = await Promise.all([import('./event-sources.js'), import('./hub.js')]);
  Object.assign(process.env, localProcessEnv({ ...hub, resources: hub.resources as never, env: hub.env }));
  const module = (await import(pathToFileURL(resolve(spec.entry)).href)) as { handler: (e: unknown, c: unknown) => Promise<unknown> };
  return module.handler(event, lambdaContext(spec.id as FunctionId, spec.timeoutSeconds));
};

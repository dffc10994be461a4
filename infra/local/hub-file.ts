import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** Where `npm start` records the running local stack (relative to the repository root). */
export const LOCAL_HUB_FILE = '.local/hub.json';

export const LocalHubFileSchema = z.object({
  url: z.string().optional(),
  /** The local OIDC issuer (`rb login`). */
  oidc: z.object({ issuer: z.string(), tokenUrl: z.string() }).optional(),
  dynamoEndpoint: z.string(),
  sqsEndpoint: z.string(),
  resources: z.object({ tableName: z.string(), requestsTableName: z.string().optional(), streamArn: z.string(), queueUrls: z.record(z.string(), z.string()), dlqUrls: z.record(z.string(), z.string()), bucketNames: z.record(z.string(), z.string()).default({}) }),
  env: z.record(z.string(), z.string()).default({}),
});
export type LocalHubFile = z.infer<typeof LocalHubFileSchema>;

/** No local stack is running, or its file is unreadable. */
export class NoLocalHubError extends Error {
  readonly code = 'no_local_hub';
  constructor(options?: ErrorOptions) {
    super(`No running local stack found (${LOCAL_HUB_FILE}). Start it first with \`npm start\`.`, options);
    this.name = 'NoLocalHubError';
  }
}

/**
 * Reads what `npm start` wrote about the running stack: endpoints, table, queue URLs, sandbox env.
 *
 * @example
 * const { sqsEndpoint, resources } = await readLocalHubFile();
 */
export const readLocalHubFile = async (path = LOCAL_HUB_FILE): Promise<LocalHubFile> => {
  try {
    return LocalHubFileSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  } catch (error) {
    throw new NoLocalHubError({ cause: error });
  }
};

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Path of a file of the shared real data sets, which sit beside the repository
 * (`../shared/datasets`, in CI too); RISKBRIDGE_DATASETS points elsewhere.
 */
export const datasetPath = (file: string): string =>
  resolve(process.env.RISKBRIDGE_DATASETS ?? resolve(fileURLToPath(new URL('../..', import.meta.url)), '..', 'shared', 'datasets'), file);

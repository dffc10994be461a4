import { ensureConsoleBuild } from '../../infra/local/console-build.js';

/** Builds the risk console once for the run when its sources changed (the serve-console handler serves the build). */
export default async function setup(): Promise<void> {
  await ensureConsoleBuild();
}

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE = join(ROOT, 'console');
const OUT = join(ROOT, 'functions/serve-console/assets/dist');
/** Written last by a build: the hash of the sources it was built from (a dot file: never served). */
const STAMP = join(OUT, '.source-hash');
const LOCK = join(ROOT, 'functions/serve-console/assets/.building');

/** Hash of everything the build reads: the console's sources and the pinned dependency versions. */
export const consoleSourceHash = (): string => {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  walk(SOURCE);
  hash.update(readFileSync(join(ROOT, 'package-lock.json')));
  return hash.digest('hex');
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds the risk console (Vite) into functions/serve-console/assets/dist unless the build
 * there was made from the same sources. Several processes may call it at once (test projects,
 * `npm start`): one builds, the others wait for it. Returns whether it built.
 */
export const ensureConsoleBuild = async (): Promise<{ built: boolean; ms: number }> => {
  const started = Date.now();
  const wanted = consoleSourceHash();
  const current = () => (existsSync(STAMP) ? readFileSync(STAMP, 'utf8') : '');
  for (;;) {
    if (current() === wanted) return { built: false, ms: Date.now() - started };
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another process builds; a lock older than two minutes is left over from a crash.
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > 120_000) rmSync(LOCK, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    if (current() === wanted) return { built: false, ms: Date.now() - started };
    const { build } = await import('vite');
    await build({ configFile: join(SOURCE, 'vite.config.ts'), logLevel: 'warn' });
    writeFileSync(STAMP, wanted);
    return { built: true, ms: Date.now() - started };
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
};

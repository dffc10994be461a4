import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('package.json scripts', () => {
  it('every file a script runs with tsx exists', () => {
    // Prepare
    const referenced = Object.entries(scripts).flatMap(([name, command]) => [...command.matchAll(/\btsx\s+(\S+\.ts)\b/g)].map((m) => ({ name, file: m[1]! })));
    // Act
    const missing = referenced.filter(({ file }) => !existsSync(join(root, file)));
    // Assess
    expect(referenced.length).toBeGreaterThan(5);
    expect(missing).toEqual([]);
  });
});

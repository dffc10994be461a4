import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { functions } from '../../../infra/topology.js';

const handlerSource = (entry: string): string => readFileSync(new URL(`../../../${entry}`, import.meta.url), 'utf8');

/** Lines of the exported handler: from `export const handler` to the end of the module. */
const handlerLines = (source: string): number => {
  const start = source.indexOf('export const handler');
  return start < 0 ? 0 : source.slice(start).trimEnd().split('\n').length;
};

describe('HTTP handlers after the router', () => {
  it('parse nothing themselves: no parseOrThrow anywhere in functions/', () => {
    const offenders = readdirSync(new URL('../../../functions/', import.meta.url), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .filter((file) => readFileSync(new URL(`../../../functions/${file}`, import.meta.url), 'utf8').includes('parseOrThrow'));
    expect(offenders).toEqual([]);
  });

  it('keep every handler at 40 lines or fewer (the router validates; use cases decide)', () => {
    const sizes = Object.values(functions).map((fn) => ({ entry: fn.entry, lines: handlerLines(handlerSource(fn.entry)) }));
    expect(sizes.every((s) => s.lines > 0), 'every function exports `handler`').toBe(true);
    expect(sizes.filter((s) => s.lines > 40)).toEqual([]);
  });
});

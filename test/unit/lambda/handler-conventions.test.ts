import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { functions } from '../../../infra/topology.js';

const handlerSource = (entry: string): string => readFileSync(new URL(`../../../${entry}`, import.meta.url), 'utf8');

/** Lines of the exported handler: from `export const handler` to the end of the module. */
const handlerLines = (source: string): number => {
  const start = source.indexOf('export const handler');
  return start < 0 ? 0 : source.slice(start).trimEnd().split('\n').length;
};

/**
 * Lines per operation of an HTTP function's handler map (`httpFunction(routes, { op: async … })`):
 * an entry starts at a two-space-indented `name:` and runs to the next one or the map's end.
 */
const operationLines = (source: string): { operation: string; lines: number }[] => {
  const start = source.indexOf('export const handler = httpFunction(');
  if (start < 0) return [];
  const sizes: { operation: string; lines: number }[] = [];
  for (const line of source.slice(start).split('\n').slice(1)) {
    const entry = /^  ([A-Za-z0-9]+):/.exec(line);
    if (entry?.[1]) sizes.push({ operation: entry[1], lines: 1 });
    else if (/^}/.test(line)) break;
    else if (sizes.length > 0) sizes[sizes.length - 1]!.lines++;
  }
  return sizes;
};

describe('HTTP handlers after the router', () => {
  it('parse nothing themselves: no parseOrThrow anywhere in functions/', () => {
    const offenders = readdirSync(new URL('../../../functions/', import.meta.url), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .filter((file) => readFileSync(new URL(`../../../functions/${file}`, import.meta.url), 'utf8').includes('parseOrThrow'));
    expect(offenders).toEqual([]);
  });

  it('keep every handler thin: 40 lines or fewer, or for an HTTP function 6 lines or fewer per operation (the router validates; use cases decide)', () => {
    const sizes = Object.values(functions).map((fn) => ({ entry: fn.entry, lines: handlerLines(handlerSource(fn.entry)), operations: operationLines(handlerSource(fn.entry)) }));
    expect(sizes.every((s) => s.lines > 0), 'every function exports `handler`').toBe(true);
    // A function with many routes has a long map of short entries: the bound is per operation there.
    expect(sizes.filter((s) => s.operations.length === 0 && s.lines > 40).map((s) => s.entry)).toEqual([]);
    expect(sizes.flatMap((s) => s.operations.filter((o) => o.lines > 6).map((o) => `${s.entry} ${o.operation}: ${o.lines} lines`))).toEqual([]);
    expect(sizes.filter((s) => s.operations.length > 0).length, 'the HTTP functions are measured per operation').toBeGreaterThanOrEqual(6);
  });
});

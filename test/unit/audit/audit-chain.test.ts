import { describe, expect, it } from 'vitest';
import { canonicalJson, nextEntry, verifyChain, type AuditEntry } from '../../../shared/domain/audit/audit-chain.js';

const build = (n: number): AuditEntry[] => {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    const prev = entries.at(-1);
    entries.push(nextEntry(prev ? { seq: prev.seq, hash: prev.hash } : undefined, 'c0', { actor: 'key:a', action: 'policy.approved', target: `policy:${i}`, details: { i } }, new Date(Date.UTC(2026, 10, 28, 0, i))));
  }
  return entries;
};
const headOf = (entries: AuditEntry[]) => ({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });

describe('audit chain', () => {
  it('verifies an intact chain', () => {
    const entries = build(5);
    expect(verifyChain('c0', entries, headOf(entries))).toMatchObject({ ok: true, entries: 5 });
  });

  it('detects an altered entry, a removed entry and a truncated tail', () => {
    const entries = build(5);
    const head = headOf(entries);
    const altered = entries.map((e) => (e.seq === 3 ? { ...e, details: { i: 99 } } : e));
    expect(verifyChain('c0', altered, head)).toMatchObject({ ok: false, brokenAt: 3, reason: 'content altered' });
    expect(verifyChain('c0', entries.filter((e) => e.seq !== 2), head)).toMatchObject({ ok: false, brokenAt: 2 });
    expect(verifyChain('c0', entries.slice(0, 4), head)).toMatchObject({ ok: false, reason: 'tail truncated below the head' });
  });

  it('detects an entry re-hashed after alteration through the broken link', () => {
    const entries = build(4);
    const forged = nextEntry({ seq: 1, hash: entries[0]!.hash }, 'c0', { actor: 'mallory', action: 'x', target: 'y', details: {} }, new Date());
    const tampered = [entries[0]!, forged, ...entries.slice(2)];
    expect(verifyChain('c0', tampered, headOf(entries))).toMatchObject({ ok: false, brokenAt: 3, reason: 'link broken' });
  });

  it('hashes content independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { en } from '../../../console/src/i18n/en.js';
import { zhCN } from '../../../console/src/i18n/zh-CN.js';

const SRC = fileURLToPath(new URL('../../../console/src/', import.meta.url));
const sources = (dir = SRC): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
/** View code: everything that renders, i.e. all but the message files themselves. */
const viewFiles = sources().filter((file) => !file.includes(`${join('src', 'i18n')}`));
const relative = (file: string) => file.slice(SRC.length);

/** Attributes a person reads or hears. */
const READ_ATTRIBUTES = new Set(['title', 'aria-label', 'placeholder', 'alt', 'aria-description', 'label']);
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
const LETTERS = /\p{L}/u;

/**
 * User-visible string literals outside the message files: text children of `h(tag, attrs, …)`,
 * read attributes (title, aria-label, placeholder, alt), and any CJK text anywhere.
 */
export const strayLiterals = (file: string, text: string): string[] => {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const literalText = (node: ts.Node): string | undefined =>
    ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('') : undefined;
  const visit = (node: ts.Node): void => {
    const value = literalText(node);
    if (value !== undefined && CJK.test(value)) found.push(`${relative(file)}: "${value}"`);
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'h') {
      for (const child of node.arguments.slice(2)) {
        const childText = literalText(child);
        if (childText !== undefined && LETTERS.test(childText)) found.push(`${relative(file)}: child "${childText}"`);
      }
      const attrs = node.arguments[1];
      if (attrs && ts.isObjectLiteralExpression(attrs)) {
        for (const prop of attrs.properties) {
          if (!ts.isPropertyAssignment(prop)) continue;
          const name = ts.isStringLiteral(prop.name) || ts.isIdentifier(prop.name) ? prop.name.text : '';
          const attrText = literalText(prop.initializer);
          if (READ_ATTRIBUTES.has(name) && attrText !== undefined && LETTERS.test(attrText)) found.push(`${relative(file)}: ${name}="${attrText}"`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
};

describe('risk console messages', () => {
  it('has every message key in both languages, none empty, placeholders alike', () => {
    // Prepare
    const keys = Object.keys(en).sort();
    // Assess
    expect(Object.keys(zhCN).sort()).toEqual(keys);
    for (const key of keys) {
      const english = en[key as keyof typeof en];
      const chinese = zhCN[key as keyof typeof en];
      expect(english.trim(), key).not.toBe('');
      expect(chinese.trim(), key).not.toBe('');
      expect([...chinese.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort(), key).toEqual([...english.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
    }
  });

  it('keeps the glossary terms in the Chinese texts that name them (one word per concept)', () => {
    // A Chinese message about limits says 授信额度, about PD 违约概率: never a synonym.
    const synonyms: Array<[RegExp, string]> = [[/信用额度|信贷额度/, '授信额度'], [/违约率|违约可能性/, '违约概率'], [/告警|警报/, '预警'], [/冻结额度/, '冻结授信额度']];
    for (const [key, text] of Object.entries(zhCN)) for (const [wrong, right] of synonyms) expect(wrong.test(text), `${key}: use ${right}`).toBe(false);
    expect(zhCN['term.limit']).toBe('授信额度');
    expect(zhCN['term.pd']).toBe('违约概率');
    expect(zhCN['term.alert']).toBe('预警');
    expect(zhCN['term.frozen']).toBe('冻结');
    expect(zhCN['term.rating']).toBe('评级');
  });

  it('finds no user-visible string literal in view code outside the message files', () => {
    expect(viewFiles.length).toBeGreaterThan(8);
    expect(viewFiles.flatMap((file) => strayLiterals(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('catches a stray literal (the check itself can fail)', () => {
    expect(strayLiterals(join(SRC, 'x.ts'), "h('p', {}, 'No customers'); h('input', { placeholder: 'name' }); const x = '客户';")).toHaveLength(3);
    expect(strayLiterals(join(SRC, 'x.ts'), "h('p', { class: 'muted' }, t('portfolio.empty'), ' ', '—')")).toEqual([]);
  });
});

describe('risk console security rules (its own sources only)', () => {
  const code = sources().map((file) => [relative(file), readFileSync(file, 'utf8')] as const);

  it('never renders markup from strings (no innerHTML, document.write, eval)', () => {
    for (const [file, text] of code) expect(text, file).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\(\s*['"]style/);
  });

  it('keeps credentials out of persistent storage: localStorage holds the language preference only, no cookies', () => {
    for (const [file, text] of code) {
      expect(text, file).not.toMatch(/document\.cookie/);
      const uses = [...text.matchAll(/localStorage\.(\w+)\(\s*([\w.'"]+)/g)].map((m) => m[2]);
      for (const key of uses) expect(key, `${file}: localStorage.${key}`).toBe('PREFERENCE');
    }
    const i18n = code.find(([file]) => file.endsWith('i18n.ts'))![1];
    expect(i18n).toMatch(/const PREFERENCE = 'riskbridge\.lang';/);
    const session = code.find(([file]) => file.endsWith('session.ts'))![1];
    expect(session).not.toMatch(/localStorage\./);
    expect(session).toMatch(/sessionStorage\.setItem\(BEARER/);
  });
});

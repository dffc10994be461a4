import { readFileSync } from 'node:fs';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../packages/rb/src/program.js';

const leaves = (command: CommandUnknownOpts, path: string[] = []): Array<{ path: string; options: string[] }> =>
  command.commands.length === 0
    ? [{ path: path.join(' '), options: command.options.map((o) => o.long ?? o.flags) }]
    : command.commands.flatMap((sub) => leaves(sub, [...path, sub.name()]));

describe('docs/cli.md', () => {
  it('documents every rb subcommand and each of its options', () => {
    const doc = readFileSync('docs/cli.md', 'utf8');
    const commands = leaves(buildProgram());
    expect(commands.map((c) => c.path)).toContain('audit verify');
    for (const { path, options } of commands) {
      const section = doc.split(/^### /m).find((s) => s.startsWith(`\`rb ${path}`));
      expect(section, `section for rb ${path}`).toBeDefined();
      for (const option of options) expect(section, `rb ${path} ${option}`).toContain(option);
    }
  });
});

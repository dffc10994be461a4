import { Command, CommanderError, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { commands } from './commands/index.js';

/** Exit codes: success, a failure at run time (file, hub, data), a usage error (flag, argument, value). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A command line `rb` cannot run; `message` is the one line to show. */
class UsageError extends Error {
  readonly code = 'usage';
}

const commandPath = (command: CommandUnknownOpts): string => (command.parent ? `${commandPath(command.parent)} ${command.name()}` : command.name());

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

interface Issue {
  path?: unknown;
  message?: unknown;
}

/** An error as one line: its message, plus the failing paths of a validation error. */
const describeError = (error: unknown): string => {
  if (!(error instanceof Error)) return oneLine(String(error));
  const issues: unknown = (error as { issues?: unknown }).issues;
  if (!Array.isArray(issues) || issues.length === 0) return oneLine(error.message);
  const listed = (issues as Issue[]).map((i) => `${Array.isArray(i.path) ? i.path.join('.') : String(i.path ?? '')}: ${String(i.message ?? '')}`).join('; ');
  return oneLine(`${error.name === 'ZodError' ? 'invalid data' : error.message} (${listed})`);
};

/**
 * Every command reports its own usage errors (unknown option, missing argument, bad value) as one
 * line naming the command, instead of commander's message and exit code 1.
 */
const reportUsageErrors = (command: CommandUnknownOpts): void => {
  const path = commandPath(command);
  command.exitOverride((error) => {
    if (error.exitCode === 0) throw error; // --help
    // commander.help: a command with subcommands was called without one; its help is already on stderr.
    if (error.code === 'commander.help') throw new UsageError('');
    // commander checks required options before unknown ones; a mistyped `--inptu` is the better hint.
    const unknownFlag = error.code === 'commander.missingMandatoryOptionValue' ? command.args.find((a) => a.length > 1 && a.startsWith('-')) : undefined;
    const message = unknownFlag ? `unknown option '${unknownFlag}'` : oneLine(error.message.replace(/^error: /, ''));
    throw new UsageError(`${path}: ${message} (see ${path} --help)`);
  });
  for (const sub of command.commands) reportUsageErrors(sub);
};

/** The `rb` program with every subcommand of `commands/` registered. */
export const buildProgram = (): Command => {
  const program = new Command('rb')
    .description('RiskBridge command line: train policies, import files, run handlers and inspect the local stack, manage keys, verify the audit chain.')
    .configureOutput({ outputError: () => undefined })
    .showSuggestionAfterError(true)
    .addHelpText('after', '\nExit codes: 0 done, 1 failed (file, hub or data), 2 usage error (flag or argument).\nSee docs/cli.md.');
  for (const register of commands) register(program);
  reportUsageErrors(program);
  return program;
};

/**
 * Runs `rb` with `args` (what follows `rb` on the command line) and resolves with the exit code.
 * Usage errors and failures are written to stderr as exactly one line, never a stack trace.
 */
export const run = async (args: readonly string[]): Promise<number> => {
  const program = buildProgram();
  let current: CommandUnknownOpts = program;
  program.hook('preAction', (_program, action) => {
    current = action;
  });
  try {
    await program.parseAsync([...args], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError && error.exitCode === 0) return EXIT.ok;
    if (error instanceof UsageError) {
      if (error.message) process.stderr.write(`${error.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`${commandPath(current)}: ${describeError(error)}\n`);
    return EXIT.failed;
  }
};

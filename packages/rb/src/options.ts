/**
 * Option value parsers and shared options. Only commander here: the subcommands load everything
 * else when they run, so `rb --help` and usage errors stay fast.
 */
import { InvalidArgumentError, Option } from '@commander-js/extra-typings';

/** Option value parser: any finite number. */
export const number = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('Not a number.');
  return n;
};

/** Option value parser: an integer ≥ 1. */
export const positiveInteger = (value: string): number => {
  const n = number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('Not a positive integer.');
  return n;
};

/** Option value parser: comma-separated names, trimmed, empty entries dropped. */
export const commaList = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `--url`, also read from RB_URL. */
export const hubUrlOption = () =>
  new Option('--url <url>', 'hub base URL (default: the hub `npm start` runs, from .local/hub.json, else http://127.0.0.1:3000)').env('RB_URL');

/** `--key`, also read from RB_KEY; required. Prefer RB_KEY: a flag shows in the process list and shell history. */
export const hubKeyOption = (description: string) => new Option('--key <key>', description).env('RB_KEY').makeOptionMandatory();

/**
 * `--idempotency-key`: the Idempotency-Key of the command's creating POSTs (default: a fresh UUID
 * per invocation). Rerun a command that may have half-succeeded with the same value to replay its
 * steps instead of repeating them.
 */
export const idempotencyKeyOption = () =>
  new Option('--idempotency-key <key>', 'Idempotency-Key of the POSTs that create (default: a new UUID per run; the n-th POST after the first sends <key>.<n>)').argParser((value) => {
    if (!/^[\x20-\x7e]{1,240}$/.test(value)) throw new InvalidArgumentError('1 to 240 printable ASCII characters.');
    return value;
  });

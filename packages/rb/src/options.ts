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

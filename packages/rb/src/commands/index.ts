import type { Command } from '@commander-js/extra-typings';
import { auditCommand } from './audit.js';
import { benchCommand } from './bench.js';
import { crmCommand } from './crm.js';
import { importCommand } from './import.js';
import { invokeCommand } from './invoke.js';
import { keysCommand } from './keys.js';
import { metro2Command } from './metro2.js';
import { loginCommand } from './login.js';
import { queueCommand } from './queue.js';
import { scoreCommand } from './score.js';
import { trainCommand } from './train.js';

/** Adds one subcommand (with its options, help and action) to the `rb` program. */
export type RegisterCommand = (program: Command) => void;

/** Every `rb` subcommand, in the order `rb --help` lists them. A new subcommand is one file here plus one entry. */
export const commands: readonly RegisterCommand[] = [trainCommand, scoreCommand, importCommand, metro2Command, invokeCommand, queueCommand, keysCommand, crmCommand, loginCommand, auditCommand, benchCommand];

import type { ParseArgsConfig } from 'node:util';
import type { CliContext } from './context';

/** A command's parsed flags, by name. */
export type CommandValues = Record<string, string | boolean | string[] | undefined>;

/** One `postdeck` command: the table in commands.ts, the help text and shell completion are all made from these. */
export interface Command {
  /** The words that name it: ['posts', 'create']. */
  name: string[];
  summary: string;
  usage: string;
  example: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** How many positionals it takes: [min, max]. */
  positionals: [number, number];
  run(context: CliContext, values: CommandValues, positionals: string[]): Promise<void>;
}

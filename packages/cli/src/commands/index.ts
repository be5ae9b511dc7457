import type { Command } from 'commander';
import type { CliContext } from '../cli-io.js';
import { registerUpCommand } from './up-command.js';
import { registerVersionCommand } from './version-command.js';

/** Registers one top-level subcommand (and its own subcommands) on the program. */
export type CommandRegistrar = (program: Command, ctx: CliContext) => void;

/**
 * Every `bulwark` subcommand, one file each. The key is the command name as
 * typed; help lists them in this order.
 */
export const commands = {
  up: registerUpCommand,
  version: registerVersionCommand,
} satisfies Record<string, CommandRegistrar>;

export type CommandName = keyof typeof commands;

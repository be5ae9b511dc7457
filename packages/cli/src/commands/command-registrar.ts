import type { Command } from 'commander';
import type { CliContext } from '../cli-io.js';

/** Registers one subcommand (and its own subcommands) on a parent command. */
export type CommandRegistrar = (parent: Command, ctx: CliContext) => void;

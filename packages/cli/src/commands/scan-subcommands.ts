import type { CommandRegistrar } from './command-registrar.js';

/** `bulwark scan <kind>` subcommands by name, one file each. */
export const scanSubcommands = {} satisfies Record<string, CommandRegistrar>;

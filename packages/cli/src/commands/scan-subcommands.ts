import type { CommandRegistrar } from './command-registrar.js';
import { registerScanModelCommand } from './scan-model-command.js';

/** `bulwark scan <kind>` subcommands by name, one file each. */
export const scanSubcommands = {
  model: registerScanModelCommand,
} satisfies Record<string, CommandRegistrar>;

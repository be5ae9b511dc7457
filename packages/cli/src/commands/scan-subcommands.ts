import type { CommandRegistrar } from './command-registrar.js';
import { registerScanCodeCommand } from './scan-code-command.js';
import { registerScanInventoryCommand } from './scan-inventory-command.js';
import { registerScanModelCommand } from './scan-model-command.js';
import { registerScanSecretsCommand } from './scan-secrets-command.js';

/** `bulwark scan <kind>` subcommands by name, one file each. */
export const scanSubcommands = {
  code: registerScanCodeCommand,
  secrets: registerScanSecretsCommand,
  inventory: registerScanInventoryCommand,
  model: registerScanModelCommand,
} satisfies Record<string, CommandRegistrar>;

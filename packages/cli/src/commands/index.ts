import type { CommandRegistrar } from './command-registrar.js';
import { registerApprovalsCommand } from './approvals-command.js';
import { registerAuditCommand } from './audit-command.js';
import { registerGatewayCommand } from './gateway-command.js';
import { registerKeysCommand } from './keys-command.js';
import { registerScanCommand } from './scan-command.js';
import { registerUpCommand } from './up-command.js';
import { registerVersionCommand } from './version-command.js';

export type { CommandRegistrar } from './command-registrar.js';

/**
 * Every `bulwark` subcommand, one file each. The key is the command name as
 * typed; help lists them in this order.
 */
export const commands = {
  approvals: registerApprovalsCommand,
  audit: registerAuditCommand,
  gateway: registerGatewayCommand,
  keys: registerKeysCommand,
  scan: registerScanCommand,
  up: registerUpCommand,
  version: registerVersionCommand,
} satisfies Record<string, CommandRegistrar>;

export type CommandName = keyof typeof commands;

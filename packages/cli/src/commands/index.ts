import { registerApprovalsCommand } from './approvals-command.js';
import { registerAuditCommand } from './audit-command.js';
import { registerBomCommand } from './bom-command.js';
import type { CommandRegistrar } from './command-registrar.js';
import { registerDetectCommand } from './detect-command.js';
import { registerGatewayCommand } from './gateway-command.js';
import { registerKeysCommand } from './keys-command.js';
import { registerReportCommand } from './report-command.js';
import { registerScanCommand } from './scan-command.js';
import { registerSignCommand } from './sign-command.js';
import { registerUpCommand } from './up-command.js';
import { registerVerifyCommand } from './verify-command.js';
import { registerVersionCommand } from './version-command.js';

export type { CommandRegistrar } from './command-registrar.js';

/**
 * Every `bulwark` subcommand, one file each. The key is the command name as
 * typed; help lists them in this order.
 */
export const commands = {
  up: registerUpCommand,
  scan: registerScanCommand,
  detect: registerDetectCommand,
  gateway: registerGatewayCommand,
  keys: registerKeysCommand,
  approvals: registerApprovalsCommand,
  audit: registerAuditCommand,
  sign: registerSignCommand,
  verify: registerVerifyCommand,
  bom: registerBomCommand,
  report: registerReportCommand,
  version: registerVersionCommand,
} satisfies Record<string, CommandRegistrar>;

export type CommandName = keyof typeof commands;

import type { Command } from 'commander';
import type { CliContext } from '../cli-io.js';
import type { CommandRegistrar } from './command-registrar.js';
import { scanSubcommands } from './scan-subcommands.js';

/**
 * `bulwark scan`: static scanners over a repository or artifacts. Each kind
 * of scan is a subcommand in its own file, listed in `scan-subcommands.ts`.
 */
export function registerScanCommand(program: Command, ctx: CliContext): void {
  const scan = program
    .command('scan')
    .description('scan code, configs, secrets and model files for AI security issues')
    .addHelpText('after', '\nExamples:\n  $ bulwark scan --help');
  for (const register of Object.values(scanSubcommands) as CommandRegistrar[]) register(scan, ctx);
}

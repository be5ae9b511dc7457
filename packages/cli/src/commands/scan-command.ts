import type { Command } from 'commander';
import { SCANNER_NAMES } from '@bulwark/scan';
import type { CliContext } from '../cli-io.js';
import type { CommandRegistrar } from './command-registrar.js';
import { addRepoScanFlags, runRepoScan, type RepoScanFlags } from './repo-scan.js';
import { scanSubcommands } from './scan-subcommands.js';

/**
 * `bulwark scan [PATH]` runs every registered scanner that applies and
 * reports once; `bulwark scan <kind> PATH` runs one kind. Each kind is a
 * subcommand in its own file, listed in `scan-subcommands.ts`; commander
 * dispatches to a subcommand when the first argument names one, otherwise
 * the argument is the PATH of the default action.
 */
export function registerScanCommand(program: Command, ctx: CliContext): void {
  const scan = program
    .command('scan')
    .description('scan code, configs, secrets and model files for AI security issues')
    .argument('[path]', 'directory to scan with every scanner', '.')
    .addHelpText(
      'after',
      `\nScanners run by default: ${SCANNER_NAMES.join(', ')}.\n\nExamples:\n  $ bulwark scan .\n  $ bulwark scan . --format sarif --output bulwark.sarif --fail-on high\n  $ bulwark scan . --changed-since origin/main --baseline bulwark-baseline.json\n  $ bulwark scan code src`,
    );
  addRepoScanFlags(scan, true).action(async (path: string, flags: RepoScanFlags) => {
    await runRepoScan('scan', SCANNER_NAMES, path, flags, ctx);
  });
  for (const register of Object.values(scanSubcommands) as CommandRegistrar[]) register(scan, ctx);
  for (const sub of scan.commands) {
    sub
      .exitOverride()
      .configureOutput({
        writeOut: (text) => ctx.io.stdout.write(text),
        writeErr: () => undefined,
      });
  }
}

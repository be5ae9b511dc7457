import type { Command } from 'commander';
import { SCANNER_NAMES } from '@bulwark/scan';
import type { CliContext } from '../cli-io.js';
import type { CommandRegistrar } from './command-registrar.js';
import { addRepoScanFlags, runRepoScan, type RepoScanFlags } from './repo-scan.js';
import { scanSubcommands } from './scan-subcommands.js';

/**
 * `bulwark scan [PATH]` runs every registered scanner that applies and
 * reports once; `bulwark scan <kind> PATH` runs one kind. Each kind is a
 * subcommand in its own file, listed in `scan-subcommands.ts`. The default
 * action is the `all` subcommand, marked default: commander dispatches to a
 * named subcommand when the first argument is one, and to `all` otherwise, so
 * every subcommand owns its flags (`scan code . --format json` reaches `code`).
 */
export function registerScanCommand(program: Command, ctx: CliContext): void {
  const scan = program
    .command('scan')
    .usage('[PATH] [options] | <kind> [PATH] [options]')
    .description('scan code, configs, secrets and model files for AI security issues')
    .addHelpText(
      'after',
      `\nWith no kind, every scanner runs: ${SCANNER_NAMES.join(', ')}.\n\nExamples:\n  $ bulwark scan .\n  $ bulwark scan . --format sarif --output bulwark.sarif --fail-on high\n  $ bulwark scan . --changed-since origin/main --baseline bulwark-baseline.json\n  $ bulwark scan code src`,
    );
  const all = scan
    .command('all', { isDefault: true })
    .description(
      `run every scanner (${SCANNER_NAMES.join(', ')}); the default when no kind is given`,
    )
    .argument('[path]', 'directory to scan', '.');
  addRepoScanFlags(all, true).action(async (path: string, flags: RepoScanFlags) => {
    await runRepoScan('scan', SCANNER_NAMES, path, flags, ctx);
  });
  for (const register of Object.values(scanSubcommands) as CommandRegistrar[]) register(scan, ctx);
  for (const sub of scan.commands) {
    sub.exitOverride().configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: () => undefined,
    });
  }
}

import type { Command } from 'commander';
import type { CliContext } from '../cli-io.js';
import { addRepoScanFlags, runRepoScan, type RepoScanFlags } from './repo-scan.js';

/** `bulwark scan secrets [PATH]`: secrets in files and, with --history, in every commit. */
export function registerScanSecretsCommand(parent: Command, ctx: CliContext): void {
  const command = parent
    .command('secrets')
    .description('secrets in repository files and (with --history) in git history')
    .argument('[path]', 'directory to scan', '.')
    .addHelpText(
      'after',
      '\nExamples:\n  $ bulwark scan secrets .\n  $ bulwark scan secrets . --history --format json',
    );
  addRepoScanFlags(command, true).action(async (path: string, flags: RepoScanFlags) => {
    await runRepoScan('scan secrets', ['secrets'], path, flags, ctx);
  });
}

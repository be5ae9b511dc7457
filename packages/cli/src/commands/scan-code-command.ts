import type { Command } from 'commander';
import type { CliContext } from '../cli-io.js';
import { addRepoScanFlags, runRepoScan, type RepoScanFlags } from './repo-scan.js';

/** `bulwark scan code [PATH]`: AI code rules (TypeScript/JavaScript, Python) and AI config rules. */
export function registerScanCodeCommand(parent: Command, ctx: CliContext): void {
  const command = parent
    .command('code')
    .description('AI code rules for TypeScript/JavaScript and Python, plus MCP/agent config rules')
    .argument('[path]', 'directory to scan', '.')
    .addHelpText(
      'after',
      '\nExamples:\n  $ bulwark scan code .\n  $ bulwark scan code src --format sarif --output bulwark.sarif\n  $ bulwark scan code . --changed-since origin/main --baseline bulwark-baseline.json',
    );
  addRepoScanFlags(command, false).action(async (path: string, flags: RepoScanFlags) => {
    await runRepoScan('scan code', ['code', 'configs'], path, flags, ctx);
  });
}

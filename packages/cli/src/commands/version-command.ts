import { Option, type Command } from 'commander';
import type { CliContext } from '../cli-io.js';
import { BULWARK_VERSION } from '../version.js';

/** `bulwark version`: prints the version, and with --format json the runtime too. */
export function registerVersionCommand(program: Command, ctx: CliContext): void {
  program
    .command('version')
    .description('print the bulwark version')
    .addOption(
      new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'),
    )
    .addHelpText('after', '\nExamples:\n  $ bulwark version\n  $ bulwark version --format json')
    .action((options: { format: string }) => {
      if (options.format === 'json') {
        ctx.io.stdout.write(
          `${JSON.stringify({ version: BULWARK_VERSION, node: process.version })}\n`,
        );
      } else {
        ctx.io.stdout.write(`bulwark ${BULWARK_VERSION}\n`);
      }
    });
}

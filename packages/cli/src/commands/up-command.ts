import type { Command } from 'commander';
import type { CliContext } from '../cli-io.js';

/**
 * `bulwark up`: runs the platform on its embedded defaults. Until the gateway
 * package lands it says so plainly and prints the commands that do exist.
 */
export function registerUpCommand(program: Command, ctx: CliContext): void {
  program
    .command('up')
    .description('run the Bulwark platform on embedded defaults (what `npm start` runs)')
    .addHelpText('after', '\nExamples:\n  $ bulwark up\n  $ npm start')
    .action(() => {
      ctx.io.stdout.write(program.helpInformation());
      ctx.io.stdout.write(
        '\nbulwark up: the gateway is not yet built in this version; the commands above are available.\n',
      );
    });
}

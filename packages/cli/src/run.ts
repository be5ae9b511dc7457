import { Command, CommanderError } from 'commander';
import { BulwarkError, EXIT_CODES, exitCodeFor, isBulwarkError } from '@bulwark/core';
import { createContext, type CliIo } from './cli-io.js';
import { commands } from './commands/index.js';
import { BULWARK_VERSION } from './version.js';

function buildProgram(ctx: ReturnType<typeof createContext>): Command {
  const program = new Command('bulwark');
  program
    .description('Bulwark: find, prove, block and fix security issues in AI applications.')
    .version(BULWARK_VERSION, '-v, --version', 'print the version')
    .option('--debug', 'print stack traces for errors')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      // Commander's own messages are routed through our error printer.
      writeErr: () => undefined,
    })
    .addHelpText(
      'after',
      `
Exit codes: 0 no findings at/above --fail-on, 1 findings at/above it,
            2 usage or input error, 3 internal error.

Examples:
  $ bulwark version
  $ bulwark <command> --help`,
    );
  for (const register of Object.values(commands)) register(program, ctx);
  // Subcommands inherit the same error handling and output routing.
  for (const sub of program.commands) {
    sub.exitOverride().configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: () => undefined,
    });
  }
  return program;
}

/**
 * Runs the CLI with `argv` (without the node and script paths) and returns the
 * exit code. Never throws: every failure becomes one clear line on stderr,
 * with a stack trace only under --debug.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx = createContext(io);
  const debug = argv.includes('--debug');
  const program = buildProgram(ctx);
  try {
    if (argv.length === 0) {
      io.stdout.write(program.helpInformation());
      return EXIT_CODES.ok;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    return reportError(error, io, debug);
  }
}

function reportError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version requests end through exitOverride with code 0.
    if (error.exitCode === 0) return EXIT_CODES.ok;
    const message = error.message.replace(/^error:\s*/, '');
    io.stderr.write(`bulwark: error: ${message}\n(run "bulwark --help" for usage)\n`);
    return EXIT_CODES.usage;
  }
  if (isBulwarkError(error)) {
    io.stderr.write(`bulwark: error: ${error.describe()}\n`);
    if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
    return exitCodeFor(error);
  }
  const internal = new BulwarkError('INTERNAL', 'Internal error', { cause: error });
  const detail = error instanceof Error ? error.message : String(error);
  io.stderr.write(
    `bulwark: internal error: ${detail}\n(re-run with --debug for a stack trace and report it)\n`,
  );
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return exitCodeFor(internal);
}

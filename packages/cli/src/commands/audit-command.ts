import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { BulwarkError, EXIT_CODES } from '@bulwark/core';
import { verifyAuditLog } from '@bulwark/gateway';
import type { CliContext } from '../cli-io.js';

/** `bulwark audit verify FILE`: checks the hash chain; exit 1 naming the first bad record. */
export function registerAuditCommand(program: Command, ctx: CliContext): void {
  const audit = program.command('audit').description('work with the gateway audit log');
  audit
    .command('verify <file>')
    .description('verify the hash chain of an audit log (detects edits, deletions, reordering)')
    .addOption(
      new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'),
    )
    .addHelpText('after', '\nExamples:\n  $ bulwark audit verify .bulwark/audit.jsonl')
    .action((file: string, flags: { format: string }) => {
      const path = resolve(ctx.io.cwd, file);
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        throw new BulwarkError('FILE_UNREADABLE', `Cannot read audit log ${path}`, {
          cause: error,
        });
      }
      const result = verifyAuditLog(text);
      if (flags.format === 'json') ctx.io.stdout.write(`${JSON.stringify(result)}\n`);
      else if (result.ok)
        ctx.io.stdout.write(
          `OK: ${result.records} records, chain intact; last hash ${result.lastHash}\n`,
        );
      else {
        const seq = result.seq !== undefined ? ` (seq ${result.seq})` : '';
        ctx.io.stdout.write(
          `FAILED at line ${result.line}${seq}: ${result.reason}; ${result.records} records before it verify\n`,
        );
      }
      if (!result.ok) ctx.exitCode = EXIT_CODES.findings;
    });
}

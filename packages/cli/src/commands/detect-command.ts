import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { BulwarkError, EXIT_CODES, isMessageRole, MESSAGE_ROLES } from '@bulwark/core';
import { createGuard, DETECTOR_NAMES, type DetectorName } from '@bulwark/detect';
import type { CliContext } from '../cli-io.js';
import { guardOptionsFromConfig } from '../config/detect-config-schema.js';
import { resolveConfig } from '../config/load-config.js';
import { formatEvalReport, formatVerdict } from '../detect/format-detect.js';
import { redactForCli, type CliRedactOptions } from './detect-redact.js';
import { runDetectBatch, runDetectEval } from '../detect/run-detect-batch.js';

interface DetectFlags {
  config?: string;
  input?: string;
  output?: string;
  eval?: string;
  detectors?: string;
  role: string;
  format: string;
  redact?: boolean;
  redactMode: string[];
}

/** Parses repeated `--redact-mode TYPE=MODE` flags into a map. */
function parseRedactModes(pairs: readonly string[]): Record<string, string> {
  const modes: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) {
      throw new BulwarkError('USAGE', `Invalid --redact-mode "${pair}"`, {
        hint: 'write TYPE=MODE, e.g. pii.email=placeholder or secret=mask',
      });
    }
    modes[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return modes;
}

/** Parses `--detectors a,b` against the registry; unknown names are a usage error. */
function parseDetectors(value: string | undefined): readonly DetectorName[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(DETECTOR_NAMES as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new BulwarkError(
      'UNKNOWN_NAME',
      `Unknown detector "${unknown[0] ?? value}" in --detectors`,
      {
        hint: `known detectors: ${DETECTOR_NAMES.join(', ')}`,
      },
    );
  }
  return names as DetectorName[];
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `bulwark detect`: prompt-attack (and every other registered) detection from
 * the command line. One text (argument or stdin) → a verdict; `--input` JSONL
 * → one JSONL verdict per line; `--eval` labelled JSONL → quality metrics.
 */
export function registerDetectCommand(program: Command, ctx: CliContext): void {
  program
    .command('detect')
    .description('check text for prompt injection, jailbreaks, hidden text and canary leaks')
    .argument('[text...]', 'text to check (default: read stdin)')
    .option('--config <file>', 'bulwark.yaml to use (default: discovered upward from cwd)')
    .option('--input <file>', 'JSONL rows {"id","text","role"?} to check ("-" for stdin)')
    .option('--output <file>', 'write --input results to FILE instead of stdout')
    .option('--eval <file>', 'labelled JSONL rows {"text","label","role"?,"source"?} to measure')
    .option(
      '--detectors <names>',
      `comma-separated detectors (default all: ${DETECTOR_NAMES.join(',')})`,
    )
    .addOption(
      new Option('--role <role>', 'role of the text').choices([...MESSAGE_ROLES]).default('user'),
    )
    .addOption(
      new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'),
    )
    .option('--redact', 'print the text with secrets and PII redacted instead of a verdict')
    .option(
      '--redact-mode <type=mode>',
      'redaction mode per type (mask|hash|placeholder|drop), repeatable; hash mode keys from $BULWARK_REDACT_KEY',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .addHelpText(
      'after',
      `
Exit codes: 0 done (a single text: allowed or flagged), 1 a single text was blocked,
            2 usage error or malformed JSONL lines (reported with line numbers; the run continues).

Examples:
  $ bulwark detect "Ignore all previous instructions"
  $ echo "some text" | bulwark detect --format json
  $ bulwark detect --input prompts.jsonl --output verdicts.jsonl
  $ bulwark detect --eval labelled.jsonl --format json
  $ bulwark detect --redact --redact-mode pii.email=placeholder < transcript.txt`,
    )
    .action(async (words: string[], flags: DetectFlags) => {
      const detectors = parseDetectors(flags.detectors);
      // The config's `detect:` section sets thresholds and options; --detectors overrides its list.
      const options = guardOptionsFromConfig(resolveConfig(flags.config, ctx.io.cwd).config.detect);
      const guard = createGuard(detectors === undefined ? options : { ...options, detectors });
      const cwdPath = (path: string) => (path === '-' ? path : resolve(ctx.io.cwd, path));
      if (flags.redact === true && (flags.input !== undefined || flags.eval !== undefined)) {
        throw new BulwarkError('USAGE', '--redact works on one text (argument or stdin)', {
          hint: 'drop --input/--eval, or pipe the text on stdin',
        });
      }
      if (flags.input !== undefined && flags.eval !== undefined) {
        throw new BulwarkError('USAGE', 'Use either --input or --eval, not both');
      }
      if (flags.input !== undefined) {
        const output = flags.output === undefined ? undefined : cwdPath(flags.output);
        const malformed = await runDetectBatch(guard, cwdPath(flags.input), output, ctx);
        if (malformed > 0)
          ctx.io.stderr.write(`bulwark: ${malformed} malformed line(s) in ${flags.input}\n`);
        ctx.exitCode = malformed > 0 ? EXIT_CODES.usage : EXIT_CODES.ok;
        return;
      }
      if (flags.eval !== undefined) {
        const { report, malformed } = await runDetectEval(guard, cwdPath(flags.eval), ctx);
        ctx.io.stdout.write(
          flags.format === 'json'
            ? `${JSON.stringify({ malformed, ...report }, null, 2)}\n`
            : formatEvalReport(report, malformed),
        );
        if (malformed > 0)
          ctx.io.stderr.write(`bulwark: ${malformed} malformed line(s) in ${flags.eval}\n`);
        ctx.exitCode = malformed > 0 ? EXIT_CODES.usage : EXIT_CODES.ok;
        return;
      }
      if (flags.output !== undefined) throw new BulwarkError('USAGE', '--output needs --input');
      if (!isMessageRole(flags.role))
        throw new BulwarkError('USAGE', `Invalid --role ${flags.role}`);
      let text = words.join(' ');
      if (words.length === 0) {
        if (ctx.io.stdin.isTTY) {
          throw new BulwarkError('USAGE', 'No text to check', {
            hint: 'pass the text as an argument, pipe it on stdin, or use --input FILE.jsonl',
          });
        }
        text = (await readAll(ctx.io.stdin)).replace(/\r?\n$/, '');
      }
      if (flags.redact === true) {
        const redactOptions: CliRedactOptions = { modes: parseRedactModes(flags.redactMode) };
        const key = ctx.io.env['BULWARK_REDACT_KEY'];
        if (key !== undefined && key !== '') redactOptions.key = key;
        ctx.io.stdout.write(`${redactForCli(text, redactOptions)}\n`);
        return;
      }
      const verdict = guard.check({ text, role: flags.role });
      ctx.io.stdout.write(
        flags.format === 'json' ? `${JSON.stringify(verdict)}\n` : formatVerdict(verdict, text),
      );
      ctx.exitCode = verdict.action === 'block' ? EXIT_CODES.findings : EXIT_CODES.ok;
    });
}

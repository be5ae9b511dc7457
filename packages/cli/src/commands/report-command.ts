import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  BulwarkError,
  MAX_JSON_REPORT_CHARS,
  readJsonReport,
  type Issue,
  type ScanReport,
} from '@bulwark/core';
import type { CliContext } from '../cli-io.js';
import {
  addReportFlags,
  emitReport,
  resolveReportSettings,
  type RawReportFlags,
} from '../output/report-options.js';

/** Largest input file accepted, in bytes; UTF-8 text is never shorter in bytes than in characters. */
const MAX_INPUT_BYTES = MAX_JSON_REPORT_CHARS;

function tooLarge(label: string): BulwarkError {
  return new BulwarkError('INPUT_TOO_LARGE', `${label} is larger than ${MAX_INPUT_BYTES} bytes`);
}

async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) throw tooLarge('standard input');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function readFile(path: string, label: string): string {
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) {
      throw new BulwarkError('FILE_UNREADABLE', `${label} is not a file`, {
        hint: 'pass the JSON report written with --format json',
      });
    }
    size = stats.size;
  } catch (error) {
    if (error instanceof BulwarkError) throw error;
    throw new BulwarkError('FILE_NOT_FOUND', `Input file not found: ${label}`, { cause: error });
  }
  if (size > MAX_INPUT_BYTES) throw tooLarge(label);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new BulwarkError('FILE_UNREADABLE', `Cannot read ${label}`, { cause: error });
  }
}

/** Syntax issues point into the file; shape issues keep their JSON path. */
function locate(issue: Issue, label: string): Issue {
  return issue.line === undefined ? issue : { ...issue, path: label };
}

/** Reads and validates a saved JSON report; every problem becomes one exit-2 error. */
export async function loadJsonReport(input: string, ctx: CliContext): Promise<ScanReport> {
  if (input === '-' && ctx.io.stdin.isTTY) {
    throw new BulwarkError(
      'USAGE',
      '--input - reads the report from standard input, which is a terminal',
      {
        hint: 'pipe a report in, or pass --input FILE',
      },
    );
  }
  const label = input === '-' ? 'standard input' : input;
  const text =
    input === '-' ? await readStdin(ctx.io.stdin) : readFile(resolve(ctx.io.cwd, input), label);
  const result = readJsonReport(text);
  if (result.ok) return result.value;
  throw new BulwarkError('INPUT_INVALID', `${label} is not a valid Bulwark JSON report`, {
    issues: result.issues.map((issue) => locate(issue, label)),
  });
}

/**
 * `bulwark report`: converts a JSON report saved with `--format json` into
 * another format (SARIF for code scanning, JUnit for CI test views, Markdown
 * for pull requests, a table for people) without re-running the scan.
 */
export function registerReportCommand(program: Command, ctx: CliContext): void {
  const command = program
    .command('report')
    .description('convert a saved Bulwark JSON report to SARIF, JUnit, Markdown or a table')
    .requiredOption('--input <file>', 'JSON report written with --format json ("-" reads stdin)');
  addReportFlags(command).addHelpText(
    'after',
    `
Exits 1 when the report holds an unsuppressed finding at or above --fail-on,
2 when the input is not a valid Bulwark JSON report (with the line and column
or the JSON path of each problem).

When $GITHUB_STEP_SUMMARY is set, a Markdown summary is appended to it
(disable with --no-step-summary).

Examples:
  $ bulwark report --input bulwark.json --format sarif --output bulwark.sarif
  $ bulwark report --input bulwark.json --format junit --output junit.xml --fail-on medium
  $ bulwark report --input bulwark.json --format markdown > summary.md
  $ cat bulwark.json | bulwark report --input - --fail-on critical`,
  );
  command.action(async (flags: RawReportFlags & { input: string }) => {
    const settings = resolveReportSettings(flags, ctx);
    const report = await loadJsonReport(flags.input, ctx);
    ctx.exitCode = emitReport(report, settings, ctx);
  });
}

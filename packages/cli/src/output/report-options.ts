import { appendFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import {
  BulwarkError,
  EXIT_CODES,
  MarkdownReporter,
  REPORT_FORMATS,
  SEVERITIES,
  createReporter,
  isSeverity,
  meetsThreshold,
  type ScanReport,
  type Severity,
} from '@bulwark/core';
import type { CliContext } from '../cli-io.js';
import { resolveConfig } from '../config/load-config.js';
import type { BulwarkConfig } from '../config/config-schema.js';

/** Raw values of the common flags as commander hands them over. */
export interface RawReportFlags {
  format?: string;
  output?: string;
  failOn?: string;
  config?: string;
  quiet?: boolean;
  color?: boolean;
  /** False with --no-step-summary. */
  stepSummary?: boolean;
}

/** Common output settings, resolved once and frozen. */
export interface ReportSettings {
  format: string;
  output: string | undefined;
  failOn: Severity;
  quiet: boolean;
  color: boolean;
  config: Readonly<BulwarkConfig>;
  configPath: string | undefined;
  /**
   * File to append the Markdown summary to: `$GITHUB_STEP_SUMMARY` when the
   * variable is set (GitHub Actions sets it per step), unless
   * --no-step-summary or --output already names that file.
   */
  stepSummary: string | undefined;
}

/** Adds the flags every finding-producing command shares. */
export function addReportFlags(command: Command, defaultFormat = 'table'): Command {
  return command
    .addOption(
      new Option('--format <format>', `output format (${REPORT_FORMATS.join('|')})`).default(
        undefined,
        defaultFormat,
      ),
    )
    .option('--output <file>', 'write the report to FILE instead of stdout')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above SEVERITY').default(
        undefined,
        'high',
      ),
    )
    .option('--config <file>', 'config file (default: bulwark.yaml found upward)')
    .option('--quiet', 'print nothing but the report and errors')
    .option('--no-color', 'disable colour (also NO_COLOR=1)')
    .option('--no-step-summary', 'do not append a Markdown summary to $GITHUB_STEP_SUMMARY');
}

export function resolveReportSettings(
  flags: RawReportFlags,
  ctx: CliContext,
  defaultFormat = 'table',
): Readonly<ReportSettings> {
  const loaded = resolveConfig(flags.config, ctx.io.cwd);
  const format = flags.format ?? loaded.config.output?.format ?? defaultFormat;
  createReporter(format); // validates the name with a helpful error
  const failOnRaw = flags.failOn ?? loaded.config.output?.failOn ?? 'high';
  if (!isSeverity(failOnRaw)) {
    throw new BulwarkError('USAGE', `Invalid --fail-on value "${failOnRaw}"`, {
      hint: `use one of: ${SEVERITIES.join(', ')}`,
    });
  }
  const noColorEnv = ctx.io.env['NO_COLOR'] !== undefined && ctx.io.env['NO_COLOR'] !== '';
  const output = flags.output === undefined ? undefined : resolve(ctx.io.cwd, flags.output);
  const summaryEnv = ctx.io.env['GITHUB_STEP_SUMMARY'];
  const stepSummary =
    flags.stepSummary === false || summaryEnv === undefined || summaryEnv === ''
      ? undefined
      : resolve(ctx.io.cwd, summaryEnv);
  return Object.freeze({
    format,
    output,
    failOn: failOnRaw,
    quiet: flags.quiet === true,
    // Colour only for a report that goes to a terminal: never into --output
    // files or pipes.
    color:
      flags.color !== false && !noColorEnv && output === undefined && Boolean(ctx.io.stdout.isTTY),
    config: loaded.config,
    configPath: loaded.path,
    stepSummary: stepSummary === output ? undefined : stepSummary,
  });
}

/**
 * Appends the Markdown summary to the GitHub Actions step summary. A failure
 * here is reported on stderr but does not fail the run: the report itself
 * was written.
 */
function appendStepSummary(report: ScanReport, settings: ReportSettings, ctx: CliContext): void {
  if (settings.stepSummary === undefined) return;
  const markdown = new MarkdownReporter().write(report, { failOn: settings.failOn, color: false });
  try {
    appendFileSync(settings.stepSummary, `${markdown}\n`);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
    ctx.io.stderr.write(
      `bulwark: warning: cannot append the summary to $GITHUB_STEP_SUMMARY${reason}\n`,
    );
  }
}

/**
 * Writes the report to stdout or --output, appends the Markdown summary to
 * `$GITHUB_STEP_SUMMARY` when set, and returns the exit code the run
 * deserves: 1 when an unsuppressed finding is at or above --fail-on.
 */
export function emitReport(report: ScanReport, settings: ReportSettings, ctx: CliContext): number {
  const text = createReporter(settings.format).write(report, {
    failOn: settings.failOn,
    color: settings.color,
  });
  if (settings.output === undefined) {
    ctx.io.stdout.write(text);
  } else {
    try {
      writeFileSync(settings.output, text);
    } catch (error) {
      throw new BulwarkError('FILE_UNWRITABLE', `Cannot write report to ${settings.output}`, {
        cause: error,
      });
    }
    if (!settings.quiet) ctx.io.stderr.write(`report written to ${settings.output}\n`);
  }
  appendStepSummary(report, settings, ctx);
  const failing = report.findings.some(
    (finding) => !finding.suppression && meetsThreshold(finding.severity, settings.failOn),
  );
  return failing ? EXIT_CODES.findings : EXIT_CODES.ok;
}

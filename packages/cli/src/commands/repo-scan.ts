import { appendFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { BulwarkError, createReporter, isReportFormat } from '@bulwark/core';
import {
  readBaseline,
  runScan,
  writeBaseline,
  type RunScanResult,
  type ScannerOptions,
} from '@bulwark/scan';
import type { CliContext } from '../cli-io.js';
import {
  addReportFlags,
  emitReport,
  resolveReportSettings,
  type RawReportFlags,
  type ReportSettings,
} from '../output/report-options.js';
import { BULWARK_VERSION } from '../version.js';

/** Default output format: the table reporter when this build has it. */
export const DEFAULT_SCAN_FORMAT = isReportFormat('table') ? 'table' : 'json';

/** Flags shared by `bulwark scan [PATH]` and the repository subcommands. */
export interface RepoScanFlags extends RawReportFlags {
  changedSince?: string;
  baseline?: string;
  writeBaseline?: string | boolean;
  history?: boolean;
}

export function addRepoScanFlags(command: Command, history: boolean): Command {
  addReportFlags(command, DEFAULT_SCAN_FORMAT)
    .option('--changed-since <ref>', 'scan only files changed since the git REF (e.g. origin/main)')
    .option('--baseline <file>', 'report only findings not in the baseline FILE')
    .option(
      '--write-baseline [file]',
      'write the current findings as a baseline (default: the --baseline file or bulwark-baseline.json)',
    );
  if (history)
    command.option('--history', "also scan every commit's added lines for secrets (git log -p)");
  return command;
}

function resolveRoot(path: string | undefined, ctx: CliContext): string {
  const root = resolve(ctx.io.cwd, path ?? '.');
  try {
    statSync(root);
  } catch {
    throw new BulwarkError('FILE_NOT_FOUND', `Scan path ${root} does not exist`, {
      hint: 'pass a directory, e.g. bulwark scan .',
    });
  }
  return root;
}

/** Appends the Markdown report to $GITHUB_STEP_SUMMARY inside GitHub Actions, when this build has a Markdown reporter. */
function writeStepSummary(result: RunScanResult, settings: ReportSettings, ctx: CliContext): void {
  const file = ctx.io.env['GITHUB_STEP_SUMMARY'];
  if (
    ctx.io.env['GITHUB_ACTIONS'] !== 'true' ||
    file === undefined ||
    file === '' ||
    !isReportFormat('markdown')
  )
    return;
  try {
    appendFileSync(
      file,
      createReporter('markdown').write(result.report, { failOn: settings.failOn, color: false }),
    );
  } catch {
    ctx.io.stderr.write('bulwark: warning: could not write $GITHUB_STEP_SUMMARY\n');
  }
}

/** Runs the named scanners over PATH with the common flags and emits the report. */
export async function runRepoScan(
  command: string,
  scanners: readonly string[],
  path: string | undefined,
  flags: RepoScanFlags,
  ctx: CliContext,
): Promise<RunScanResult> {
  const settings = resolveReportSettings(flags, ctx, DEFAULT_SCAN_FORMAT);
  const root = resolveRoot(path, ctx);
  const scanConfig = settings.config.scan ?? {};
  const scannerOptions: ScannerOptions = {};
  const history = flags.history ?? scanConfig.history;
  if (history !== undefined) scannerOptions.history = history;
  if (scanConfig.maxFileBytes !== undefined) scannerOptions.maxFileBytes = scanConfig.maxFileBytes;
  const baselinePath = flags.baseline ?? scanConfig.baseline;
  const writing = flags.writeBaseline !== undefined && flags.writeBaseline !== false;
  const options: Parameters<typeof runScan>[0] = {
    root,
    scanners,
    command,
    tool: {
      name: 'bulwark',
      version: BULWARK_VERSION,
      informationUri: 'https://github.com/bulwark-security/bulwark',
    },
    scannerOptions,
  };
  if (scanConfig.include) options.include = scanConfig.include;
  if (scanConfig.exclude) options.exclude = scanConfig.exclude;
  if (flags.changedSince !== undefined) options.changedSince = flags.changedSince;
  if (baselinePath !== undefined && !writing)
    options.baseline = readBaseline(resolve(ctx.io.cwd, baselinePath));
  ctx.progress(`scanning ${root} (${scanners.join(', ')})`);
  const result = await runScan(options);
  if (writing) {
    const target = resolve(
      ctx.io.cwd,
      typeof flags.writeBaseline === 'string'
        ? flags.writeBaseline
        : (baselinePath ?? 'bulwark-baseline.json'),
    );
    writeBaseline(target, result.report.findings);
    if (!settings.quiet)
      ctx.io.stderr.write(
        `baseline with ${result.report.findings.filter((f) => !f.suppression).length} findings written to ${target}\n`,
      );
  }
  ctx.exitCode = emitReport(result.report, settings, ctx);
  writeStepSummary(result, settings, ctx);
  return result;
}

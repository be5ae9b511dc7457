import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import {
  BulwarkError,
  EXIT_CODES,
  REPORT_FORMATS,
  meetsThreshold,
  type ScanReport,
} from '@bulwark/core';
import {
  MODEL_RULES,
  modelFindings,
  modelScanDocument,
  scanModelArtifacts,
  type ModelScanLimits,
} from '@bulwark/scan';
import type { CliContext } from '../cli-io.js';
import {
  addReportFlags,
  emitReport,
  resolveReportSettings,
  type RawReportFlags,
} from '../output/report-options.js';
import { BULWARK_VERSION } from '../version.js';

interface ScanModelFlags extends RawReportFlags {
  hash?: boolean;
  maxDepth?: string;
  maxMemberBytes?: string;
  maxTotalBytes?: string;
  maxRatio?: string;
}

function positive(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new BulwarkError('USAGE', `Invalid ${flag} value "${value}"`, {
      hint: 'use a positive whole number',
    });
  }
  return n;
}

const DEFAULT_FORMAT = (REPORT_FORMATS as readonly string[]).includes('table') ? 'table' : 'json';

/**
 * `bulwark scan model PATH...`: static analysis of model artifacts. With
 * `--format json` it prints the per-file verdict document; other formats go
 * through the common reporters. Exit 1 on a malicious file, a finding at
 * `--fail-on`, or an inconclusive file (never reported as clean).
 */
export function registerScanModelCommand(scan: Command, ctx: CliContext): void {
  const command = scan
    .command('model')
    .description('scan model files, directories and archives for malicious content')
    .argument('<paths...>', 'model files, directories or archives')
    .option('--hash', 'also compute a SHA-256 of every file')
    .addOption(new Option('--max-depth <n>', 'container nesting limit'))
    .addOption(new Option('--max-member-bytes <n>', 'largest decompressed member held in memory'))
    .addOption(new Option('--max-total-bytes <n>', 'total decompressed bytes per file'))
    .addOption(new Option('--max-ratio <n>', 'compression ratio treated as a bomb'))
    .addHelpText(
      'after',
      '\nExamples:\n  $ bulwark scan model ./models --format json\n  $ bulwark scan model model.pt --hash',
    );
  addReportFlags(command, DEFAULT_FORMAT);
  command.action(async (paths: string[], flags: ScanModelFlags) => {
    const settings = resolveReportSettings(flags, ctx, DEFAULT_FORMAT);
    const limits: Partial<ModelScanLimits> = {};
    const depth = positive(flags.maxDepth, '--max-depth');
    const member = positive(flags.maxMemberBytes, '--max-member-bytes');
    const total = positive(flags.maxTotalBytes, '--max-total-bytes');
    const ratio = positive(flags.maxRatio, '--max-ratio');
    if (depth !== undefined) limits.maxDepth = depth;
    if (member !== undefined) limits.maxMemberBytes = member;
    if (total !== undefined) limits.maxTotalBytes = total;
    if (ratio !== undefined) limits.maxRatio = ratio;
    const startedAt = new Date();
    let result;
    try {
      result = await scanModelArtifacts(paths, {
        limits,
        hash: flags.hash === true,
        cwd: ctx.io.cwd,
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') {
        throw new BulwarkError(
          'FILE_NOT_FOUND',
          `Path not found: ${String((error as { path?: string }).path ?? paths.join(' '))}`,
          {
            hint: 'check the path to the model file or directory',
          },
        );
      }
      throw error;
    }
    const findings = modelFindings(result.files);
    const verdictExit = result.files.some(
      (f) => f.verdict === 'malicious' || f.verdict === 'inconclusive',
    )
      ? EXIT_CODES.findings
      : EXIT_CODES.ok;
    if (settings.format === 'json') {
      const document = {
        tool: { name: 'bulwark', version: BULWARK_VERSION },
        command: 'scan model',
        ...modelScanDocument(result.files),
      };
      const text = `${JSON.stringify(document, null, 2)}\n`;
      if (settings.output === undefined) ctx.io.stdout.write(text);
      else writeFileSync(settings.output, text);
      const failing = findings.some((f) => meetsThreshold(f.severity, settings.failOn));
      ctx.exitCode = Math.max(verdictExit, failing ? EXIT_CODES.findings : EXIT_CODES.ok);
      return;
    }
    const report: ScanReport = {
      tool: { name: 'bulwark', version: BULWARK_VERSION },
      command: 'scan model',
      targets: result.files.map((f) => f.path),
      rules: Object.values(MODEL_RULES),
      findings,
      notices: result.files
        .filter((f) => f.verdict === 'inconclusive')
        .map((f) => ({
          level: 'error' as const,
          message: `${f.path}: scan inconclusive`,
          path: f.path,
        })),
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
    };
    ctx.exitCode = Math.max(verdictExit, emitReport(report, settings, ctx));
  });
}

import type { ScanReport } from '../finding.js';
import type { Reporter, ReportOptions } from './reporter.js';

/**
 * Version of the JSON report layout, `major.minor`; bump the major on
 * breaking changes. The layout is described by
 * `packages/core/schemas/bulwark-report.schema.json`.
 */
export const JSON_REPORT_VERSION = '1.0';

/**
 * The JSON report: the whole run as data (tool, rules, findings, notices)
 * with a summary by severity. `readJsonReport` reads it back, so a saved
 * report can be converted to any other format later (`bulwark report`).
 */
export class JsonReporter implements Reporter {
  write(report: ScanReport, _options: ReportOptions): string {
    const bySeverity: Record<string, number> = {};
    let suppressed = 0;
    for (const finding of report.findings) {
      if (finding.suppression) {
        suppressed++;
        continue;
      }
      bySeverity[finding.severity] = (bySeverity[finding.severity] ?? 0) + 1;
    }
    const document = {
      version: JSON_REPORT_VERSION,
      tool: report.tool,
      command: report.command,
      ...(report.root === undefined ? {} : { root: report.root }),
      startedAt: report.startedAt,
      durationMs: report.durationMs,
      targets: report.targets,
      summary: {
        findings: report.findings.length - suppressed,
        suppressed,
        bySeverity,
      },
      rules: report.rules,
      findings: report.findings,
      notices: report.notices,
    };
    return `${JSON.stringify(document, null, 2)}\n`;
  }
}

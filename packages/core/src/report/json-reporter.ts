import type { ScanReport } from '../finding.js';
import type { Reporter, ReportOptions } from './reporter.js';

/** Version of the JSON report layout; bump on breaking changes. */
export const JSON_REPORT_VERSION = '1.0';

/** The JSON report: the run as data, with a summary by severity. */
export class JsonReporter implements Reporter {
  write(report: ScanReport, _options: ReportOptions): string {
    const bySeverity: Record<string, number> = {};
    for (const finding of report.findings) {
      if (finding.suppression) continue;
      bySeverity[finding.severity] = (bySeverity[finding.severity] ?? 0) + 1;
    }
    const document = {
      version: JSON_REPORT_VERSION,
      tool: report.tool,
      command: report.command,
      startedAt: report.startedAt,
      durationMs: report.durationMs,
      targets: report.targets,
      summary: {
        findings: report.findings.filter((f) => !f.suppression).length,
        suppressed: report.findings.filter((f) => f.suppression).length,
        bySeverity,
      },
      findings: report.findings,
      notices: report.notices,
    };
    return `${JSON.stringify(document, null, 2)}\n`;
  }
}

import type { ScanReport } from '../finding.js';
import { SEVERITIES, type Severity } from '../severity.js';
import { describeLocation } from './finding-target.js';
import { singleLine } from './plain-text.js';
import { sortBySeverity, summarizeReport } from './report-summary.js';
import type { Reporter, ReportOptions } from './reporter.js';

/** ANSI SGR codes per severity (ECMA-48): magenta, red, yellow, cyan, grey. */
const SEVERITY_COLOR: Record<Severity, string> = {
  critical: '1;35',
  high: '1;31',
  medium: '33',
  low: '36',
  info: '90',
};

const WIDTH = { rule: 40, location: 60, message: 160, evidence: 120 };

function paint(text: string, code: string, color: boolean): string {
  return color ? `\u001B[${code}m${text}\u001B[0m` : text;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - Array.from(text).length));
}

/**
 * Human-readable findings for a terminal: one row per unsuppressed finding,
 * most severe first, aligned columns, evidence on the line below, and a
 * summary line. Colour only when `options.color`; all finding text is
 * stripped of control characters so a finding cannot inject escape sequences.
 */
export class TableReporter implements Reporter {
  write(report: ScanReport, options: ReportOptions): string {
    const { color, failOn } = options;
    const summary = summarizeReport(report, failOn);
    const active = sortBySeverity(report.findings.filter((finding) => !finding.suppression));
    const rows = active.map((finding) => ({
      severity: finding.severity,
      rule: singleLine(finding.ruleId, WIDTH.rule),
      location: singleLine(describeLocation(finding.location), WIDTH.location),
      message: singleLine(finding.message || finding.title, WIDTH.message),
      evidence:
        finding.evidence === undefined ? undefined : singleLine(finding.evidence, WIDTH.evidence),
    }));
    const ruleWidth = Math.max(4, ...rows.map((row) => Array.from(row.rule).length));
    const locationWidth = Math.max(8, ...rows.map((row) => Array.from(row.location).length));
    const indent = ' '.repeat(10 + ruleWidth + 2 + locationWidth + 2);
    const lines: string[] = [];
    if (rows.length > 0) {
      lines.push(
        paint(
          `${pad('SEVERITY', 10)}${pad('RULE', ruleWidth + 2)}${pad('LOCATION', locationWidth + 2)}FINDING`,
          '1',
          color,
        ),
      );
      for (const row of rows) {
        const severity = paint(pad(row.severity, 10), SEVERITY_COLOR[row.severity], color);
        lines.push(
          `${severity}${pad(row.rule, ruleWidth + 2)}${pad(row.location, locationWidth + 2)}${row.message}`,
        );
        if (row.evidence !== undefined && row.evidence.length > 0) {
          lines.push(paint(`${indent}↳ ${row.evidence}`, '2', color));
        }
      }
      lines.push('');
    }
    const counts = [...SEVERITIES]
      .reverse()
      .filter((severity) => summary.bySeverity[severity] > 0)
      .map((severity) => `${summary.bySeverity[severity]} ${severity}`);
    const total =
      summary.findings === 0
        ? 'No findings'
        : `${summary.findings} finding${summary.findings === 1 ? '' : 's'} (${counts.join(', ')})`;
    const suppressed = summary.suppressed > 0 ? `, ${summary.suppressed} suppressed` : '';
    const verdict =
      summary.failing > 0
        ? paint(`${summary.failing} at or above ${failOn}`, '1;31', color)
        : paint(`none at or above ${failOn}`, '32', color);
    lines.push(
      `${total}${suppressed}; ${verdict}. ${report.targets.length} target${report.targets.length === 1 ? '' : 's'} scanned.`,
    );
    for (const notice of report.notices) {
      const where =
        notice.path === undefined ? '' : ` (${singleLine(notice.path, WIDTH.location)})`;
      lines.push(`${notice.level}: ${singleLine(notice.message, WIDTH.message)}${where}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

import type { RunNotice, ScanReport } from '../finding.js';
import { SEVERITIES } from '../severity.js';
import { describeLocation } from './finding-target.js';
import { escapeMarkdown, markdownCode } from './markdown-escape.js';
import { sortBySeverity, summarizeReport } from './report-summary.js';
import type { Reporter, ReportOptions } from './reporter.js';

/** How many findings the summary lists; the rest are counted. */
export const MARKDOWN_TOP_FINDINGS = 20;

const MAX_NOTICES = 20;

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function noticeLine(notice: RunNotice): string {
  const where = notice.path === undefined ? '' : ` (${markdownCode(notice.path, 200)})`;
  return `- ${notice.level}: ${escapeMarkdown(notice.message, 300)}${where}`;
}

/**
 * A short Markdown summary for pull-request comments and
 * `$GITHUB_STEP_SUMMARY`: the verdict against `failOn`, counts by severity,
 * the most severe findings, and notices. Every piece of finding text is
 * escaped (`markdown-escape.ts`) and cut to a bounded length, so the summary
 * stays far below GitHub's 65,536-character comment limit.
 */
export class MarkdownReporter implements Reporter {
  write(report: ScanReport, options: ReportOptions): string {
    const summary = summarizeReport(report, options.failOn);
    const lines: string[] = [];
    lines.push(`## ${escapeMarkdown(`${report.tool.name} ${report.command}`, 120)}`, '');
    lines.push(
      summary.failing > 0
        ? `**Failed:** ${summary.failing} finding${summary.failing === 1 ? '' : 's'} at or above \`${options.failOn}\`.`
        : `**Passed:** no findings at or above \`${options.failOn}\`.`,
      '',
    );
    lines.push('| Severity | Findings |', '| --- | ---: |');
    for (const severity of [...SEVERITIES].reverse()) {
      lines.push(`| ${capitalize(severity)} | ${summary.bySeverity[severity]} |`);
    }
    lines.push(`| Suppressed | ${summary.suppressed} |`, '');

    const active = sortBySeverity(report.findings.filter((finding) => !finding.suppression));
    if (active.length > 0) {
      lines.push('### Top findings', '');
      lines.push(
        '| Severity | Rule | Location | Finding | Evidence |',
        '| --- | --- | --- | --- | --- |',
      );
      for (const finding of active.slice(0, MARKDOWN_TOP_FINDINGS)) {
        const evidence = finding.evidence === undefined ? '' : markdownCode(finding.evidence, 120);
        lines.push(
          `| ${capitalize(finding.severity)} | ${markdownCode(finding.ruleId, 80)} | ` +
            `${markdownCode(describeLocation(finding.location), 120)} | ` +
            `${escapeMarkdown(finding.message || finding.title, 200)} | ${evidence} |`,
        );
      }
      lines.push('');
      const rest = active.length - MARKDOWN_TOP_FINDINGS;
      if (rest > 0) lines.push(`…and ${rest} more not shown; see the full report.`, '');
    }

    if (report.notices.length > 0) {
      lines.push(`<details><summary>Notices (${report.notices.length})</summary>`, '');
      for (const notice of report.notices.slice(0, MAX_NOTICES)) lines.push(noticeLine(notice));
      if (report.notices.length > MAX_NOTICES) {
        lines.push(`- …and ${report.notices.length - MAX_NOTICES} more`);
      }
      lines.push('', '</details>', '');
    }

    const seconds = Number.isFinite(report.durationMs)
      ? (report.durationMs / 1000).toFixed(1)
      : '?';
    lines.push(
      `<sub>${escapeMarkdown(`${report.tool.name} ${report.tool.version}`, 80)} · ` +
        `${report.targets.length} target${report.targets.length === 1 ? '' : 's'} · ${seconds} s</sub>`,
    );
    return `${lines.join('\n')}\n`;
  }
}

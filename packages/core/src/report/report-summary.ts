import type { Finding, ScanReport } from '../finding.js';
import { SEVERITIES, meetsThreshold, severityRank, type Severity } from '../severity.js';

/** Counts every reporter prints: by severity, suppressed, and at/above the threshold. */
export interface ReportSummary {
  /** Unsuppressed findings. */
  findings: number;
  suppressed: number;
  /** Unsuppressed findings per severity; every severity is present. */
  bySeverity: Record<Severity, number>;
  /** Unsuppressed findings at or above `failOn`. */
  failing: number;
}

export function summarizeReport(report: ScanReport, failOn: Severity): ReportSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let suppressed = 0;
  let failing = 0;
  for (const finding of report.findings) {
    if (finding.suppression) {
      suppressed++;
      continue;
    }
    bySeverity[finding.severity]++;
    if (meetsThreshold(finding.severity, failOn)) failing++;
  }
  return { findings: report.findings.length - suppressed, suppressed, bySeverity, failing };
}

/**
 * Findings ordered most severe first; ties keep their input order, so the
 * output is deterministic for a given report.
 */
export function sortBySeverity(findings: readonly Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        severityRank(b.finding.severity) - severityRank(a.finding.severity) || a.index - b.index,
    )
    .map((entry) => entry.finding);
}

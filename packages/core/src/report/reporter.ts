import type { ScanReport } from '../finding.js';
import type { Severity } from '../severity.js';

/** Options every reporter understands. */
export interface ReportOptions {
  /** Findings at or above this severity count as failures (JUnit, summaries). */
  failOn: Severity;
  /** Use ANSI colour in human formats. */
  color: boolean;
}

/**
 * Turns one run into text in a given format. One method: reporters are pure
 * functions of the report, so they are trivially testable and composable.
 */
export interface Reporter {
  write(report: ScanReport, options: ReportOptions): string;
}

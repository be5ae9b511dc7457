import { BulwarkError } from '../errors.js';
import { JsonReporter } from './json-reporter.js';
import { JunitReporter } from './junit-reporter.js';
import { MarkdownReporter } from './markdown-reporter.js';
import type { Reporter } from './reporter.js';
import { SarifReporter } from './sarif-reporter.js';
import { TableReporter } from './table-reporter.js';

export type { Reporter, ReportOptions } from './reporter.js';
export { JsonReporter, JSON_REPORT_VERSION } from './json-reporter.js';
export { readJsonReport, MAX_JSON_REPORT_CHARS } from './json-report-reader.js';
export {
  SarifReporter,
  SARIF_SCHEMA_URI,
  SARIF_MAX_RESULTS,
  SARIF_TRUNCATED_NOTIFICATION,
  type SarifReporterOptions,
} from './sarif-reporter.js';
export { SARIF_FINGERPRINT_KEY } from './sarif-result.js';
export type { SarifLog } from './sarif-log.js';
export { JunitReporter, JUNIT_MAX_TESTCASES, type JunitReporterOptions } from './junit-reporter.js';
export { MarkdownReporter, MARKDOWN_TOP_FINDINGS } from './markdown-reporter.js';
export { TableReporter } from './table-reporter.js';
export { summarizeReport, type ReportSummary } from './report-summary.js';

/** Report formats by name; the CLI's `--format` is typed against this. */
export const reporters = {
  json: () => new JsonReporter(),
  sarif: () => new SarifReporter(),
  junit: () => new JunitReporter(),
  markdown: () => new MarkdownReporter(),
  table: () => new TableReporter(),
} satisfies Record<string, () => Reporter>;

export type ReportFormat = keyof typeof reporters;

export const REPORT_FORMATS = Object.keys(reporters) as ReportFormat[];

export function isReportFormat(value: string): value is ReportFormat {
  return Object.hasOwn(reporters, value);
}

/** Returns the reporter for `format`, or a clear error listing known formats. */
export function createReporter(format: string): Reporter {
  if (!isReportFormat(format)) {
    throw new BulwarkError('UNKNOWN_NAME', `Unknown report format "${format}"`, {
      hint: `use one of: ${REPORT_FORMATS.join(', ')}`,
    });
  }
  return reporters[format]();
}

import { BulwarkError } from '../errors.js';
import { JsonReporter } from './json-reporter.js';
import type { Reporter } from './reporter.js';

export type { Reporter, ReportOptions } from './reporter.js';
export { JsonReporter, JSON_REPORT_VERSION } from './json-reporter.js';

/** Report formats by name; the CLI's `--format` is typed against this. */
export const reporters = {
  json: () => new JsonReporter(),
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

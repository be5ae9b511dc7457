import type { RunNotice, ScanReport } from '../finding.js';
import { severityRank } from '../severity.js';
import { isDateTime } from './date-time.js';
import { collectRules } from './report-rules.js';
import type { Reporter, ReportOptions } from './reporter.js';
import type { SarifInvocation, SarifLog, SarifNotification, SarifRun } from './sarif-log.js';
import { sarifResult } from './sarif-result.js';
import { sarifRule } from './sarif-rule.js';
import { SRCROOT, artifactUri, rootFileUri } from './sarif-uri.js';

/** The OASIS SARIF 2.1.0 (Errata 01) schema every log we write validates against. */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** GitHub code scanning rejects a run with more results than this. */
export const SARIF_MAX_RESULTS = 25_000;

/** Notification id written when results were left out to respect `maxResults`. */
export const SARIF_TRUNCATED_NOTIFICATION = 'bulwark.sarif.truncated';

export interface SarifReporterOptions {
  /** Most results in the run; the least severe are left out beyond it. */
  maxResults?: number;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'run'
  );
}

/**
 * Indices of the findings to keep, in input order: when there are more than
 * `max`, unsuppressed findings come before suppressed ones and more severe
 * before less severe (ties by input order).
 */
function selectFindings(report: ScanReport, max: number): number[] {
  const all = report.findings.map((_, index) => index);
  if (all.length <= max) return all;
  const ranked = [...all].sort((a, b) => {
    const fa = report.findings[a];
    const fb = report.findings[b];
    if (!fa || !fb) return a - b;
    const suppressed = Number(Boolean(fa.suppression)) - Number(Boolean(fb.suppression));
    return suppressed || severityRank(fb.severity) - severityRank(fa.severity) || a - b;
  });
  return ranked.slice(0, Math.max(0, max)).sort((a, b) => a - b);
}

function notification(notice: RunNotice, root: string | undefined): SarifNotification {
  return {
    level: notice.level,
    message: { text: notice.message },
    ...(notice.path === undefined
      ? {}
      : {
          locations: [{ physicalLocation: { artifactLocation: artifactUri(notice.path, root) } }],
        }),
  };
}

function invocation(report: ScanReport, notifications: SarifNotification[]): SarifInvocation {
  const out: SarifInvocation = {
    // The run completed; an error-level notice means part of it failed.
    executionSuccessful: !report.notices.some((notice) => notice.level === 'error'),
    toolExecutionNotifications: notifications,
  };
  if (isDateTime(report.startedAt)) {
    const start = Date.parse(report.startedAt);
    out.startTimeUtc = new Date(start).toISOString();
    if (Number.isFinite(report.durationMs) && report.durationMs >= 0) {
      out.endTimeUtc = new Date(start + report.durationMs).toISOString();
    }
  }
  return out;
}

/**
 * Writes one SARIF 2.1.0 log with one run, shaped for GitHub code scanning:
 * rules with help, `security-severity` and framework tags; results with
 * relative URIs under `%SRCROOT%` and `partialFingerprints`; at most
 * `SARIF_MAX_RESULTS` results, with a notification when some were left out.
 */
export class SarifReporter implements Reporter {
  private readonly maxResults: number;

  constructor(options: SarifReporterOptions = {}) {
    this.maxResults = options.maxResults ?? SARIF_MAX_RESULTS;
  }

  write(report: ScanReport, _options: ReportOptions): string {
    return `${JSON.stringify(this.build(report), null, 2)}\n`;
  }

  /** The SARIF log as data, for callers that post-process it. */
  build(report: ScanReport): SarifLog {
    const rules = collectRules(report);
    const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
    const kept = selectFindings(report, this.maxResults);
    const results = kept.flatMap((index) => {
      const finding = report.findings[index];
      return finding ? [sarifResult(finding, ruleIndex.get(finding.ruleId) ?? 0, report.root)] : [];
    });
    const notifications = report.notices.map((notice) => notification(notice, report.root));
    const omitted = report.findings.length - results.length;
    if (omitted > 0) {
      notifications.push({
        level: 'warning',
        descriptor: { id: SARIF_TRUNCATED_NOTIFICATION },
        message: {
          text:
            `SARIF output truncated: ${report.findings.length} findings, ${results.length} written ` +
            `(GitHub code scanning accepts at most ${this.maxResults} results per run); the ` +
            `${omitted} least severe were left out. Write --format json for the complete list.`,
        },
      });
    }
    const rootUri = report.root === undefined ? undefined : rootFileUri(report.root);
    const { name, version, informationUri } = report.tool;
    const run: SarifRun = {
      tool: {
        driver: {
          name,
          version,
          ...(/^\d+\.\d+\.\d+/.test(version) ? { semanticVersion: version } : {}),
          ...(informationUri && /^[a-z][a-z0-9+.-]*:\S+$/i.test(informationUri)
            ? { informationUri }
            : {}),
          rules: rules.map(sarifRule),
        },
      },
      automationDetails: { id: `${slug(name)}/${slug(report.command)}/` },
      ...(rootUri ? { originalUriBaseIds: { [SRCROOT]: { uri: rootUri } } } : {}),
      invocations: [invocation(report, notifications)],
      results,
      columnKind: 'utf16CodeUnits',
      properties: {
        command: report.command,
        targets: report.targets.length,
        findings: report.findings.length,
        ...(omitted > 0 ? { truncated: true, omittedResults: omitted } : {}),
      },
    };
    return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
  }
}

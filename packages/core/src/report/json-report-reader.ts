import type { Finding, RuleDescriptor, RunNotice, ScanReport } from '../finding.js';
import { fail, ok, type Issue, type Result } from '../result.js';
import { JSON_REPORT_VERSION } from './json-reporter.js';
import { jsonReportShape } from './json-report-shape.js';
import type { ShapeIssue } from './json-shape.js';
import { lineColumnAt, locateJsonSyntaxError } from './json-syntax.js';

/** Largest JSON report `readJsonReport` accepts, in UTF-16 code units (~256 MiB). */
export const MAX_JSON_REPORT_CHARS = 256 * 1024 * 1024;

interface JsonReportDocument {
  version: string;
  tool: ScanReport['tool'];
  command: string;
  root?: string;
  startedAt: string;
  durationMs: number;
  targets: string[];
  rules?: RuleDescriptor[];
  findings: Finding[];
  notices: RunNotice[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function syntaxIssue(text: string, fallback: string): Issue {
  const error = locateJsonSyntaxError(text);
  if (!error) return { code: 'report.json_syntax', message: `invalid JSON: ${fallback}` };
  const { line, column } = lineColumnAt(text, error.offset);
  return { code: 'report.json_syntax', message: `invalid JSON: ${error.message}`, line, column };
}

/** A version check with its own message: the commonest mistake is the wrong file. */
function versionIssue(document: Record<string, unknown>): Issue | undefined {
  const version = document['version'];
  if (
    Array.isArray(document['runs']) &&
    (version === '2.1.0' || typeof document['$schema'] === 'string')
  ) {
    return {
      code: 'report.not_bulwark',
      message: 'this is a SARIF log, not a Bulwark JSON report',
      hint: 'convert from the report written with --format json',
    };
  }
  if (version === undefined) {
    return {
      code: 'report.not_bulwark',
      path: 'version',
      message: 'missing "version": not a Bulwark JSON report',
      hint: 'use a file written with --format json',
    };
  }
  const [major, minor] = JSON_REPORT_VERSION.split('.').map(Number);
  const match = typeof version === 'string' ? /^(\d+)\.(\d+)$/.exec(version) : null;
  if (!match || Number(match[1]) !== major || Number(match[2]) > (minor ?? 0)) {
    const newer = match !== null && Number(match[1]) >= (major ?? 0);
    return {
      code: 'report.version_unsupported',
      path: 'version',
      message: `report version ${JSON.stringify(version)} is not supported; this bulwark reads version ${JSON_REPORT_VERSION} reports`,
      hint: newer
        ? 'upgrade bulwark to read it'
        : 're-create the report with this version of bulwark',
    };
  }
  return undefined;
}

function toIssue(issue: ShapeIssue): Issue {
  return { code: 'report.invalid', path: issue.path, message: issue.message };
}

/**
 * Reads a JSON report written by `JsonReporter` back into a `ScanReport`.
 * Untrusted input: size-limited, syntax errors come back with line and
 * column, shape errors with the JSON path of each problem (all of them, up to
 * a cap), a wrong version or a SARIF file with a message that says so.
 */
export function readJsonReport(text: string): Result<ScanReport> {
  if (text.length > MAX_JSON_REPORT_CHARS) {
    return fail({
      code: 'report.too_large',
      message: `report is ${text.length} characters; the limit is ${MAX_JSON_REPORT_CHARS}`,
    });
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return fail(syntaxIssue(body, error instanceof Error ? error.message : String(error)));
  }
  if (!isRecord(parsed)) {
    return fail({ code: 'report.invalid', message: 'expected a JSON object at the top level' });
  }
  const version = versionIssue(parsed);
  if (version) return fail(version);
  const issues: ShapeIssue[] = [];
  jsonReportShape(parsed, '', issues);
  if (issues.length > 0) return fail(...issues.map(toIssue));
  const document = parsed as unknown as JsonReportDocument;
  return ok({
    tool: document.tool,
    command: document.command,
    ...(document.root === undefined ? {} : { root: document.root }),
    targets: document.targets,
    rules: document.rules ?? [],
    findings: document.findings,
    notices: document.notices,
    startedAt: document.startedAt,
    durationMs: document.durationMs,
  });
}

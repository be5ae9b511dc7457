import type { Finding, RuleDescriptor, ScanReport } from '../finding.js';
import { meetsThreshold, severityRank, type Severity } from '../severity.js';
import { describeLocation, normalizeTarget, targetOf } from './finding-target.js';
import { collectRules } from './report-rules.js';
import type { Reporter, ReportOptions } from './reporter.js';
import { escapeXmlText, xmlAttributes } from './xml-escape.js';

/**
 * Above this many rule × target pairs the report lists, per rule, only the
 * targets with findings plus one passing test case that counts the rest.
 */
export const JUNIT_MAX_TESTCASES = 50_000;

export interface JunitReporterOptions {
  maxTestCases?: number;
}

interface Counts {
  tests: number;
  failures: number;
}

function findingLine(finding: Finding): string {
  const lines = [`[${finding.severity}] ${describeLocation(finding.location)}: ${finding.message}`];
  if (finding.evidence !== undefined) lines.push(`  evidence: ${finding.evidence}`);
  if (finding.remediation !== undefined) lines.push(`  fix: ${finding.remediation}`);
  if (finding.suppression) {
    lines.push(`  suppressed (${finding.suppression.kind}): ${finding.suppression.reason}`);
  }
  lines.push(`  fingerprint: ${finding.fingerprint}`);
  return lines.join('\n');
}

function testCase(
  rule: RuleDescriptor,
  name: string,
  findings: readonly Finding[],
  failOn: Severity,
  counts: Counts,
): string {
  counts.tests++;
  const fails = (f: Finding) => !f.suppression && meetsThreshold(f.severity, failOn);
  const failing = findings.filter(fails);
  const other = findings.filter((f) => !fails(f));
  const open = `    <testcase${xmlAttributes({ name, classname: rule.id, time: 0 })}`;
  if (failing.length === 0 && other.length === 0) return `${open}/>`;
  const parts = [`${open}>`];
  if (failing.length > 0) {
    counts.failures++;
    const worst = failing.reduce((a, b) =>
      severityRank(b.severity) > severityRank(a.severity) ? b : a,
    );
    const message = `${failing.length} finding${failing.length === 1 ? '' : 's'} at or above ${failOn}: ${worst.title}`;
    parts.push(
      `      <failure${xmlAttributes({ message, type: worst.severity })}>${escapeXmlText(
        failing.map(findingLine).join('\n'),
      )}</failure>`,
    );
  }
  if (other.length > 0) {
    parts.push(
      `      <system-out>${escapeXmlText(other.map(findingLine).join('\n'))}</system-out>`,
    );
  }
  parts.push('    </testcase>');
  return parts.join('\n');
}

/**
 * Writes JUnit XML: one `<testsuite>` per rule and one `<testcase>` per rule ×
 * target, failing when the target has an unsuppressed finding of that rule at
 * or above `failOn`. Findings below the threshold and suppressed ones are
 * listed in `<system-out>` of a passing test case. XML is written by hand
 * with escaping of every value (see `xml-escape.ts`).
 */
export class JunitReporter implements Reporter {
  private readonly maxTestCases: number;

  constructor(options: JunitReporterOptions = {}) {
    this.maxTestCases = options.maxTestCases ?? JUNIT_MAX_TESTCASES;
  }

  write(report: ScanReport, options: ReportOptions): string {
    const rules = collectRules(report);
    const known = new Set(report.targets.map(normalizeTarget));
    const targets = [...known];
    const byRule = new Map<string, Map<string, Finding[]>>();
    for (const finding of report.findings) {
      const target = targetOf(finding.location);
      if (!known.has(target)) {
        known.add(target);
        targets.push(target);
      }
      let byTarget = byRule.get(finding.ruleId);
      if (!byTarget) byRule.set(finding.ruleId, (byTarget = new Map()));
      const list = byTarget.get(target);
      if (list) list.push(finding);
      else byTarget.set(target, [finding]);
    }
    const compact = rules.length * targets.length > this.maxTestCases;
    const total: Counts = { tests: 0, failures: 0 };
    const suites = rules.map((rule) => {
      const counts: Counts = { tests: 0, failures: 0 };
      const byTarget = byRule.get(rule.id) ?? new Map<string, Finding[]>();
      const cases: string[] = [];
      if (compact) {
        for (const [target, findings] of byTarget) {
          cases.push(testCase(rule, target, findings, options.failOn, counts));
        }
        const rest = targets.length - byTarget.size;
        if (rest > 0) {
          cases.push(testCase(rule, `(${rest} other targets)`, [], options.failOn, counts));
        }
      } else {
        for (const target of targets) {
          cases.push(testCase(rule, target, byTarget.get(target) ?? [], options.failOn, counts));
        }
      }
      total.tests += counts.tests;
      total.failures += counts.failures;
      const head = `  <testsuite${xmlAttributes({
        name: rule.id,
        tests: counts.tests,
        failures: counts.failures,
        errors: 0,
        skipped: 0,
        time: 0,
      })}>`;
      const properties = [
        '    <properties>',
        `      <property${xmlAttributes({ name: 'title', value: rule.title })}/>`,
        `      <property${xmlAttributes({ name: 'severity', value: rule.severity })}/>`,
        `      <property${xmlAttributes({ name: 'refs', value: rule.refs.join(', ') })}/>`,
        '    </properties>',
      ];
      return [head, ...properties, ...cases, '  </testsuite>'].join('\n');
    });
    const seconds = Number.isFinite(report.durationMs) ? Math.max(0, report.durationMs) / 1000 : 0;
    const root = `<testsuites${xmlAttributes({
      name: `${report.tool.name} ${report.command}`,
      tests: total.tests,
      failures: total.failures,
      errors: 0,
      time: seconds.toFixed(3),
    })}`;
    const body =
      suites.length === 0 ? `${root}/>` : `${root}>\n${suites.join('\n')}\n</testsuites>`;
    return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
  }
}

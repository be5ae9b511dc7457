import type { Finding, RuleDescriptor, ScanReport } from '../finding.js';
import { severityRank } from '../severity.js';

/**
 * Every rule a report needs to describe: the rules the run declared (first
 * occurrence of each id wins) followed by a rule synthesised from the findings
 * for each rule id the run did not declare, in order of first appearance. A
 * synthesised rule takes its title from the finding, the highest severity seen
 * and the union of the findings' framework references.
 */
export function collectRules(report: ScanReport): RuleDescriptor[] {
  const rules: RuleDescriptor[] = [];
  const declared = new Set<string>();
  for (const rule of report.rules) {
    if (declared.has(rule.id)) continue;
    declared.add(rule.id);
    rules.push(rule);
  }
  const synthesised = new Map<string, RuleDescriptor>();
  for (const finding of report.findings) {
    if (declared.has(finding.ruleId)) continue;
    const existing = synthesised.get(finding.ruleId);
    if (existing) {
      mergeInto(existing, finding);
    } else {
      const rule = synthesiseRule(finding);
      synthesised.set(finding.ruleId, rule);
      rules.push(rule);
    }
  }
  return rules;
}

function synthesiseRule(finding: Finding): RuleDescriptor {
  return {
    id: finding.ruleId,
    title: finding.title,
    description: finding.title,
    help: finding.remediation ?? finding.title,
    severity: finding.severity,
    refs: [...finding.refs],
    ...(finding.tags ? { tags: [...finding.tags] } : {}),
  };
}

function mergeInto(rule: RuleDescriptor, finding: Finding): void {
  if (severityRank(finding.severity) > severityRank(rule.severity))
    rule.severity = finding.severity;
  for (const ref of finding.refs) if (!rule.refs.includes(ref)) rule.refs.push(ref);
}

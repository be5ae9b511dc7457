import type { RuleDescriptor } from '../finding.js';
import { securitySeverityScore } from '../severity.js';
import { sarifLevel } from './sarif-level.js';
import type { SarifReportingDescriptor } from './sarif-log.js';
import { ruleTags } from './sarif-tags.js';

/** `pickle.dangerous-call` → `PickleDangerousCall`: SARIF `name` is an identifier-like string. */
export function ruleName(id: string): string {
  const words = id.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
  const name = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
  return name.length > 0 ? name : 'Rule';
}

function referencesMarkdown(rule: RuleDescriptor): string {
  return rule.refs.length === 0 ? '' : `\n\n**References:** ${rule.refs.join(', ')}`;
}

function referencesText(rule: RuleDescriptor): string {
  return rule.refs.length === 0 ? '' : `\n\nReferences: ${rule.refs.join(', ')}`;
}

/**
 * A rule as a SARIF `reportingDescriptor` (§3.49) with the properties GitHub
 * code scanning reads: `security-severity` (a string holding a 0.1–10.0
 * score; none for `info`), `tags` (framework IDs, `external/cwe/cwe-N`) and `precision`.
 */
export function sarifRule(rule: RuleDescriptor): SarifReportingDescriptor {
  const title = rule.title.trim() || rule.id;
  const description = rule.description.trim() || title;
  const help = rule.help.trim() || description;
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: title },
    fullDescription: { text: description },
    help: { text: help + referencesText(rule), markdown: help + referencesMarkdown(rule) },
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      // Informational rules carry no security severity, so GitHub lists
      // them by `level` (note) rather than as a low-severity alert.
      ...(rule.severity === 'info'
        ? {}
        : { 'security-severity': securitySeverityScore(rule.severity).toFixed(1) }),
      tags: ruleTags(rule),
      precision: rule.precision ?? 'medium',
      severity: rule.severity,
      refs: rule.refs,
    },
  };
}

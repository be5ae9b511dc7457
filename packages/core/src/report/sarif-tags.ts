import type { FrameworkId, RuleDescriptor } from '../finding.js';

/** GitHub code scanning rejects a rule with more than 20 tags and shows 10. */
export const MAX_SARIF_TAGS = 20;

const CWE = /^CWE-(\d+)$/i;

/**
 * The tag a framework ID becomes. CWE IDs use the `external/cwe/cwe-N` form
 * GitHub code scanning links to the CWE entry; other framework IDs (OWASP
 * `LLM01:2025`, `ASI01:2026`, ATLAS `AML.T0051.000`, NIST) stay as written
 * so they can be searched for verbatim.
 */
export function frameworkTag(id: FrameworkId): string {
  const cwe = CWE.exec(id.trim());
  return cwe ? `external/cwe/cwe-${cwe[1]}` : id;
}

/**
 * A rule's tags, most useful first: `security`, CWE tags, other framework
 * IDs, then the rule's own tags; duplicates removed, capped at
 * `MAX_SARIF_TAGS`.
 */
export function ruleTags(rule: RuleDescriptor): string[] {
  // `RuleDescriptor.cwe` may hold bare numbers (`1426`) or `CWE-1426`.
  const declared = (rule.cwe ?? []).map((id) =>
    /^\d+$/.test(id.trim()) ? `CWE-${id.trim()}` : id,
  );
  const cweIds = [...declared, ...rule.refs.filter((ref) => CWE.test(ref.trim()))];
  const others = rule.refs.filter((ref) => !CWE.test(ref.trim()));
  const tags = new Set<string>(['security']);
  for (const id of cweIds) tags.add(frameworkTag(id));
  for (const id of others) tags.add(id);
  for (const tag of rule.tags ?? []) tags.add(tag);
  return [...tags].filter((tag) => tag.length > 0).slice(0, MAX_SARIF_TAGS);
}

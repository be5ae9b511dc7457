import type { Severity } from '@bulwark/core';
import type { ModelRuleId } from './model-rules.js';

/** Verdict for one artifact. `inconclusive`: an error or a safety limit stopped the scan. */
export type ModelVerdict = 'malicious' | 'suspicious' | 'clean' | 'inconclusive';

/** One problem in one artifact (or a member inside it). */
export interface ModelIssue {
  ruleId: ModelRuleId;
  severity: Severity;
  message: string;
  evidence: string;
  /** Path inside the container, `archive/data.pkl`; absent for the file itself. */
  member?: string;
}

/** What scanning one top-level file produced. */
export interface ArtifactReport {
  /** Path relative to the scan root (forward slashes). */
  path: string;
  format: string;
  verdict: ModelVerdict;
  issues: ModelIssue[];
  /** Formats of container members, by member path. */
  members: { path: string; format: string }[];
  size: number;
  sha256?: string;
}

const RANK: Record<ModelVerdict, number> = {
  clean: 0,
  inconclusive: 1,
  suspicious: 2,
  malicious: 3,
};

/** Verdict implied by a set of issues (see `MODEL_RULES`). */
export function verdictOf(issues: readonly ModelIssue[]): ModelVerdict {
  let verdict: ModelVerdict = 'clean';
  for (const issue of issues) {
    const next: ModelVerdict =
      issue.ruleId === 'model.scan-incomplete'
        ? 'inconclusive'
        : issue.severity === 'critical' || issue.severity === 'high'
          ? 'malicious'
          : issue.severity === 'medium'
            ? 'suspicious'
            : 'clean';
    if (RANK[next] > RANK[verdict]) verdict = next;
  }
  return verdict;
}

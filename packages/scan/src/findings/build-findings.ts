import {
  fingerprintAll,
  type Confidence,
  type Finding,
  type FrameworkId,
  type RuleDescriptor,
  type Severity,
} from '@bulwark/core';

/** Static facts about any rule this package runs (code, config, secrets, inventory). */
export interface RuleMeta {
  id: string;
  title: string;
  description: string;
  remediation: string;
  severity: Severity;
  cwe: string[];
  refs: FrameworkId[];
}

/** One raw hit before it becomes a `Finding`. */
export interface RawHit {
  ruleId: string;
  path: string;
  line: number;
  column?: number;
  /** Redacted text shown in reports. */
  evidence: string;
  /** Text the fingerprint is computed over; defaults to `evidence`. */
  identity?: string;
  message: string;
  severity?: Severity;
  confidence?: Confidence;
  properties?: Record<string, string | number | boolean | null>;
}

export function describeRule(meta: RuleMeta, tags: string[] = []): RuleDescriptor {
  const refs = meta.refs.join(', ');
  return {
    id: meta.id,
    title: meta.title,
    description: meta.description,
    help: `${meta.description}\n\n**Remediation:** ${meta.remediation}\n\n**References:** ${refs}`,
    severity: meta.severity,
    refs: meta.refs,
    tags: ['security', ...tags],
    cwe: meta.cwe,
  };
}

/** Turns hits into findings with stable fingerprints (ordinals for repeated evidence). */
export function buildFindings(
  hits: readonly RawHit[],
  rules: ReadonlyMap<string, RuleMeta>,
): Finding[] {
  const fingerprints = fingerprintAll(
    hits.map((hit) => ({
      ruleId: hit.ruleId,
      location: { kind: 'file' as const, path: hit.path },
      evidence: hit.identity ?? hit.evidence,
    })),
  );
  return hits.map((hit, index) => {
    const meta = rules.get(hit.ruleId);
    const region =
      hit.column === undefined
        ? { startLine: hit.line }
        : { startLine: hit.line, startColumn: hit.column };
    const finding: Finding = {
      ruleId: hit.ruleId,
      title: meta?.title ?? hit.ruleId,
      message: hit.message,
      severity: hit.severity ?? meta?.severity ?? 'medium',
      confidence: hit.confidence ?? 'high',
      location: { kind: 'file', path: hit.path, region, snippet: hit.evidence },
      evidence: hit.evidence,
      refs: meta?.refs ?? [],
      fingerprint: fingerprints[index] ?? '',
    };
    if (meta) finding.remediation = meta.remediation;
    if (hit.properties) finding.properties = hit.properties;
    return finding;
  });
}

/**
 * Severity scale shared by every finding and detection. Ordered from least to
 * most severe; `severityRank` gives a comparable number for thresholds such as
 * `--fail-on`.
 */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;

export type Severity = (typeof SEVERITIES)[number];

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** 0 for `info` up to 4 for `critical`. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** True when `severity` is at or above `threshold`. */
export function meetsThreshold(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}

/**
 * GitHub code scanning reads `security-severity` (0.0–10.0) from SARIF rule
 * properties; these are the midpoints of its bands (critical ≥ 9, high 7–8.9,
 * medium 4–6.9, low 0.1–3.9).
 */
export function securitySeverityScore(severity: Severity): number {
  switch (severity) {
    case 'critical':
      return 9.5;
    case 'high':
      return 8.0;
    case 'medium':
      return 5.5;
    case 'low':
      return 2.0;
    case 'info':
      return 0.0;
  }
}

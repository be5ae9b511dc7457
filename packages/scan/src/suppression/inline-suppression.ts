import type { Finding, RunNotice } from '@bulwark/core';

/**
 * Inline suppressions: a comment `bulwark-ignore: RULE_ID reason` on the
 * finding's line or the line above silences that rule there. The reason is
 * required and is carried into the report; a suppression without one is
 * ignored with a warning. Several rule ids may be comma-separated.
 */
const MARKER = /bulwark-ignore:[ \t]*([\w.,*-]+)(?:[ \t]+([^\n]*))?/;

export interface InlineSuppression {
  ruleIds: string[];
  reason: string;
  line: number;
}

export function parseSuppressions(text: string): InlineSuppression[] {
  if (!text.includes('bulwark-ignore')) return [];
  const out: InlineSuppression[] = [];
  text.split('\n').forEach((line, index) => {
    const match = MARKER.exec(line);
    if (!match) return;
    const reason = (match[2] ?? '').replace(/\s*(\*\/|-->|#}|%>)\s*$/, '').trim();
    out.push({ ruleIds: (match[1] ?? '').split(',').filter(Boolean), reason, line: index + 1 });
  });
  return out;
}

/** Marks findings in `path` that an inline suppression covers; returns notices for bad markers. */
export function applyInlineSuppressions(
  findings: Finding[],
  path: string,
  text: string,
): RunNotice[] {
  const suppressions = parseSuppressions(text);
  if (suppressions.length === 0) return [];
  const notices: RunNotice[] = [];
  for (const s of suppressions) {
    if (s.reason === '')
      notices.push({
        level: 'warning',
        message: `bulwark-ignore on line ${s.line} has no reason and is ignored`,
        path,
      });
  }
  for (const finding of findings) {
    if (
      finding.location.kind !== 'file' ||
      finding.location.path !== path ||
      !finding.location.region
    )
      continue;
    const line = finding.location.region.startLine;
    const match = suppressions.find(
      (s) =>
        s.reason !== '' &&
        (s.line === line || s.line === line - 1) &&
        s.ruleIds.includes(finding.ruleId),
    );
    if (match) finding.suppression = { kind: 'inline', reason: match.reason };
  }
  return notices;
}

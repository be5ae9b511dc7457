import type { ModelIssue } from './model-report.js';
import type { ModelRuleId } from './model-rules.js';
import type { ModelScanLimits } from './scan-limits.js';
import type { Severity } from '@bulwark/core';

/** Mutable state while one top-level artifact is scanned. */
export interface ScanContext {
  limits: ModelScanLimits;
  issues: ModelIssue[];
  members: { path: string; format: string }[];
  expandedBytes: number;
  /** Directory of the top-level file on disk (for ONNX external-data link checks). */
  directory: string | undefined;
}

export function childPath(parent: string | undefined, name: string): string {
  return parent === undefined ? name : `${parent}!/${name}`;
}

export function report(
  ctx: ScanContext,
  member: string | undefined,
  ruleId: ModelRuleId,
  severity: Severity,
  message: string,
  evidence: string,
): void {
  const issue: ModelIssue = { ruleId, severity, message, evidence };
  ctx.issues.push(member === undefined ? issue : { ...issue, member });
}

export function incomplete(ctx: ScanContext, member: string | undefined, reason: string): void {
  report(ctx, member, 'model.scan-incomplete', 'medium', reason, reason.slice(0, 200));
}

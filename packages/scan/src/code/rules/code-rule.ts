import type { FrameworkId, Severity } from '@bulwark/core';
import type { IrCall, IrExpr, SourceLanguage } from '../ir.js';
import type { FlowView, FlowVisitor, Taint, TaintKind } from '../taint-engine.js';

/** Static facts about one AI code rule; becomes a `RuleDescriptor`. */
export interface CodeRuleMeta {
  id: string;
  title: string;
  description: string;
  remediation: string;
  severity: Severity;
  cwe: string[];
  /** OWASP LLM / Agentic / MITRE ATLAS IDs as the frameworks write them. */
  refs: FrameworkId[];
}

/** One place a rule fired. */
export interface RuleHit {
  line: number;
  column: number;
  evidence: string;
  message: string;
}

/**
 * An AI code rule: metadata plus a visitor factory. The engine walks each
 * function of a file once and every rule's visitor sees the same events.
 */
export interface CodeRule extends CodeRuleMeta {
  languages: readonly SourceLanguage[];
  visitor(report: (hit: RuleHit) => void): FlowVisitor;
}

export function hasAny(taint: Taint, kinds: readonly TaintKind[]): boolean {
  return kinds.some((kind) => taint.has(kind));
}

/** A rule that fires on calls matching `match`, which returns a message or undefined. */
export function callRule(
  meta: CodeRuleMeta,
  languages: readonly SourceLanguage[],
  match: (call: IrCall, flow: FlowView) => string | undefined,
): CodeRule {
  return {
    ...meta,
    languages,
    visitor: (report) => ({
      onCall(call, flow) {
        const message = match(call, flow);
        if (message !== undefined)
          report({ line: call.line, column: call.column, evidence: call.text, message });
      },
    }),
  };
}

/**
 * A source-to-sink rule: fires when an argument that `sinkArgs` selects
 * carries one of `sources`.
 */
export function flowRule(
  meta: CodeRuleMeta,
  sources: readonly TaintKind[],
  sinkArgs: (call: IrCall, flow: FlowView) => readonly IrExpr[] | undefined,
  describe: (call: IrCall) => string,
  extra: Omit<FlowVisitor, 'onCall'> = {},
): CodeRule {
  return {
    ...meta,
    languages: ['typescript', 'python'],
    visitor: (report) => ({
      ...extra,
      onCall(call, flow) {
        const args = sinkArgs(call, flow);
        if (!args) return;
        if (args.some((arg) => hasAny(flow.taintOf(arg), sources))) {
          report({
            line: call.line,
            column: call.column,
            evidence: call.text,
            message: describe(call),
          });
        }
      },
    }),
  };
}

export function isTrue(expr: IrExpr | undefined): boolean {
  return (
    expr !== undefined &&
    expr.kind === 'literal' &&
    (expr.value === 'True' || expr.value === 'true')
  );
}

export function isFalse(expr: IrExpr | undefined): boolean {
  return (
    expr !== undefined &&
    expr.kind === 'literal' &&
    (expr.value === 'False' || expr.value === 'false')
  );
}

export function kwarg(call: IrCall, ...names: string[]): IrExpr | undefined {
  for (const name of names) {
    const value = call.kwargs.get(name);
    if (value) return value;
  }
  return undefined;
}

/** True when a call forwards `**kwargs` / `...options`, so missing options may be set elsewhere. */
export function hasSpread(call: IrCall): boolean {
  return call.text.includes('**') || call.text.includes('...');
}

import { createHash, randomUUID } from 'node:crypto';
import type { Guard } from '@bulwark/detect';
import { evaluateToolCall, type Decision, type Policy } from '@bulwark/policy';
import type { GatewayContext } from '../context.js';
import { subjectOf } from '../middleware/authorize.js';
import { isUnsupported } from '../guard/unsupported.js';
import type { AuditSink } from '../audit/audit-sink.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { cancellableDelay } from '../providers/cancel-signal.js';
import type { Approval, ApprovalStore } from './approval-store.js';
import type { ChatToolCall } from '../providers/openai-types.js';

/** What happens to one proposed tool call. */
export type ToolCallVerdict =
  | { kind: 'allow'; decision: Decision }
  | { kind: 'deny'; decision: Decision }
  | { kind: 'pending'; decision: Decision; approval: Approval };

export interface ToolReviewDeps {
  policy: () => Policy;
  guard: Guard;
  approvals: ApprovalStore;
  audit: AuditSink;
  metrics: GatewayMetrics | undefined;
  mode: 'deny' | 'hold';
  holdMs: number;
  ttlMs: number;
  environment: string | undefined;
}

export function argumentsHash(name: string, args: string): string {
  return createHash('sha256').update(name).update('\0').update(args).digest('hex');
}

/**
 * Checks a tool call the model proposed: the credential's tool allow-list,
 * then the policy (`allow | deny | require_approval`). An approval named in
 * `x-bulwark-approval` that was approved for this exact call lets it
 * through; otherwise a pending approval is recorded (arguments redacted) and,
 * in `hold` mode, awaited up to `holdMs`.
 */
export async function reviewToolCall(
  ctx: GatewayContext,
  call: ChatToolCall,
  deps: ToolReviewDeps,
): Promise<ToolCallVerdict> {
  const name = call.function.name;
  const args = call.function.arguments ?? '';
  const allowed = ctx.principal?.allowedTools;
  if (allowed && !allowed.includes(name)) {
    return {
      kind: 'deny',
      decision: {
        outcome: 'deny',
        ruleId: 'key.allowed_tools',
        reason: `tool ${name} is not allowed for this key`,
      },
    };
  }
  const decision = evaluateToolCall(deps.policy(), subjectOf(ctx, deps.environment), {
    name,
    arguments: args,
  });
  if (decision.outcome !== 'require_approval') return { kind: decision.outcome, decision };

  const hash = argumentsHash(name, args);
  const presented = ctx.req.headers['x-bulwark-approval'];
  if (typeof presented === 'string') {
    const existing = await deps.approvals.get(presented);
    if (
      existing &&
      existing.status === 'approved' &&
      existing.argumentsHash === hash &&
      existing.tenant === ctx.principal?.tenant
    ) {
      return {
        kind: 'allow',
        decision: {
          outcome: 'allow',
          ruleId: `approval.${existing.id}`,
          reason: `approved by ${existing.decidedBy ?? 'admin'}`,
        },
      };
    }
  }
  const now = Date.now();
  const approval: Approval = {
    id: `apr_${randomUUID().replaceAll('-', '')}`,
    status: 'pending',
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + deps.ttlMs).toISOString(),
    principal: ctx.principal?.id ?? 'unknown',
    tenant: ctx.principal?.tenant ?? 'unknown',
    model: ctx.model ?? 'unknown',
    tool: name,
    arguments: redactArguments(deps.guard, args, ctx),
    argumentsHash: hash,
    ruleId: decision.ruleId,
    reason: decision.reason,
  };
  await deps.approvals.create(approval);
  deps.metrics?.approvals.inc({ status: 'pending' });
  deps.audit.write({
    type: 'approval',
    requestId: ctx.requestId,
    principal: approval.principal,
    tenant: approval.tenant,
    model: approval.model,
    approval: { id: approval.id, status: 'pending', tool: name },
    decisions: [{ stage: 'tool_call', ...decision }],
  });
  if (deps.mode === 'hold') {
    const deadline = now + deps.holdMs;
    while (Date.now() < deadline && !ctx.abort.signal.aborted) {
      await cancellableDelay(
        Math.min(250, Math.max(1, deadline - Date.now())),
        ctx.abort.signal,
      ).catch(() => undefined);
      const current = await deps.approvals.get(approval.id);
      if (current?.status === 'approved') {
        return {
          kind: 'allow',
          decision: {
            outcome: 'allow',
            ruleId: `approval.${approval.id}`,
            reason: `approved by ${current.decidedBy ?? 'admin'}`,
          },
        };
      }
      if (current && current.status !== 'pending') {
        return {
          kind: 'deny',
          decision: {
            outcome: 'deny',
            ruleId: `approval.${approval.id}`,
            reason: `approval ${current.status}`,
          },
        };
      }
    }
  }
  return { kind: 'pending', decision, approval };
}

/** The structured denial an agent reads instead of the held tool call. */
export function approvalDenialText(approval: Approval): string {
  return JSON.stringify({
    bulwark: {
      status: 'approval_required',
      approval_id: approval.id,
      tool: approval.tool,
      rule_id: approval.ruleId,
      reason: approval.reason,
      expires_at: approval.expiresAt,
      how_to_continue: `after approval, resend the request with header x-bulwark-approval: ${approval.id}`,
    },
  });
}

function redactArguments(guard: Guard, args: string, ctx: GatewayContext): string {
  const clipped = args.length > 4096 ? `${args.slice(0, 4096)}…` : args;
  try {
    return guard.redact(
      clipped,
      ctx.scope ?? { tenant: ctx.principal?.tenant ?? 'unknown', conversation: ctx.requestId },
      'output',
    ).text;
  } catch (error) {
    if (!isUnsupported(error)) throw error;
    // Without redaction, keep only the argument names: values may hold secrets.
    try {
      const parsed: unknown = JSON.parse(args);
      if (parsed && typeof parsed === 'object')
        return JSON.stringify(
          Object.fromEntries(Object.keys(parsed).map((k) => [k, '[redacted]'])),
        );
    } catch {
      // not JSON
    }
    return '[redacted]';
  }
}

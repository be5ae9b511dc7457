import type { Guard } from '@bulwark/detect';
import { evaluateGuardVerdict, type Policy } from '@bulwark/policy';
import type { Middleware } from '../context.js';
import { guardRoleFor } from '../guard/message-roles.js';
import { isUnsupported } from '../guard/unsupported.js';
import { reject } from '../http/reject.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { ChatMessage } from '../providers/openai-types.js';

/** Largest single message text the guard scans; larger ones are refused (400). */
const MAX_SCAN_CHARS = 512 * 1024;

/**
 * Scans every request message by role and applies the policy's per-role
 * thresholds: block → 400 `content_filter` with the rule (the message never
 * echoes the content). With `redact` on, PII/secrets in user and context
 * messages are replaced before the provider sees them.
 */
export function requestGuard(
  guard: Guard,
  policy: () => Policy,
  redact: boolean,
  metrics: GatewayMetrics | undefined,
): Middleware {
  let redactionAvailable = redact;
  return async function requestGuardStep(ctx, next) {
    const messages = (ctx.body as { messages?: unknown }).messages;
    if (!Array.isArray(messages)) return next();
    const current = policy();
    const roles = ctx.principal?.roles ?? [];
    ctx.scope = {
      tenant: ctx.principal?.tenant ?? 'unknown',
      conversation: headerValue(ctx.req.headers['x-bulwark-conversation']) ?? ctx.requestId,
    };
    for (const message of messages as ChatMessage[]) {
      const role = guardRoleFor(String(message?.role));
      if (!role) continue;
      const text = textOf(message);
      if (text === '') continue;
      if (text.length > MAX_SCAN_CHARS) {
        reject(
          ctx,
          'INPUT_TOO_LARGE',
          `A ${message.role} message exceeds ${MAX_SCAN_CHARS} characters`,
          { code: 'message_too_large' },
        );
      }
      const verdict = guard.check({ text, role });
      if (verdict.detections.length > 0) {
        ctx.detections.push(...verdict.detections);
        for (const d of verdict.detections)
          metrics?.detections.inc({ category: d.category, stage: 'request' });
      }
      const decision = evaluateGuardVerdict(current, roles, role, verdict);
      if (decision.action !== 'allow') {
        ctx.decisions.push({
          stage: `request.${role}`,
          outcome: decision.action,
          ruleId: decision.ruleId,
          reason: decision.reason,
        });
      }
      if (decision.action === 'block') {
        metrics?.blocks.inc({ stage: 'request' });
        reject(
          ctx,
          'BLOCKED',
          `Request blocked by Bulwark: ${role} message violates policy (${decision.ruleId})`,
          {
            code: 'content_filter',
            ruleId: decision.ruleId,
          },
        );
      }
      if (redactionAvailable && role !== 'system' && typeof message.content === 'string') {
        try {
          const redacted = guard.redact(message.content, ctx.scope, role);
          if (redacted.text !== message.content) {
            message.content = redacted.text;
            ctx.redacted = true;
            ctx.decisions.push({
              stage: `request.${role}`,
              outcome: 'redact',
              ruleId: 'guard.redact',
              reason: `${redacted.detections.length} span(s) redacted`,
            });
          }
        } catch (error) {
          if (!isUnsupported(error)) throw error;
          redactionAvailable = false;
        }
      }
    }
    await next();
  };
}

function textOf(message: ChatMessage): string {
  const content = message?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content.map((p) => (typeof p?.text === 'string' ? p.text : '')).join('\n');
  return '';
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}

import type { Guard } from '@bulwark/detect';
import type { Policy } from '@bulwark/policy';
import { scanRequestText, type ScannedText } from '../guard/scan-request-text.js';
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
 * echoes the content). With `redact` on, the policy's `guard.redact`
 * categories (default secrets and PII) in every message are replaced before
 * the provider sees them and do not block (see `scanRequestText`).
 */
export function requestGuard(
  guard: Guard,
  policy: () => Policy,
  redact: boolean,
  metrics: GatewayMetrics | undefined,
): Middleware {
  let redactionAvailable = redact;
  const redactText = guard.redact.bind(guard);
  return function requestGuardStep(ctx, next) {
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
      // Prior assistant turns are scanned as `output` but named as what they are.
      const label = message.role === 'assistant' ? 'assistant' : role;
      const stage = `request.${label}`;
      const parts = textParts(message);
      if (parts.length === 0) continue;
      let size = 0;
      for (const part of parts) size += part.text.length;
      if (size > MAX_SCAN_CHARS) {
        reject(
          ctx,
          'INPUT_TOO_LARGE',
          `A ${message.role} message exceeds ${MAX_SCAN_CHARS} characters`,
          { code: 'message_too_large' },
        );
      }
      const texts = parts.map((p) => p.text);
      let scanned: ScannedText;
      try {
        const redaction = redactionAvailable ? { scope: ctx.scope, redact: redactText } : undefined;
        scanned = scanRequestText(guard, current, roles, role, texts, redaction);
      } catch (error) {
        if (!isUnsupported(error)) throw error;
        // No redaction in this guard: every detection counts (leaks block).
        redactionAvailable = false;
        scanned = scanRequestText(guard, current, roles, role, texts, undefined);
      }
      if (scanned.detections.length > 0) {
        ctx.detections.push(...scanned.detections);
        for (const d of scanned.detections)
          metrics?.detections.inc({ category: d.category, stage: 'request' });
      }
      const decision = scanned.decision;
      if (decision.action !== 'allow') {
        ctx.decisions.push({
          stage,
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
          `Request blocked by Bulwark: ${label} message violates policy (${decision.ruleId})`,
          {
            code: 'content_filter',
            ruleId: decision.ruleId,
          },
        );
      }
      if (scanned.redactedSpans > 0) {
        parts.forEach((part, i) => part.write(scanned.texts[i] ?? part.text));
        ctx.redacted = true;
        ctx.decisions.push({
          stage,
          outcome: 'redact',
          ruleId: 'guard.redact',
          reason: `${scanned.redactedSpans} span(s) redacted (${current.guard.redact.join(', ')})`,
        });
      }
    }
    return next();
  };
}

/** One scannable text of a message and how to replace it. */
interface TextPart {
  text: string;
  write(text: string): void;
}

/** The message's texts: its string content, or the `text` of each content part. */
function textParts(message: ChatMessage): TextPart[] {
  const content = message?.content;
  if (typeof content === 'string') {
    return content === ''
      ? []
      : [{ text: content, write: (text) => void (message.content = text) }];
  }
  const parts: TextPart[] = [];
  if (Array.isArray(content)) {
    for (const part of content) {
      if (typeof part?.text === 'string' && part.text !== '') {
        parts.push({ text: part.text, write: (text) => void (part.text = text) });
      }
    }
  }
  return parts;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}

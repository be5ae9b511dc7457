import type { Guard } from '@bulwark/detect';
import type { Logger } from 'pino';
import type { GatewayContext, Middleware } from '../context.js';
import type { AuditContentMode, AuditEvent } from '../audit/audit-record.js';
import type { AuditSink } from '../audit/audit-sink.js';
import { isUnsupported } from '../guard/unsupported.js';
import type { GatewayMetrics } from '../observability/metrics.js';

/**
 * Writes one hash-chained audit record per request after it finished
 * (status, principal, decisions with rule ids, detections, usage, latency),
 * updates metrics and logs one line. Content is kept per `mode`; `redacted`
 * falls back to lengths when the guard cannot redact. Never logs credentials.
 */
export function audit(
  sink: AuditSink,
  mode: AuditContentMode,
  guard: Guard,
  metrics: GatewayMetrics,
  logger: Logger,
): Middleware {
  let redactAvailable = mode === 'redacted';
  // The per-request line has fixed fields (ids, route, status, latency) and
  // none of them can hold a credential, so it skips pino's path redaction,
  // which was about half the cost of the call. Other log lines keep it.
  const accessLog = logger.child({}, { redact: { paths: [] } });
  return async function auditStep(ctx, next) {
    try {
      await next();
    } finally {
      const status = ctx.status ?? ctx.res.statusCode;
      const latencyMs = performance.now() - ctx.startedAt;
      metrics.requests.inc({ route: ctx.route, status: String(status) });
      metrics.latency.observe({ route: ctx.route }, latencyMs / 1000);
      const event: AuditEvent = {
        type: 'request',
        requestId: ctx.requestId,
        route: ctx.route,
        status,
        latencyMs: Math.round(latencyMs * 1000) / 1000,
        // A copy: the sink may serialise the event after this request ended.
        decisions: [...ctx.decisions],
        detections: ctx.detections.map((d) => ({
          detector: d.detector,
          category: d.category,
          type: d.type,
          score: d.score,
          severity: d.severity,
        })),
        ...(ctx.principal ? { principal: ctx.principal.id, tenant: ctx.principal.tenant } : {}),
        ...(ctx.model !== undefined ? { model: ctx.model } : {}),
        ...(ctx.usage ? { usage: ctx.usage } : {}),
      };
      const content = contentFor(ctx, mode);
      if (content) event.content = content;
      sink.write(event);
      accessLog.info(
        {
          requestId: ctx.requestId,
          route: ctx.route,
          status,
          latencyMs: event.latencyMs,
          principal: event.principal,
        },
        'request',
      );
    }
  };

  function contentFor(ctx: GatewayContext, m: AuditContentMode): AuditEvent['content'] | undefined {
    if (m === 'none') return undefined;
    const messages = (ctx.body as { messages?: unknown } | undefined)?.messages;
    const responseText =
      typeof ctx.auditContent.response === 'string' ? ctx.auditContent.response : '';
    if (m === 'metadata') {
      return { lengths: { request: contentLength(messages), response: responseText.length } };
    }
    const requestText = messages === undefined ? '' : JSON.stringify(messages);
    const lengths = { request: requestText.length, response: responseText.length };
    if (m === 'full') return { request: messages, response: responseText, lengths };
    if (!redactAvailable || !ctx.scope) return { lengths };
    try {
      return {
        request: guard.redact(requestText, ctx.scope).text,
        response: guard.redact(responseText, ctx.scope, 'output').text,
        lengths,
      };
    } catch (error) {
      if (!isUnsupported(error)) throw error;
      redactAvailable = false;
      return { lengths };
    }
  }
}

/** Characters of message text, without serialising the messages. */
function contentLength(messages: unknown): number {
  if (!Array.isArray(messages)) return 0;
  let total = 0;
  for (const m of messages as { content?: unknown }[]) {
    const content = m?.content;
    if (typeof content === 'string') total += content.length;
    else if (Array.isArray(content)) {
      for (const part of content as { text?: unknown }[]) {
        if (typeof part?.text === 'string') total += part.text.length;
      }
    }
  }
  return total;
}

import type { GatewayContext } from '../context.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { approvalDenialText, reviewToolCall } from '../approvals/tool-call-review.js';
import { dropLogprobs, sideTexts } from '../guard/model-text-fields.js';
import { reject } from '../http/reject.js';
import type { ChatCompletion, ChatRequest, ChatToolCall } from '../providers/openai-types.js';
import { callUpstream } from './call-upstream.js';
import { encoderFor, noteDetections, recordUsage } from './chat-answer-shared.js';
import { respondStream } from './chat-stream-response.js';
import { routeFor } from './route-model.js';

/**
 * `POST /v1/chat/completions`: calls the provider, then reviews the answer
 * (tool calls against policy and approvals, output scan with redaction and
 * restore) before anything reaches the client; streams chunk by chunk.
 */
export function chatCompletionsHandler(deps: GatewayDeps): (ctx: GatewayContext) => Promise<void> {
  return async function chatCompletions(ctx) {
    // The body's shape was checked by chat-request-check earlier in the chain.
    const request = ctx.body as ChatRequest;
    const route = routeFor(ctx, deps.options.routes);
    const stream = request.stream === true;
    const clientWantsUsage =
      ctx.api === 'anthropic' ||
      ctx.route === '/v1/responses' ||
      request.stream_options?.include_usage === true;
    const result = await callUpstream(ctx, route, deps.metrics, (provider, model, signal) =>
      provider.chat(
        {
          ...request,
          model,
          ...(stream ? { stream_options: { ...request.stream_options, include_usage: true } } : {}),
        },
        signal,
      ),
    );
    if (result.kind === 'json') {
      if (result.status >= 400) return upstreamFailure(ctx, result.status, result.body);
      return respondJson(ctx, deps, result.body as ChatCompletion);
    }
    return respondStream(ctx, deps, result.events, clientWantsUsage);
  };
}

function upstreamFailure(ctx: GatewayContext, status: number, body: unknown): never {
  const upstreamMessage = (body as { error?: { message?: unknown } })?.error?.message;
  const detail = typeof upstreamMessage === 'string' ? `: ${upstreamMessage.slice(0, 200)}` : '';
  if (status === 429)
    reject(ctx, 'RATE_LIMITED', `Upstream rate limit${detail}`, {
      code: 'upstream_rate_limited',
      retryAfterSeconds: 1,
    });
  if (status >= 500)
    reject(ctx, 'UPSTREAM_ERROR', `Upstream provider failed with ${status}`, {
      code: 'upstream_error',
    });
  // The provider's own content filter (Azure OpenAI `code: content_filter`) keeps
  // its code, so clients handle it like any other filtered request.
  const upstreamCode = (body as { error?: { code?: unknown } })?.error?.code;
  if (upstreamCode === 'content_filter')
    reject(ctx, 'INPUT_INVALID', `Upstream content filter refused the request${detail}`, {
      code: 'content_filter',
    });
  reject(ctx, 'INPUT_INVALID', `Upstream rejected the request${detail}`, {
    code: 'upstream_bad_request',
  });
}

async function respondJson(
  ctx: GatewayContext,
  deps: GatewayDeps,
  completion: ChatCompletion,
): Promise<void> {
  const texts: string[] = [];
  for (const choice of completion.choices ?? []) {
    const message = choice.message;
    if (typeof message?.content === 'string' && message.content !== '') {
      const reviewed = reviewOutputText(ctx, deps, message.content);
      if (reviewed !== message.content) dropLogprobs(choice);
      message.content = reviewed;
      texts.push(reviewed);
    }
    // Reasoning and refusal texts are the model's words too.
    for (const [field, text] of message ? sideTexts(message) : []) {
      const reviewed = reviewOutputText(ctx, deps, text);
      (message as unknown as Record<string, unknown>)[field] = reviewed;
      texts.push(reviewed);
    }
    if (Array.isArray(message?.tool_calls) && message.tool_calls.length > 0) {
      const kept: ChatToolCall[] = [];
      const denials: string[] = [];
      for (const call of message.tool_calls) {
        const verdict = await reviewToolCall(ctx, call, deps.toolReview);
        ctx.decisions.push({ stage: 'response.tool_call', ...verdict.decision });
        if (verdict.kind === 'deny') {
          deps.metrics?.blocks.inc({ stage: 'tool_call' });
          reject(
            ctx,
            'FORBIDDEN',
            `Tool call ${call.function.name} denied: ${verdict.decision.reason}`,
            {
              code: 'tool_call_denied',
              ruleId: verdict.decision.ruleId,
            },
          );
        }
        if (verdict.kind === 'pending') denials.push(approvalDenialText(verdict.approval));
        else kept.push(call);
      }
      if (denials.length > 0) {
        delete message.tool_calls;
        message.content = denials.join('\n');
        choice.finish_reason = 'stop';
      } else {
        message.tool_calls = kept;
      }
      texts.push(JSON.stringify(message.tool_calls ?? message.content));
    }
  }
  recordUsage(ctx, deps, completion.usage);
  ctx.auditContent.response = texts.join('\n');
  ctx.auditContent.responseLength = texts.reduce((n, t) => n + t.length, 0);
  const body = encoderFor(ctx).json(completion);
  ctx.res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  ctx.res.end(body);
}

/** The output guard's verdict on one text of the answer: the text to send, or a 400 when it blocks. */
function reviewOutputText(ctx: GatewayContext, deps: GatewayDeps, text: string): string {
  const review = deps.output.review(text, ctx.principal?.roles ?? [], ctx.scope, ctx.redacted);
  noteDetections(ctx, deps, review.detections);
  if (review.decision.action === 'block') {
    ctx.decisions.push({
      stage: 'response.output',
      outcome: 'block',
      ruleId: review.decision.ruleId,
      reason: review.decision.reason,
    });
    deps.metrics?.blocks.inc({ stage: 'response' });
    reject(
      ctx,
      'BLOCKED',
      `Response blocked by Bulwark: the model output violates policy (${review.decision.ruleId})`,
      { code: 'content_filter', ruleId: review.decision.ruleId },
    );
  }
  if (review.redacted)
    ctx.decisions.push({
      stage: 'response.output',
      outcome: 'redact',
      ruleId: 'guard.redact',
      reason: 'output redacted',
    });
  return review.text;
}

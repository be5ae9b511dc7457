import type { Detection } from '@bulwark/core';
import type { GatewayContext } from '../context.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { anthropicEncoder } from '../http/anthropic-encoder.js';
import { openAiEncoder, type ChatEncoder } from '../http/chat-encoder.js';
import { responsesEncoder } from '../http/responses-encoder.js';
import type { ChatUsage } from '../providers/openai-types.js';

/* Bookkeeping shared by the JSON and the streamed chat answer. */

/** Keeps the upstream's real token usage for limits and the audit, and counts it. */
export function recordUsage(
  ctx: GatewayContext,
  deps: GatewayDeps,
  usage: ChatUsage | null | undefined,
): void {
  if (!usage) return;
  ctx.usage = {
    promptTokens: usage.prompt_tokens ?? 0,
    completionTokens: usage.completion_tokens ?? 0,
    totalTokens: usage.total_tokens ?? 0,
  };
  deps.metrics?.tokens.inc({ kind: 'prompt' }, ctx.usage.promptTokens);
  deps.metrics?.tokens.inc({ kind: 'completion' }, ctx.usage.completionTokens);
}

/** Adds response-side detections to the request's record and metrics. */
export function noteDetections(
  ctx: GatewayContext,
  deps: GatewayDeps,
  detections: readonly Detection[],
): void {
  for (const d of detections) {
    ctx.detections.push(d);
    deps.metrics?.detections.inc({ category: d.category, stage: 'response' });
  }
}

/** The encoder of the route's own wire format. */
export function encoderFor(ctx: GatewayContext): ChatEncoder {
  if (ctx.api === 'anthropic') return anthropicEncoder(ctx.model ?? '');
  if (ctx.route === '/v1/responses') return responsesEncoder(ctx.model ?? '');
  return openAiEncoder();
}

import type { Detection } from '@bulwark/core';
import type { GatewayContext } from '../context.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { approvalDenialText, reviewToolCall } from '../approvals/tool-call-review.js';
import type { ReleaseVerdict } from '../guard/output-scanner.js';
import { reject } from '../http/reject.js';
import { SseWriter } from '../http/sse-writer.js';
import { openAiEncoder, type ChatEncoder } from '../http/chat-encoder.js';
import { anthropicEncoder } from '../http/anthropic-encoder.js';
import { responsesEncoder } from '../http/responses-encoder.js';
import type {
  ChatChunk,
  ChatCompletion,
  ChatRequest,
  ChatToolCall,
  ChatUsage,
} from '../providers/openai-types.js';
import type { StreamEvents } from '../providers/provider.js';
import { StreamChunkReader, type WireChunk } from '../providers/stream-chunk-reader.js';
import { ContentBatch, plainContentOf, withContent } from './content-batch.js';
import { dropLogprobs, sideTexts } from '../guard/model-text-fields.js';
import { SideTextStreams } from '../guard/side-text-streams.js';
import { callUpstream } from './call-upstream.js';
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

function recordUsage(
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

function noteDetections(
  ctx: GatewayContext,
  deps: GatewayDeps,
  detections: readonly Detection[],
): void {
  for (const d of detections) {
    ctx.detections.push(d);
    deps.metrics?.detections.inc({ category: d.category, stage: 'response' });
  }
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

interface PendingToolCall {
  id: string;
  name: string;
  arguments: string;
}

async function respondStream(
  ctx: GatewayContext,
  deps: GatewayDeps,
  events: StreamEvents,
  clientWantsUsage: boolean,
): Promise<void> {
  const roles = ctx.principal?.roles ?? [];
  const scanner = deps.output.stream(
    roles,
    ctx.scope ?? { tenant: ctx.principal?.tenant ?? 'unknown', conversation: ctx.requestId },
    ctx.redacted,
  );
  const toolCalls = new Map<number, PendingToolCall>();
  const enc = encoderFor(ctx);
  let template: ChatChunk | undefined;
  /** Content text released to the client (it passed the release check). */
  let emitted = '';
  let blocked = false;
  let finishSeen = false;
  let doneSeen = false;
  const reader = new StreamChunkReader();

  /** Records a block and returns the error frame that ends the stream. */
  const blockFrame = (ruleId: string, reason: string, code: string): string => {
    ctx.decisions.push({ stage: 'response.stream', outcome: 'block', ruleId, reason });
    deps.metrics?.blocks.inc({ stage: 'stream' });
    ctx.status = 400;
    blocked = true;
    ctx.abort.abort();
    return enc.error(`Response blocked by Bulwark (${ruleId})`, code, ruleId);
  };
  // Emitted text is checked once per written batch, just before it leaves.
  const checkRelease = scanner.checkRelease;
  const out = new SseWriter(ctx.res, (text) => {
    if (checkRelease) {
      let verdict: ReleaseVerdict;
      try {
        verdict = checkRelease(text);
      } catch (error) {
        // The check runs from the writer's flush, outside this handler's try:
        // fail closed (the batch is not sent) and end the stream as failed.
        deps.options.logger.error({ requestId: ctx.requestId, err: error }, 'output check failed');
        ctx.status = 500;
        blocked = true;
        ctx.abort.abort();
        return enc.error('Request failed', 'internal_error', 'gateway.error');
      }
      noteDetections(ctx, deps, verdict.detections);
      if (verdict.blocked)
        return blockFrame('guard.output', 'output blocked mid-stream', 'content_filter');
    }
    emitted += text;
    return undefined;
  });
  out.start();
  const blockStream = async (ruleId: string, reason: string, code: string): Promise<void> => {
    await out.raw(blockFrame(ruleId, reason, code));
  };
  const passThrough = scanner.preservesChunks === true;
  const held: { chunk: ChatChunk; raw: string | undefined; text: string }[] = [];
  /** Writes held frames covering `emit` (whole chunks, in order). */
  const release = async (emit: string): Promise<boolean> => {
    let remaining = emit.length;
    while (remaining > 0 && held.length > 0) {
      const frame = held.shift() as (typeof held)[number];
      remaining -= frame.text.length;
      if (!(await out.raw(enc.chunk(frame.chunk, frame.raw), frame.text))) return false;
    }
    return true;
  };
  const contentChunkObject = (text: string): ChatChunk => ({
    ...(template as ChatChunk),
    choices: [{ index: 0, delta: { content: text }, finish_reason: null }],
    usage: undefined,
  });
  const contentChunk = (text: string): string =>
    enc.chunk(
      {
        ...(template as ChatChunk),
        choices: [{ index: 0, delta: { content: text }, finish_reason: null }],
        usage: undefined,
      },
      undefined,
    );

  // Plain content events of one network read are scanned together (see
  // content-batch.ts); the windowed fallback scanner keeps its own path.
  const batch = new ContentBatch(!passThrough && events.buffered !== undefined);
  const flushBatch = async (): Promise<boolean> => {
    if (batch.size === 0) return true;
    const { frames, text } = batch.take();
    const step = scanner.push(text);
    noteDetections(ctx, deps, step.detections);
    if (step.blocked) {
      await blockStream('guard.output', 'output blocked mid-stream', 'content_filter');
      return false;
    }
    const released = batch.release(frames, text, step.emit);
    if (released) {
      for (const frame of released) {
        // `raw` answers true at once unless the client pushes back: await only then.
        const written = out.raw(enc.chunk(frame.chunk, frame.raw), frame.text);
        if (written !== true && !(await written)) return false;
      }
      return true;
    }
    // The scanner rewrote text: what it released leaves in the last event's frame.
    const last = frames[frames.length - 1] as (typeof frames)[number];
    if (step.emit === '') return true;
    return out.raw(enc.chunk(withContent(last.chunk, step.emit), undefined), step.emit);
  };

  // Reasoning and refusal texts, each through its own scanner (opened when first seen).
  const sides = new SideTextStreams(() =>
    deps.output.stream(
      roles,
      ctx.scope ?? { tenant: ctx.principal?.tenant ?? 'unknown', conversation: ctx.requestId },
      ctx.redacted,
    ),
  );

  const flushScanner = async (): Promise<boolean> => {
    const sideEnd = sides.end();
    noteDetections(ctx, deps, sideEnd.detections);
    if (sideEnd.blocked) {
      await blockStream('guard.output', 'output blocked at end of stream', 'content_filter');
      return false;
    }
    const sideRest = Object.values(sideEnd.rest).join('');
    if (sideRest !== '' && template) {
      const last = { ...(template as ChatChunk), usage: undefined };
      last.choices = [{ index: 0, delta: sideEnd.rest, finish_reason: null }];
      await out.raw(enc.chunk(last, undefined), sideRest);
    }
    const step = scanner.end();
    // The scanner's buffer is empty now, unlike what the batch assumes it holds.
    batch.disable();
    noteDetections(ctx, deps, step.detections);
    if (step.blocked) {
      await blockStream('guard.output', 'output blocked at end of stream', 'content_filter');
      return false;
    }
    if (passThrough) return release(step.emit);
    if (step.emit !== '' && template) await out.raw(contentChunk(step.emit), step.emit);
    return true;
  };

  try {
    for await (const data of events) {
      if (blocked) break;
      // Read on to the end of the upstream body after [DONE] (it ends right
      // after) so the pooled connection is reused rather than torn down.
      if (doneSeen) continue;
      let chunk: WireChunk | undefined;
      if (data !== '[DONE]') {
        chunk = reader.read(data);
        const content = batch.enabled && chunk ? plainContentOf(chunk) : undefined;
        if (chunk && content !== undefined) {
          template ??= chunk;
          batch.add({ chunk, raw: reader.verbatim ? data : undefined, text: content });
          // More events of this read are waiting: scan them together.
          if ((events.buffered ?? 0) > 0) continue;
          if (!(await flushBatch())) break;
          continue;
        }
      }
      // Anything else goes out after the content before it.
      if (!(await flushBatch())) break;
      if (data === '[DONE]') {
        doneSeen = true;
        continue;
      }
      if (chunk === undefined) continue;
      if (chunk.error) {
        await out.raw(
          enc.error(
            'Upstream provider failed during the stream',
            'upstream_error',
            'provider.stream_error',
          ),
        );
        ctx.status = 502;
        blocked = true;
        break;
      }
      template ??= chunk;
      if (chunk.usage) recordUsage(ctx, deps, chunk.usage);
      const choice = chunk.choices?.[0];
      if (!choice) {
        if (chunk.usage && clientWantsUsage) await out.raw(enc.chunk(chunk, undefined));
        continue;
      }
      const delta = choice.delta ?? {};
      let changed = false;
      if (passThrough && typeof delta.content === 'string' && delta.content !== '') {
        // The scanner emits whole chunks unchanged: hold the original frame and
        // forward it untouched once released (no re-serialisation, no merging).
        const plain =
          delta.role === undefined &&
          !delta.tool_calls &&
          !choice.finish_reason &&
          !chunk.usage &&
          sideTexts(delta).length === 0;
        const content = delta.content;
        held.push(
          plain
            ? { chunk, raw: reader.verbatim ? data : undefined, text: content }
            : { chunk: contentChunkObject(content), raw: undefined, text: content },
        );
        const step = scanner.push(content);
        noteDetections(ctx, deps, step.detections);
        if (step.blocked) {
          await blockStream('guard.output', 'output blocked mid-stream', 'content_filter');
          break;
        }
        if (!(await release(step.emit))) break;
        if (plain) continue;
        // The text left in a frame of its own (released when scanned): so do its tokens.
        delta.content = '';
        dropLogprobs(choice);
        changed = true;
      } else if (typeof delta.content === 'string' && delta.content !== '') {
        // Pushed outside a batch: the batch no longer knows what the scanner holds.
        batch.disable();
        const step = scanner.push(delta.content);
        noteDetections(ctx, deps, step.detections);
        if (step.blocked) {
          await blockStream('guard.output', 'output blocked mid-stream', 'content_filter');
          break;
        }
        if (step.emit !== delta.content) {
          delta.content = step.emit;
          dropLogprobs(choice);
          changed = true;
        }
      }
      const side = sides.push(delta);
      noteDetections(ctx, deps, side.detections);
      if (side.blocked) {
        await blockStream('guard.output', 'output blocked mid-stream', 'content_filter');
        break;
      }
      if (side.changed) changed = true;
      if (Array.isArray(delta.tool_calls)) {
        for (const part of delta.tool_calls) {
          const pending = toolCalls.get(part.index) ?? { id: '', name: '', arguments: '' };
          if (part.id) pending.id = part.id;
          if (part.function?.name) pending.name += part.function.name;
          if (part.function?.arguments) pending.arguments += part.function.arguments;
          toolCalls.set(part.index, pending);
        }
        delete delta.tool_calls;
        changed = true;
      }
      if (choice.finish_reason) {
        finishSeen = true;
        // This event's own text precedes what the scanner still holds back.
        if (!passThrough && typeof delta.content === 'string' && delta.content !== '') {
          if (!(await out.raw(contentChunk(delta.content), delta.content))) break;
          delta.content = '';
          changed = true;
        }
        if (!(await flushScanner())) break;
        if (toolCalls.size > 0) {
          const kept: PendingToolCall[] = [];
          const denials: string[] = [];
          for (const pending of toolCalls.values()) {
            const call: ChatToolCall = {
              id: pending.id,
              type: 'function',
              function: { name: pending.name, arguments: pending.arguments },
            };
            const verdict = await reviewToolCall(ctx, call, deps.toolReview);
            ctx.decisions.push({ stage: 'response.tool_call', ...verdict.decision });
            if (verdict.kind === 'deny') {
              await blockStream(
                verdict.decision.ruleId,
                verdict.decision.reason,
                'tool_call_denied',
              );
              break;
            }
            if (verdict.kind === 'pending') denials.push(approvalDenialText(verdict.approval));
            else kept.push(pending);
          }
          if (blocked) break;
          if (denials.length > 0) {
            await out.raw(contentChunk(denials.join('\n')));
            choice.finish_reason = 'stop';
            changed = true;
          } else {
            for (const [index, call] of kept.entries()) {
              await out.raw(
                enc.chunk(
                  {
                    ...chunk,
                    choices: [
                      {
                        index: 0,
                        delta: {
                          tool_calls: [
                            {
                              index,
                              id: call.id,
                              type: 'function',
                              function: { name: call.name, arguments: call.arguments },
                            },
                          ],
                        },
                        finish_reason: null,
                      },
                    ],
                    usage: undefined,
                  },
                  undefined,
                ),
              );
            }
          }
          ctx.auditContent.response = JSON.stringify(
            [...toolCalls.values()].map((c) => ({ name: c.name, arguments: c.arguments })),
          );
        }
      }
      const deltaEmpty = delta.content === '' && delta.role === undefined;
      if (changed && deltaEmpty && !choice.finish_reason && !chunk.usage) continue;
      if (chunk.usage && !clientWantsUsage) {
        delete chunk.usage;
        changed = true;
      }
      const text = (typeof delta.content === 'string' ? delta.content : '') + side.emitted;
      const verbatim = !changed && reader.verbatim;
      if (!(await out.raw(enc.chunk(chunk, verbatim ? data : undefined), text))) break;
    }
    if (!blocked && out.open && !(await flushBatch())) blocked = true;
    if (!blocked && !finishSeen && out.open) await flushScanner();
    if (!blocked && out.open) await out.raw(enc.done());
  } catch (error) {
    if (!ctx.abort.signal.aborted) {
      ctx.status = 502;
      await out.raw(enc.error('Upstream stream failed', 'upstream_error', 'provider.stream_error'));
      deps.options.logger.warn({ requestId: ctx.requestId, err: error }, 'upstream stream failed');
    }
  } finally {
    // Ending the writer releases (and checks) the last batch before the audit reads `emitted`.
    out.end();
    ctx.auditContent.response ??= emitted;
    ctx.auditContent.responseLength = emitted.length;
  }
}

function encoderFor(ctx: GatewayContext): ChatEncoder {
  if (ctx.api === 'anthropic') return anthropicEncoder(ctx.model ?? '');
  if (ctx.route === '/v1/responses') return responsesEncoder(ctx.model ?? '');
  return openAiEncoder();
}

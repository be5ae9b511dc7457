import type { GatewayContext } from '../context.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { approvalDenialText, reviewToolCall } from '../approvals/tool-call-review.js';
import { dropLogprobs, sideTexts } from '../guard/model-text-fields.js';
import type { ReleaseVerdict } from '../guard/output-scanner.js';
import { SideTextStreams } from '../guard/side-text-streams.js';
import { SseWriter } from '../http/sse-writer.js';
import type { ChatChunk, ChatToolCall } from '../providers/openai-types.js';
import type { StreamEvents } from '../providers/provider.js';
import { StreamChunkReader, type WireChunk } from '../providers/stream-chunk-reader.js';
import { encoderFor, noteDetections, recordUsage } from './chat-answer-shared.js';
import { ContentBatch, plainContentOf, withContent } from './content-batch.js';

interface PendingToolCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * Sends a streamed chat answer chunk by chunk in the route's wire format:
 * content, reasoning and refusal texts through the output stream scanners
 * (released batch by batch after the release check), tool calls reviewed
 * once complete, a block ending the stream with the API's error event.
 */
export async function respondStream(
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

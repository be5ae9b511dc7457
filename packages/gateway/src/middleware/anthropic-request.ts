import type { Middleware } from '../context.js';
import { anthropicRequestProblem } from '../http/anthropic-request-shape.js';
import { reject, rejectField } from '../http/reject.js';
import type { ChatMessage, ChatRequest, ChatToolDefinition } from '../providers/openai-types.js';

interface AnthropicBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  tool_use_id?: string;
  content?: string | AnthropicBlock[];
}

interface AnthropicRequest {
  model?: unknown;
  max_tokens?: unknown;
  system?: string | AnthropicBlock[];
  messages?: { role: string; content: string | AnthropicBlock[] }[];
  stream?: boolean;
  tools?: { name: string; description?: string; input_schema?: unknown }[];
  temperature?: number;
  top_p?: number;
  stop_sequences?: string[];
}

/**
 * Translates an Anthropic Messages request into the internal chat format so
 * the same authorize/limit/guard/policy steps apply: `system` becomes a
 * system message, `tool_use` blocks tool calls, `tool_result` blocks tool
 * messages (scanned as `context`). Unsupported blocks (images) are refused.
 */
export function anthropicRequest(): Middleware {
  return async function anthropicRequestStep(ctx, next) {
    const problem = anthropicRequestProblem(ctx.body as Record<string, unknown>);
    if (problem !== undefined) rejectField(ctx, problem, 'invalid_request');
    // Checked above: every field read below has its documented type.
    const body = ctx.body as AnthropicRequest & {
      messages: NonNullable<AnthropicRequest['messages']>;
      max_tokens: number;
    };
    const messages: ChatMessage[] = [];
    const system = textOf(body.system);
    if (system) messages.push({ role: 'system', content: system });
    for (const m of body.messages) {
      if (typeof m.content === 'string') {
        messages.push({ role: m.role, content: m.content });
        continue;
      }
      if (!Array.isArray(m.content))
        reject(ctx, 'INPUT_INVALID', 'message content must be a string or blocks', {
          code: 'invalid_request',
        });
      const texts: string[] = [];
      const toolCalls: NonNullable<ChatMessage['tool_calls']> = [];
      for (const block of m.content) {
        if (block.type === 'text') texts.push(block.text ?? '');
        else if (block.type === 'tool_use') {
          toolCalls.push({
            id: block.id ?? '',
            type: 'function',
            function: { name: block.name ?? '', arguments: JSON.stringify(block.input ?? {}) },
          });
        } else if (block.type === 'tool_result') {
          messages.push({
            role: 'tool',
            tool_call_id: block.tool_use_id ?? '',
            content: textOf(block.content),
          });
        } else {
          reject(
            ctx,
            'UNSUPPORTED',
            `content block type "${block.type}" is not supported by this gateway`,
            { code: 'unsupported_block' },
          );
        }
      }
      if (texts.length > 0 || toolCalls.length > 0) {
        messages.push({
          role: m.role,
          content: texts.join('\n'),
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        });
      }
    }
    const tools: ChatToolDefinition[] | undefined = body.tools?.map((t) => ({
      type: 'function',
      function: {
        name: t.name,
        ...(t.description !== undefined ? { description: t.description } : {}),
        parameters: t.input_schema,
      },
    }));
    const chat: ChatRequest = {
      model: typeof body.model === 'string' ? body.model : '',
      messages,
      max_tokens: body.max_tokens,
      ...(body.stream === true ? { stream: true } : {}),
      ...(tools ? { tools } : {}),
      ...(body.temperature !== undefined ? { temperature: body.temperature } : {}),
      ...(body.top_p !== undefined ? { top_p: body.top_p } : {}),
      ...(body.stop_sequences ? { stop: body.stop_sequences } : {}),
    };
    ctx.body = chat;
    await next();
  };
}

function textOf(value: string | AnthropicBlock[] | undefined): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return '';
  return value.map((b) => (b.type === 'text' ? (b.text ?? '') : '')).join('\n');
}

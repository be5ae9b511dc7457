import type { Middleware } from '../context.js';
import { reject, rejectField } from '../http/reject.js';
import { responsesRequestProblem } from '../http/responses-request-shape.js';
import type { ChatMessage, ChatRequest, ChatToolDefinition } from '../providers/openai-types.js';

interface ResponsesPart {
  type: string;
  text?: string;
}

interface ResponsesItem {
  type?: string;
  role?: string;
  content?: string | ResponsesPart[];
  call_id?: string;
  name?: string;
  arguments?: string;
  output?: string | ResponsesPart[];
}

interface ResponsesRequest {
  model?: unknown;
  input?: string | ResponsesItem[];
  instructions?: string;
  tools?: { type: string; name?: string; description?: string; parameters?: unknown }[];
  stream?: boolean;
  max_output_tokens?: number;
  temperature?: number;
  top_p?: number;
}

/**
 * Translates an OpenAI Responses API request (`input` items, `instructions`,
 * function tools) into the internal chat format so the same chain applies:
 * `function_call_output` items become tool messages (scanned as `context`).
 * Built-in tools (web search, file search, …) are refused: the gateway cannot
 * see or police what they do.
 */
export function responsesRequest(): Middleware {
  return async function responsesRequestStep(ctx, next) {
    const problem = responsesRequestProblem(ctx.body as Record<string, unknown>);
    if (problem !== undefined) rejectField(ctx, problem, 'invalid_input');
    // Checked above: every field read below has its documented type.
    const body = ctx.body as ResponsesRequest;
    const messages: ChatMessage[] = [];
    if (typeof body.instructions === 'string' && body.instructions !== '') {
      messages.push({ role: 'system', content: body.instructions });
    }
    if (typeof body.input === 'string') messages.push({ role: 'user', content: body.input });
    else if (Array.isArray(body.input)) {
      for (const item of body.input) {
        if (item.type === 'function_call') {
          messages.push({
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: item.call_id ?? '',
                type: 'function',
                function: { name: item.name ?? '', arguments: item.arguments ?? '{}' },
              },
            ],
          });
        } else if (item.type === 'function_call_output') {
          messages.push({
            role: 'tool',
            tool_call_id: item.call_id ?? '',
            content: textOf(item.output),
          });
        } else if (item.type === undefined || item.type === 'message') {
          messages.push({ role: item.role ?? 'user', content: textOf(item.content) });
        } else {
          reject(
            ctx,
            'UNSUPPORTED',
            `input item type "${item.type}" is not supported by this gateway`,
            { code: 'unsupported_item' },
          );
        }
      }
    } else {
      reject(ctx, 'INPUT_INVALID', 'Field "input" is required', { code: 'invalid_input' });
    }
    const tools: ChatToolDefinition[] = [];
    for (const tool of body.tools ?? []) {
      if (tool.type !== 'function' || typeof tool.name !== 'string') {
        reject(
          ctx,
          'UNSUPPORTED',
          `tool type "${tool.type}" is not supported by this gateway (function tools only)`,
          { code: 'unsupported_tool' },
        );
      }
      tools.push({
        type: 'function',
        function: {
          name: tool.name,
          ...(tool.description !== undefined ? { description: tool.description } : {}),
          parameters: tool.parameters,
        },
      });
    }
    const chat: ChatRequest = {
      model: typeof body.model === 'string' ? body.model : '',
      messages,
      ...(body.stream === true ? { stream: true } : {}),
      ...(tools.length > 0 ? { tools } : {}),
      ...(body.max_output_tokens !== undefined ? { max_tokens: body.max_output_tokens } : {}),
      ...(body.temperature !== undefined ? { temperature: body.temperature } : {}),
      ...(body.top_p !== undefined ? { top_p: body.top_p } : {}),
    };
    ctx.body = chat;
    await next();
  };
}

function textOf(value: string | ResponsesPart[] | undefined): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return '';
  return value.map((p) => (typeof p.text === 'string' ? p.text : '')).join('\n');
}

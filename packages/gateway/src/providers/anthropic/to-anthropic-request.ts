import type { ChatContentPart, ChatMessage, ChatRequest } from '../openai-types.js';
import type {
  AnthropicContentBlock,
  AnthropicMessage,
  AnthropicRequest,
  AnthropicToolChoice,
} from './anthropic-wire.js';

export type RequestMapping = { ok: true; value: AnthropicRequest } | { ok: false; message: string };

/**
 * Translates the gateway's internal (OpenAI chat) request into an Anthropic
 * Messages request: system/developer messages become the top-level `system`,
 * assistant tool calls `tool_use` blocks, tool messages `tool_result` blocks
 * in a user turn; consecutive turns of one role are merged (the API wants
 * them alternating). `max_tokens` is required there, so `defaultMaxTokens`
 * fills it when the client sent none. Anything that cannot be expressed
 * (unparseable tool arguments, unknown content parts) is a client error.
 */
export function toAnthropicRequest(request: ChatRequest, defaultMaxTokens: number): RequestMapping {
  const system: string[] = [];
  const messages: AnthropicMessage[] = [];
  const push = (role: AnthropicMessage['role'], blocks: AnthropicContentBlock[]): void => {
    if (blocks.length === 0) return;
    const last = messages.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else messages.push({ role, content: blocks });
  };
  for (const [index, message] of request.messages.entries()) {
    const where = `messages[${index}]`;
    if (message.role === 'system' || message.role === 'developer') {
      const text = plainText(message);
      if (text === undefined) return fail(`${where}: system content must be text`);
      system.push(text);
      continue;
    }
    if (message.role === 'tool') {
      const text = plainText(message);
      if (text === undefined) return fail(`${where}: tool content must be text`);
      push('user', [
        { type: 'tool_result', tool_use_id: message.tool_call_id ?? '', content: text },
      ]);
      continue;
    }
    if (message.role !== 'user' && message.role !== 'assistant') {
      return fail(`${where}: role "${message.role}" cannot be sent to an Anthropic upstream`);
    }
    const blocks = contentBlocks(message, where);
    if (typeof blocks === 'string') return fail(blocks);
    for (const call of message.role === 'assistant' ? (message.tool_calls ?? []) : []) {
      const input = parseArguments(call.function.arguments);
      if (input === undefined)
        return fail(`${where}: tool call ${call.id} has arguments that are not a JSON object`);
      blocks.push({ type: 'tool_use', id: call.id, name: call.function.name, input });
    }
    push(message.role, blocks);
  }

  const maxTokens = numberField(request.max_completion_tokens) ?? numberField(request.max_tokens);
  const value: AnthropicRequest = {
    model: request.model,
    max_tokens: maxTokens ?? defaultMaxTokens,
    messages,
  };
  if (system.length > 0) value.system = system.join('\n\n');
  if (request.stream === true) value.stream = true;
  if (request.tools && request.tools.length > 0) {
    value.tools = request.tools.map((tool) => ({
      name: tool.function.name,
      ...(tool.function.description !== undefined
        ? { description: tool.function.description }
        : {}),
      input_schema: tool.function.parameters ?? { type: 'object', properties: {} },
    }));
  }
  const choice = toolChoice(request.tool_choice, request.parallel_tool_calls === false);
  if (choice && value.tools) value.tool_choice = choice;
  const temperature = numberField(request.temperature);
  if (temperature !== undefined) value.temperature = Math.min(1, temperature);
  const topP = numberField(request.top_p);
  if (topP !== undefined) value.top_p = topP;
  const stop = request.stop;
  if (typeof stop === 'string') value.stop_sequences = [stop];
  else if (Array.isArray(stop)) value.stop_sequences = stop.filter((s) => typeof s === 'string');
  return { ok: true, value };
}

function fail(message: string): RequestMapping {
  return { ok: false, message };
}

function numberField(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Content of a system or tool message as one string, or undefined when it holds non-text parts. */
function plainText(message: ChatMessage): string | undefined {
  const content = message.content;
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  const texts: string[] = [];
  for (const part of content) {
    if (part.type !== 'text' || typeof part.text !== 'string') return undefined;
    texts.push(part.text);
  }
  return texts.join('\n');
}

/** User/assistant content as Anthropic blocks, or an error message. */
function contentBlocks(message: ChatMessage, where: string): AnthropicContentBlock[] | string {
  const content = message.content;
  if (content === undefined || content === null || content === '') return [];
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const blocks: AnthropicContentBlock[] = [];
  for (const [index, part] of content.entries()) {
    const block = partBlock(part);
    if (!block) return `${where}.content[${index}]: part type "${part.type}" is not supported`;
    blocks.push(block);
  }
  return blocks;
}

/** `data:` URLs become base64 image sources (RFC 2397); other URLs are passed as URL sources. */
const DATA_URL = /^data:(image\/[a-z0-9.+-]{1,40});base64,/i;

function partBlock(part: ChatContentPart): AnthropicContentBlock | undefined {
  if (part.type === 'text' && typeof part.text === 'string')
    return { type: 'text', text: part.text };
  if (part.type !== 'image_url') return undefined;
  const url = (part as { image_url?: { url?: unknown } }).image_url?.url;
  if (typeof url !== 'string') return undefined;
  const data = DATA_URL.exec(url);
  if (data) {
    return {
      type: 'image',
      source: {
        type: 'base64',
        media_type: (data[1] ?? '').toLowerCase(),
        data: url.slice(data[0].length),
      },
    };
  }
  if (!/^https?:\/\//i.test(url)) return undefined;
  return { type: 'image', source: { type: 'url', url } };
}

function parseArguments(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** OpenAI `tool_choice` → Anthropic (`required` is `any`; a named function is `tool`). */
function toolChoice(choice: unknown, noParallel: boolean): AnthropicToolChoice | undefined {
  const parallel = noParallel ? { disable_parallel_tool_use: true } : {};
  if (choice === 'auto') return { type: 'auto', ...parallel };
  if (choice === 'required') return { type: 'any', ...parallel };
  if (choice === 'none') return { type: 'none' };
  const name = (choice as { function?: { name?: unknown } } | undefined)?.function?.name;
  if (typeof name === 'string') return { type: 'tool', name, ...parallel };
  return noParallel ? { type: 'auto', disable_parallel_tool_use: true } : undefined;
}

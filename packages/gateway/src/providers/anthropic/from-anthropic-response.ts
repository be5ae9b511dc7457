import type { ChatCompletion, ChatToolCall } from '../openai-types.js';
import {
  FINISH_REASONS,
  promptTokensOf,
  type AnthropicError,
  type AnthropicResponse,
} from './anthropic-wire.js';

/** A fixed creation time: Anthropic answers carry none, and a clock read per answer buys nothing. */
export const CREATED = 0;

/**
 * An Anthropic Messages answer as an OpenAI chat completion: text blocks
 * joined into `content`, `tool_use` blocks as `tool_calls` (input serialised
 * as the arguments string), `stop_reason` mapped, usage in OpenAI terms.
 * Blocks the gateway cannot review (thinking, server tools) are dropped.
 */
export function fromAnthropicResponse(body: AnthropicResponse, model: string): ChatCompletion {
  const texts: string[] = [];
  const toolCalls: ChatToolCall[] = [];
  for (const block of body.content ?? []) {
    if (block.type === 'text' && typeof block.text === 'string') texts.push(block.text);
    else if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id ?? '',
        type: 'function',
        function: { name: block.name ?? '', arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  }
  const promptTokens = promptTokensOf(body.usage);
  const completionTokens = body.usage?.output_tokens ?? 0;
  return {
    id: body.id ?? 'msg_unknown',
    object: 'chat.completion',
    created: CREATED,
    model: body.model ?? model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: texts.length > 0 ? texts.join('') : null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: FINISH_REASONS[body.stop_reason ?? ''] ?? 'stop',
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}

/** Anthropic `error.type` → OpenAI error `type` (docs.anthropic.com/en/api/errors). */
const ERROR_TYPES: Readonly<Record<string, string>> = {
  invalid_request_error: 'invalid_request_error',
  authentication_error: 'authentication_error',
  permission_error: 'permission_error',
  not_found_error: 'not_found_error',
  request_too_large: 'invalid_request_error',
  rate_limit_error: 'rate_limit_error',
  api_error: 'api_error',
  overloaded_error: 'api_error',
};

/** `{type:"error",error:{type,message}}` → `{error:{message,type,code}}`, the shape the routes read. */
export function fromAnthropicError(body: unknown): {
  error: { message: string; type: string; code: string };
} {
  const error = (body as AnthropicError | undefined)?.error;
  const type = typeof error?.type === 'string' ? error.type : 'api_error';
  return {
    error: {
      message: typeof error?.message === 'string' ? error.message : 'upstream error',
      type: ERROR_TYPES[type] ?? 'api_error',
      code: type,
    },
  };
}

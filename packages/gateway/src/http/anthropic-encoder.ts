import type { ChatCompletion } from '../providers/openai-types.js';
import type { ChatEncoder } from './chat-encoder.js';
import { streamErrorEvent } from './error-shapes.js';

const STOP_REASONS: Record<string, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  content_filter: 'refusal',
};

const frame = (event: string, data: unknown): string =>
  `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * Anthropic Messages API encoding (docs.anthropic.com/en/api/messages and
 * /en/docs/build-with-claude/streaming): message_start, content blocks
 * (text_delta / input_json_delta), message_delta with stop_reason and usage,
 * message_stop; errors as `event: error`.
 */
export function anthropicEncoder(model: string): ChatEncoder {
  let started = false;
  let openBlock: 'text' | 'tool_use' | undefined;
  let index = -1;
  let stopReason = 'end_turn';
  let usage = { input_tokens: 0, output_tokens: 0 };
  let id = 'msg_bulwark';

  const start = (): string => {
    if (started) return '';
    started = true;
    return frame('message_start', {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage,
      },
    });
  };
  const closeBlock = (): string => {
    if (!openBlock) return '';
    openBlock = undefined;
    return frame('content_block_stop', { type: 'content_block_stop', index });
  };

  return {
    json(completion: ChatCompletion) {
      const message = completion.choices[0]?.message;
      const content: unknown[] = [];
      if (typeof message?.content === 'string' && message.content !== '')
        content.push({ type: 'text', text: message.content });
      for (const call of message?.tool_calls ?? []) {
        content.push({
          type: 'tool_use',
          id: call.id,
          name: call.function.name,
          input: parseInput(call.function.arguments),
        });
      }
      return JSON.stringify({
        id: completion.id,
        type: 'message',
        role: 'assistant',
        model,
        content,
        stop_reason: STOP_REASONS[completion.choices[0]?.finish_reason ?? 'stop'] ?? 'end_turn',
        stop_sequence: null,
        usage: {
          input_tokens: completion.usage?.prompt_tokens ?? 0,
          output_tokens: completion.usage?.completion_tokens ?? 0,
        },
      });
    },
    chunk(chunk) {
      if (!started && chunk.id) id = chunk.id;
      let out = start();
      if (chunk.usage)
        usage = {
          input_tokens: chunk.usage.prompt_tokens,
          output_tokens: chunk.usage.completion_tokens,
        };
      const choice = chunk.choices?.[0];
      if (!choice) return out;
      const text = choice.delta?.content;
      if (typeof text === 'string' && text !== '') {
        if (openBlock !== 'text') {
          out += closeBlock();
          index++;
          openBlock = 'text';
          out += frame('content_block_start', {
            type: 'content_block_start',
            index,
            content_block: { type: 'text', text: '' },
          });
        }
        out += frame('content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: { type: 'text_delta', text },
        });
      }
      for (const call of choice.delta?.tool_calls ?? []) {
        out += closeBlock();
        index++;
        openBlock = 'tool_use';
        out += frame('content_block_start', {
          type: 'content_block_start',
          index,
          content_block: {
            type: 'tool_use',
            id: call.id ?? '',
            name: call.function?.name ?? '',
            input: {},
          },
        });
        out += frame('content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: call.function?.arguments ?? '' },
        });
      }
      if (choice.finish_reason) stopReason = STOP_REASONS[choice.finish_reason] ?? 'end_turn';
      return out;
    },
    done() {
      return (
        start() +
        closeBlock() +
        frame('message_delta', {
          type: 'message_delta',
          delta: { stop_reason: stopReason, stop_sequence: null },
          usage: { output_tokens: usage.output_tokens },
        }) +
        frame('message_stop', { type: 'message_stop' })
      );
    },
    error: (message, code, ruleId) => streamErrorEvent('anthropic', message, code, ruleId),
  };
}

function parseInput(args: string): unknown {
  try {
    return JSON.parse(args);
  } catch {
    return {};
  }
}

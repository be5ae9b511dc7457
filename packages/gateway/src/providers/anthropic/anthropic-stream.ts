import type { ChatChunk, ChatUsage } from '../openai-types.js';
import { FINISH_REASONS, promptTokensOf, type AnthropicUsage } from './anthropic-wire.js';
import { CREATED, fromAnthropicError } from './from-anthropic-response.js';

interface StreamEvent {
  type?: string;
  index?: number;
  message?: { id?: string; model?: string; usage?: AnthropicUsage };
  content_block?: { type?: string; id?: string; name?: string; text?: string };
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string | null };
  usage?: AnthropicUsage;
  error?: unknown;
}

/**
 * Translates an Anthropic Messages event stream (docs.anthropic.com/en/docs/
 * build-with-claude/streaming) into OpenAI chat chunk payloads, one chunk per
 * content event so the gateway's stream scan sees the same pacing:
 * `message_start` → role chunk; `text_delta` → content; a `tool_use` block
 * start → a tool-call header, each `input_json_delta` → argument text;
 * `message_delta` → `finish_reason`; `message_stop` → a usage chunk (when
 * asked) and `[DONE]`. An `error` event becomes `{"error":{…}}`, which the
 * gateway turns into its own stream error. `ping` and thinking are dropped.
 */
export async function* chunksFromAnthropicEvents(
  events: AsyncIterable<string>,
  model: string,
  includeUsage: boolean,
): AsyncGenerator<string> {
  let id = 'msg_unknown';
  let name = model;
  let promptTokens = 0;
  let completionTokens = 0;
  /** Anthropic block index → OpenAI tool-call index (tool calls are numbered from 0). */
  const toolIndex = new Map<number, number>();
  const chunk = (delta: ChatChunk['choices'][number]['delta'], finish: string | null): string =>
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created: CREATED,
      model: name,
      choices: [{ index: 0, delta, finish_reason: finish }],
    } satisfies ChatChunk);

  for await (const data of events) {
    let event: StreamEvent;
    try {
      event = JSON.parse(data) as StreamEvent;
    } catch {
      continue;
    }
    switch (event.type) {
      case 'message_start':
        id = event.message?.id ?? id;
        name = event.message?.model ?? name;
        promptTokens = promptTokensOf(event.message?.usage);
        completionTokens = event.message?.usage?.output_tokens ?? 0;
        yield chunk({ role: 'assistant', content: '' }, null);
        break;
      case 'content_block_start': {
        const block = event.content_block;
        if (block?.type === 'tool_use') {
          const index = toolIndex.size;
          toolIndex.set(event.index ?? -1, index);
          yield chunk(
            {
              tool_calls: [
                {
                  index,
                  id: block.id ?? '',
                  type: 'function',
                  function: { name: block.name ?? '', arguments: '' },
                },
              ],
            },
            null,
          );
        } else if (block?.type === 'text' && block.text) {
          yield chunk({ content: block.text }, null);
        }
        break;
      }
      case 'content_block_delta': {
        const delta = event.delta;
        if (delta?.type === 'text_delta' && delta.text) {
          yield chunk({ content: delta.text }, null);
        } else if (delta?.type === 'input_json_delta' && delta.partial_json) {
          const index = toolIndex.get(event.index ?? -1);
          if (index !== undefined)
            yield chunk(
              { tool_calls: [{ index, function: { arguments: delta.partial_json } }] },
              null,
            );
        }
        break;
      }
      case 'message_delta':
        if (event.usage?.output_tokens !== undefined) completionTokens = event.usage.output_tokens;
        if (event.usage?.input_tokens !== undefined) promptTokens = promptTokensOf(event.usage);
        if (event.delta?.stop_reason)
          yield chunk({}, FINISH_REASONS[event.delta.stop_reason] ?? 'stop');
        break;
      case 'message_stop': {
        if (includeUsage) {
          const usage: ChatUsage = {
            prompt_tokens: promptTokens,
            completion_tokens: completionTokens,
            total_tokens: promptTokens + completionTokens,
          };
          yield JSON.stringify({
            id,
            object: 'chat.completion.chunk',
            created: CREATED,
            model: name,
            choices: [],
            usage,
          });
        }
        yield '[DONE]';
        break;
      }
      case 'error':
        yield JSON.stringify(fromAnthropicError(event));
        return;
      default:
        break;
    }
  }
}

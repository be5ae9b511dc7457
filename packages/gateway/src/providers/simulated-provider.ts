import { createHash } from 'node:crypto';
import { cancellableDelay } from './cancel-signal.js';
import type { Provider, ProviderResult } from './provider.js';
import type {
  ChatChunk,
  ChatCompletion,
  ChatMessage,
  ChatRequest,
  ChatToolCall,
} from './openai-types.js';

/** Options of the built-in simulated model. */
export interface SimulatedProviderOptions {
  /** Delay between streamed chunks (ms); 0 streams as fast as possible. */
  chunkDelayMs?: number;
}

/**
 * A deterministic, offline model for demos and tests. It follows scripts in
 * the last user message:
 * - `[[say:TEXT]]` answers exactly TEXT; `[[reverse:TEXT]]` answers TEXT reversed
 *   (output the prompt guard never saw, to demo output controls);
 * - `[[tool:NAME {"json":"args"}]]` calls tool NAME with those arguments;
 * - `[[words:N]]` answers N numbered words (long streams);
 * - "weather in CITY" calls `get_weather` when that tool is offered;
 * otherwise it answers with a short echo. After a tool result it reports it.
 */
export function createSimulatedProvider(options: SimulatedProviderOptions = {}): Provider {
  const delay = options.chunkDelayMs ?? 0;
  return {
    chat(request, signal) {
      const reply = planReply(request);
      const promptTokens = countTokens(request.messages.map(textOf).join(' '));
      const completionTokens = countTokens(reply.content ?? JSON.stringify(reply.toolCalls ?? []));
      const usage = {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      };
      const id = `chatcmpl-sim-${createHash('sha256').update(JSON.stringify(request.messages)).digest('hex').slice(0, 16)}`;
      const created = 1_700_000_000;
      if (!request.stream) {
        const body: ChatCompletion = {
          id,
          object: 'chat.completion',
          created,
          model: request.model,
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: reply.content,
                ...(reply.toolCalls ? { tool_calls: reply.toolCalls } : {}),
              },
              finish_reason: reply.toolCalls ? 'tool_calls' : 'stop',
            },
          ],
          usage,
        };
        return Promise.resolve({ kind: 'json', status: 200, body });
      }
      const includeUsage = request.stream_options?.include_usage === true;
      async function* events(): AsyncGenerator<string> {
        const chunk = (
          delta: ChatChunk['choices'][number]['delta'],
          finish: string | null,
        ): string =>
          JSON.stringify({
            id,
            object: 'chat.completion.chunk',
            created,
            model: request.model,
            choices: [{ index: 0, delta, finish_reason: finish }],
          } satisfies ChatChunk);
        yield chunk({ role: 'assistant', content: '' }, null);
        if (reply.toolCalls) {
          for (const [index, call] of reply.toolCalls.entries()) {
            yield chunk(
              {
                tool_calls: [
                  {
                    index,
                    id: call.id,
                    type: 'function',
                    function: { name: call.function.name, arguments: '' },
                  },
                ],
              },
              null,
            );
            yield chunk(
              { tool_calls: [{ index, function: { arguments: call.function.arguments } }] },
              null,
            );
          }
        } else {
          for (const piece of splitChunks(reply.content ?? '')) {
            if (signal.aborted) return;
            if (delay > 0) await cancellableDelay(delay, signal).catch(() => undefined);
            if (signal.aborted) return;
            yield chunk({ content: piece }, null);
          }
        }
        yield chunk({}, reply.toolCalls ? 'tool_calls' : 'stop');
        if (includeUsage) {
          yield JSON.stringify({
            id,
            object: 'chat.completion.chunk',
            created,
            model: request.model,
            choices: [],
            usage,
          });
        }
        yield '[DONE]';
      }
      return Promise.resolve({
        kind: 'stream',
        status: 200,
        events: events(),
      } satisfies ProviderResult);
    },
    embeddings(request) {
      const inputs = Array.isArray(request.input) ? request.input : [request.input];
      const base64 = request.encoding_format === 'base64';
      const data = inputs.map((text, index) => {
        const vector = embed(String(text));
        const embedding = base64
          ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
          : vector;
        return { object: 'embedding', index, embedding };
      });
      const tokens = countTokens(inputs.join(' '));
      return Promise.resolve({
        kind: 'json',
        status: 200,
        body: {
          object: 'list',
          data,
          model: request.model,
          usage: { prompt_tokens: tokens, total_tokens: tokens },
        },
      });
    },
  };
}

interface Reply {
  content: string | null;
  toolCalls?: ChatToolCall[];
}

function planReply(request: ChatRequest): Reply {
  const last = request.messages.at(-1);
  if (last?.role === 'tool') {
    return { content: `The tool returned: ${textOf(last).slice(0, 500)}` };
  }
  const lastUser = [...request.messages].reverse().find((m) => m.role === 'user');
  const text = lastUser ? textOf(lastUser) : '';
  const say = /\[\[say:([^\]]*)\]\]/.exec(text);
  if (say) return { content: say[1] ?? '' };
  const reverse = /\[\[reverse:([^\]]*)\]\]/.exec(text);
  if (reverse) return { content: [...(reverse[1] ?? '')].reverse().join('') };
  const tool = /\[\[tool:([A-Za-z0-9_.-]{1,64}) ([^\]]*)\]\]/.exec(text);
  if (tool) return { content: null, toolCalls: [toolCall(tool[1] ?? '', tool[2] ?? '{}', text)] };
  const words = /\[\[words:(\d{1,6})\]\]/.exec(text);
  if (words) {
    const n = Number(words[1]);
    return { content: Array.from({ length: n }, (_, i) => `word${i + 1}`).join(' ') };
  }
  const weather = /weather in ([A-Za-z][A-Za-z ]{0,40})/i.exec(text);
  if (weather && request.tools?.some((t) => t.function.name === 'get_weather')) {
    return {
      content: null,
      toolCalls: [toolCall('get_weather', JSON.stringify({ city: weather[1]?.trim() }), text)],
    };
  }
  const preview = text.length > 120 ? `${text.slice(0, 120)}…` : text;
  return { content: `Hello from the Bulwark simulated model. You said: ${preview}` };
}

function toolCall(name: string, args: string, seed: string): ChatToolCall {
  const id = `call_${createHash('sha256').update(seed).digest('hex').slice(0, 12)}`;
  return { id, type: 'function', function: { name, arguments: args } };
}

export function textOf(message: ChatMessage): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content.map((p) => (typeof p.text === 'string' ? p.text : '')).join('\n');
  return '';
}

/** Splits into word-sized chunks (whitespace kept), like a tokenizer stream. */
function splitChunks(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function embed(text: string): number[] {
  const digest = createHash('sha256').update(text).digest();
  return Array.from({ length: 16 }, (_, i) => ((digest[i] ?? 0) - 128) / 128);
}

import type { IncomingHttpHeaders } from 'node:http';
import { startUpstream } from './harness.js';

/** A request the mock received. */
export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** A canned reply served before the scripted behaviour (errors, retries). */
export interface CannedReply {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

interface Block {
  type: string;
  text?: string;
}

/**
 * A local mock of the Anthropic Messages API on 127.0.0.1, written from the
 * public API reference: it checks nothing itself, records every request, and
 * answers the last user turn's script — `[[say:TEXT]]` → text,
 * `[[reverse:TEXT]]` → TEXT reversed (output the prompt guard never saw),
 * `[[tool:NAME {json}]]` → a `tool_use` block, a `tool_result` → "Tool said:
 * …", `[[stream-error]]` → an `error` event mid-stream — as JSON or as the
 * documented event stream (word-sized `text_delta`s, `input_json_delta`s in
 * two parts). `queue` holds replies to serve first.
 */
export async function startMockAnthropic() {
  const received: ReceivedRequest[] = [];
  const queue: CannedReply[] = [];
  const upstream = await startUpstream((req, res, raw) => {
    const body = raw as Record<string, unknown>;
    received.push({ path: req.url ?? '', headers: req.headers, body });
    const canned = queue.shift();
    if (canned) {
      res.writeHead(canned.status, { 'content-type': 'application/json', ...canned.headers });
      res.end(JSON.stringify(canned.body));
      return;
    }
    const reply = plan(body);
    const usage = { input_tokens: 21, output_tokens: 7, cache_read_input_tokens: 4 };
    const model = String(body.model);
    if (body.stream !== true) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'msg_mock1',
          type: 'message',
          role: 'assistant',
          model,
          content: reply.tool
            ? [
                { type: 'text', text: 'Let me check.' },
                { type: 'tool_use', id: 'toolu_1', name: reply.tool.name, input: reply.tool.input },
              ]
            : [{ type: 'text', text: reply.text }],
          stop_reason: reply.tool ? 'tool_use' : 'end_turn',
          stop_sequence: null,
          usage,
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (event: string, data: unknown) =>
      res.write(
        `event: ${event}\ndata: ${JSON.stringify({ type: event, ...(data as object) })}\n\n`,
      );
    send('message_start', {
      message: {
        id: 'msg_mock2',
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        usage: { input_tokens: 21, output_tokens: 1, cache_read_input_tokens: 4 },
      },
    });
    send('ping', {});
    if (reply.tool) {
      send('content_block_start', {
        index: 0,
        content_block: { type: 'tool_use', id: 'toolu_2', name: reply.tool.name, input: {} },
      });
      const json = JSON.stringify(reply.tool.input);
      const half = Math.floor(json.length / 2);
      for (const part of [json.slice(0, half), json.slice(half)]) {
        send('content_block_delta', {
          index: 0,
          delta: { type: 'input_json_delta', partial_json: part },
        });
      }
      send('content_block_stop', { index: 0 });
    } else {
      send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
      for (const word of reply.text.match(/\S+\s*/g) ?? []) {
        send('content_block_delta', { index: 0, delta: { type: 'text_delta', text: word } });
      }
      if (reply.streamError) {
        send('error', { error: { type: 'overloaded_error', message: 'Overloaded' } });
        res.end();
        return;
      }
      send('content_block_stop', { index: 0 });
    }
    send('message_delta', {
      delta: { stop_reason: reply.tool ? 'tool_use' : 'end_turn', stop_sequence: null },
      usage: { output_tokens: 9 },
    });
    send('message_stop', {});
    res.end();
  });
  return { ...upstream, baseUrl: upstream.url.replace(/\/v1$/, ''), received, queue };
}

interface Reply {
  text: string;
  tool?: { name: string; input: unknown };
  streamError?: boolean;
}

function plan(body: Record<string, unknown>): Reply {
  const messages = body.messages as { role: string; content: Block[] }[];
  const last = messages.at(-1);
  const blocks = last?.content ?? [];
  const result = blocks.find((b) => b.type === 'tool_result') as { content?: string } | undefined;
  if (result) return { text: `Tool said: ${result.content ?? ''}` };
  const text = blocks.map((b) => b.text ?? '').join(' ');
  const tool = /\[\[tool:(\w+) (\{[^\]]*\})\]\]/.exec(text);
  if (tool) return { text: '', tool: { name: tool[1] ?? '', input: JSON.parse(tool[2] ?? '{}') } };
  const streamError = text.includes('[[stream-error]]');
  return { text: scriptedText(text) ?? 'Hello from mock Claude.', streamError };
}

/** `[[say:TEXT]]` → TEXT; `[[reverse:TEXT]]` → TEXT reversed; else undefined. */
export function scriptedText(text: string): string | undefined {
  const say = /\[\[say:([^\]]*)\]\]/.exec(text);
  if (say) return say[1] ?? '';
  const reverse = /\[\[reverse:([^\]]*)\]\]/.exec(text);
  return reverse ? [...(reverse[1] ?? '')].reverse().join('') : undefined;
}

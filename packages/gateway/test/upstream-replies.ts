import type { ServerResponse } from 'node:http';
import { sseChunk } from './harness.js';

/** Scripted upstream replies (OpenAI chat shapes) and SSE body readers for end-to-end tests. */

/** A chat completion answering `content`; `extra` adds message fields (reasoning, refusal) or choice fields (logprobs). */
export function json(
  res: ServerResponse,
  content: string,
  extra: { message?: Record<string, unknown>; choice?: Record<string, unknown> } = {},
): void {
  const message = { role: 'assistant', content, ...extra.message };
  const body = JSON.stringify({
    id: 'u1',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, message, ...extra.choice, finish_reason: 'stop' }],
    usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
  });
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(body);
}

export function sse(res: ServerResponse, pieces: readonly string[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const piece of pieces) res.write(sseChunk(piece));
  res.write(sseChunk(null, 'stop'));
  res.end('data: [DONE]\n\n');
}

/** Content deltas of an SSE body, in order, one entry per event. */
export function contentEvents(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('data: {'))
    .map((l) => JSON.parse(l.slice(6)) as { choices?: { delta?: { content?: string } }[] })
    .map((c) => c.choices?.[0]?.delta?.content ?? '')
    .filter((c) => c !== '');
}

/** Splits `text` into pieces of `size` characters (a value split across many SSE events). */
export function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

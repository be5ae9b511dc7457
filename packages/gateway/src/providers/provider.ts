import type { ChatRequest, EmbeddingsRequest } from './openai-types.js';

/**
 * An upstream answer: a JSON body, or the `data:` payloads of an SSE stream
 * in order. `raw` is the text `body` was parsed from, set only while `body`
 * is exactly that parse (an adapter that changes or translates the body
 * must not pass it on); the OpenAI route may forward it unchanged.
 */
export type ProviderResult =
  | {
      kind: 'json';
      status: number;
      body: unknown;
      raw?: string;
      headers?: Record<string, string>;
    }
  | { kind: 'stream'; status: number; events: AsyncIterable<string> };

/**
 * A model provider adapter. The request is in OpenAI wire format with the
 * upstream model name already substituted; `signal` aborts the upstream
 * call (client disconnect, shutdown, timeout).
 */
export interface Provider {
  chat(request: ChatRequest, signal: AbortSignal): Promise<ProviderResult>;
  embeddings(request: EmbeddingsRequest, signal: AbortSignal): Promise<ProviderResult>;
  close?(): Promise<void>;
}

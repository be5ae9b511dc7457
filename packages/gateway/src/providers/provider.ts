import type { CancelSignal } from './cancel-signal.js';
import type { ChatRequest, EmbeddingsRequest } from './openai-types.js';

/** An upstream answer: a JSON body, or the `data:` payloads of an SSE stream in order. */
export type ProviderResult =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'stream'; status: number; events: AsyncIterable<string> };

/**
 * A model provider adapter. The request is in OpenAI wire format with the
 * upstream model name already substituted; `signal` aborts the upstream
 * call (client disconnect, shutdown, timeout).
 */
export interface Provider {
  chat(request: ChatRequest, signal: CancelSignal): Promise<ProviderResult>;
  embeddings(request: EmbeddingsRequest, signal: CancelSignal): Promise<ProviderResult>;
  close?(): Promise<void>;
}

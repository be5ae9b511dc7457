import type { CancelSignal } from './cancel-signal.js';
import type { ChatRequest, EmbeddingsRequest } from './openai-types.js';

/**
 * The `data:` payloads of a stream, in order. `buffered`, when a provider
 * offers it, counts payloads already read and waiting (the next ones come
 * without I/O); the gateway then scans the content of one network read
 * together. It must be 0 whenever the next payload needs I/O.
 */
export type StreamEvents = AsyncIterable<string> & { readonly buffered?: number | undefined };

/** An upstream answer: a JSON body, or the `data:` payloads of an SSE stream in order. */
export type ProviderResult =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'stream'; status: number; events: StreamEvents };

/**
 * A model provider adapter. The request is in OpenAI wire format with the
 * upstream model name already substituted; `signal` aborts the upstream
 * call (client disconnect, shutdown, timeout).
 */
export interface Provider {
  // Property syntax on purpose: a provider typed to take an AbortSignal does
  // not compile (method parameters would be checked bivariantly and let it
  // through); it must take a CancelSignal or call `abortSignalOf`.
  chat: (request: ChatRequest, signal: CancelSignal) => Promise<ProviderResult>;
  embeddings: (request: EmbeddingsRequest, signal: CancelSignal) => Promise<ProviderResult>;
  close?: () => Promise<void>;
}

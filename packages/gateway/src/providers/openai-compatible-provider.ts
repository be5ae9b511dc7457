import type { Provider } from './provider.js';
import { createUpstreamClient, type UpstreamTransportOptions } from './upstream-client.js';

/** Settings of an OpenAI-compatible upstream (OpenAI, vLLM, Ollama, LM Studio, Azure's `/openai/v1`). */
export interface OpenAiCompatibleOptions extends UpstreamTransportOptions {
  /** Base URL including the API prefix, e.g. `https://api.openai.com/v1`. Fixed by config (no SSRF). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when set; resolved from env/file at the edge. */
  apiKey?: string;
  /** Extra headers for every upstream call. */
  headers?: Record<string, string>;
}

/**
 * Adapter for any server speaking the OpenAI wire format: requests and
 * answers pass through as they are (see `upstream-client.ts` for transport,
 * retries and streaming).
 */
export function createOpenAiCompatibleProvider(options: OpenAiCompatibleOptions): Provider {
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  const client = createUpstreamClient(options.baseUrl, headers, options);
  return {
    chat: (request, signal) =>
      client.post('/chat/completions', request, request.stream === true, signal),
    embeddings: (request, signal) => client.post('/embeddings', request, false, signal),
    close: () => client.close(),
  };
}

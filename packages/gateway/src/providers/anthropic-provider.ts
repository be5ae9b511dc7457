import { chunksFromAnthropicEvents } from './anthropic/anthropic-stream.js';
import type { AnthropicResponse } from './anthropic/anthropic-wire.js';
import { fromAnthropicError, fromAnthropicResponse } from './anthropic/from-anthropic-response.js';
import { toAnthropicRequest } from './anthropic/to-anthropic-request.js';
import type { Provider, ProviderResult } from './provider.js';
import { createUpstreamClient, type UpstreamTransportOptions } from './upstream-client.js';

/** Settings of an Anthropic Messages API upstream. */
export interface AnthropicOptions extends UpstreamTransportOptions {
  /** Base URL without the `/v1` prefix; default `https://api.anthropic.com`. Fixed by config. */
  baseUrl?: string;
  /** Sent as `x-api-key`; resolved from env/file at the edge. */
  apiKey?: string;
  /** `anthropic-version` header; default `2023-06-01`. */
  version?: string;
  /** `max_tokens` when the client sent none (the Messages API requires it); default 4096. */
  defaultMaxTokens?: number;
  /** Extra headers for every call (e.g. `anthropic-beta`). */
  headers?: Record<string, string>;
}

export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';
export const ANTHROPIC_VERSION = '2023-06-01';

/**
 * Adapter for the Anthropic Messages API (`POST {base}/v1/messages`). The
 * gateway speaks OpenAI chat internally, so this adapter translates the
 * request on the way out and the answer (JSON or event stream) on the way
 * back; every gateway route, and its output guard and stream scan, works
 * unchanged against it. Errors (`{type:"error",error:{…}}`) are mapped to
 * the OpenAI error shape; 429 and 529 (overloaded) are retried like any
 * other upstream, honouring `retry-after` (see `upstream-client.ts`).
 * Anthropic has no embeddings API: `/v1/embeddings` answers 400.
 */
export function createAnthropicProvider(options: AnthropicOptions): Provider {
  const headers: Record<string, string> = {
    'anthropic-version': options.version ?? ANTHROPIC_VERSION,
    ...options.headers,
  };
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  const client = createUpstreamClient(options.baseUrl ?? ANTHROPIC_BASE_URL, headers, options);
  const defaultMaxTokens = options.defaultMaxTokens ?? 4096;
  return {
    async chat(request, signal) {
      const mapped = toAnthropicRequest(request, defaultMaxTokens);
      if (!mapped.ok) return invalid(mapped.message);
      const stream = request.stream === true;
      const result = await client.post('/v1/messages', mapped.value, stream, signal);
      if (result.kind === 'stream') {
        const includeUsage = request.stream_options?.include_usage === true;
        return {
          ...result,
          events: chunksFromAnthropicEvents(result.events, request.model, includeUsage),
        };
      }
      if (result.status >= 400) return { ...result, body: fromAnthropicError(result.body) };
      return {
        kind: 'json',
        status: result.status,
        body: fromAnthropicResponse(result.body as AnthropicResponse, request.model),
      };
    },
    embeddings: () => Promise.resolve(invalid('the Anthropic API offers no embeddings model')),
    close: () => client.close(),
  };
}

function invalid(message: string): ProviderResult {
  return {
    kind: 'json',
    status: 400,
    body: { error: { message, type: 'invalid_request_error', code: 'invalid_request' } },
  };
}

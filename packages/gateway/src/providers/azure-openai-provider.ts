import type { Provider, ProviderResult } from './provider.js';
import { createUpstreamClient, type UpstreamTransportOptions } from './upstream-client.js';

/** Settings of an Azure OpenAI resource (deployment-scoped data-plane API). */
export interface AzureOpenAiOptions extends UpstreamTransportOptions {
  /** Resource endpoint, e.g. `https://NAME.openai.azure.com`. Fixed by config (no SSRF). */
  endpoint: string;
  /** `api-version` query parameter, e.g. `2024-10-21`. */
  apiVersion: string;
  /** Deployment to call; when unset, the route's upstream model names the deployment. */
  deployment?: string;
  /** Resource key, sent as `api-key`. */
  apiKey?: string;
  /** Microsoft Entra ID access token, sent as `Authorization: Bearer …` (instead of a key). */
  bearerToken?: string;
  headers?: Record<string, string>;
}

/** Azure-only annotations: content-filter verdicts, which clients of other APIs do not expect. */
const AZURE_FIELDS = ['prompt_filter_results', 'prompt_annotations'] as const;
const AZURE_CHOICE_FIELDS = ['content_filter_results', 'content_filter_offsets'] as const;

/**
 * Adapter for Azure OpenAI: `POST {endpoint}/openai/deployments/{deployment}/
 * chat/completions?api-version=…` (and `/embeddings`), authenticated with
 * `api-key` or an Entra ID bearer token (learn.microsoft.com, "Azure OpenAI
 * REST API reference"). The wire format is OpenAI's, plus content-filter
 * annotations: those are dropped, and the stream's leading event that holds
 * only `prompt_filter_results` (empty `choices`, empty id) is skipped so the
 * gateway never takes it as the chunk template. Azure's own verdicts still
 * apply: a filtered prompt is a 400 (`code: content_filter`) and a filtered
 * answer ends with `finish_reason: content_filter`, both passed on.
 */
export function createAzureOpenAiProvider(options: AzureOpenAiOptions): Provider {
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey) headers['api-key'] = options.apiKey;
  if (options.bearerToken) headers.authorization = `Bearer ${options.bearerToken}`;
  const client = createUpstreamClient(options.endpoint, headers, options);
  const query = `?api-version=${encodeURIComponent(options.apiVersion)}`;
  const pathFor = (model: string, operation: string): string =>
    `/openai/deployments/${encodeURIComponent(options.deployment ?? model)}/${operation}${query}`;
  return {
    async chat(request, signal) {
      const stream = request.stream === true;
      const result = await client.post(
        pathFor(request.model, 'chat/completions'),
        request,
        stream,
        signal,
      );
      return withoutAzureAnnotations(result);
    },
    async embeddings(request, signal) {
      return client.post(pathFor(request.model, 'embeddings'), request, false, signal);
    },
    close: () => client.close(),
  };
}

function withoutAzureAnnotations(result: ProviderResult): ProviderResult {
  if (result.kind === 'json') {
    if (result.status < 300) stripAnnotations(result.body);
    return result;
  }
  return { ...result, events: cleanEvents(result.events) };
}

async function* cleanEvents(events: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const data of events) {
    // Cheap test first: most events carry no annotation and pass untouched.
    if (!data.includes('_filter_') && !data.includes('prompt_annotations')) {
      yield data;
      continue;
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      yield data;
      continue;
    }
    const record = chunk as { choices?: unknown[]; usage?: unknown };
    if (Array.isArray(record.choices) && record.choices.length === 0 && !record.usage) continue;
    stripAnnotations(chunk);
    yield JSON.stringify(chunk);
  }
}

function stripAnnotations(body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  const record = body as Record<string, unknown>;
  for (const field of AZURE_FIELDS) delete record[field];
  if (!Array.isArray(record.choices)) return;
  for (const choice of record.choices) {
    if (typeof choice !== 'object' || choice === null) continue;
    for (const field of AZURE_CHOICE_FIELDS) delete (choice as Record<string, unknown>)[field];
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';
import type { RedactionScope } from '@bulwark/detect';
import { isBulwarkError } from '@bulwark/core';
import type { GatewayContext, Middleware } from '../context.js';
import type { ModelRoute } from '../gateway-options.js';
import { OutputScanner, type OutputReview, type ScannedStream } from '../guard/output-scanner.js';
import type { Provider, ProviderResult, StreamEvents } from '../providers/provider.js';
import type { TraceAttributes, TraceSpan, Tracer } from './tracer.js';

/** The request being traced: its span, and closers for child spans still open when it ends. */
interface RequestScope {
  span: TraceSpan;
  open: Set<() => void>;
}

/**
 * Traces requests through the gateway when a `Tracer` is configured: one
 * server span per request, child spans for the named middleware steps
 * (auth, policy, limits, guard.request), the upstream call and the response
 * guard. It works by wrapping — steps, providers and the output scanner are
 * swapped for traced versions when the gateway is built — so without a
 * tracer nothing here runs and the request path is unchanged. The request
 * span is found through an AsyncLocalStorage entered only when tracing.
 * Attributes are labels and counts (route, model, tenant, status, blocked,
 * detections); never message content, arguments or credentials.
 */
export class RequestTracing {
  readonly #scope = new AsyncLocalStorage<RequestScope>();

  constructor(private readonly tracer: Tracer) {}

  /** Runs one request's chain inside its server span. */
  async request(ctx: GatewayContext, run: () => Promise<void>): Promise<void> {
    const span = this.tracer.startSpan(`${ctx.req.method ?? ''} ${ctx.route}`, {
      kind: 'server',
      attributes: { 'http.request.method': ctx.req.method ?? '', 'http.route': ctx.route },
    });
    const scope: RequestScope = { span, open: new Set() };
    try {
      await this.#scope.run(scope, run);
    } finally {
      for (const close of scope.open) close();
      const status = ctx.status ?? ctx.res.statusCode;
      span.end(requestAttributes(ctx, status), status >= 500);
    }
  }

  /** A middleware step wrapped in a child span that ends when the step passes on (or answers). */
  step(name: string, middleware: Middleware): Middleware {
    const tracedStep: Middleware = async (ctx, next) => {
      const span = this.#child(name, 'internal');
      let ended = false;
      const finish = (error?: unknown): void => {
        if (ended) return;
        ended = true;
        const attributes: Record<string, string | number | boolean> = {};
        if (ctx.principal) attributes['bulwark.tenant'] = ctx.principal.tenant;
        if (isBulwarkError(error)) attributes['bulwark.error_code'] = error.code;
        span?.end(attributes, error !== undefined);
      };
      try {
        await middleware(ctx, () => {
          finish();
          return next();
        });
        finish();
      } catch (error) {
        finish(error);
        throw error;
      }
    };
    return tracedStep;
  }

  /** Routes whose providers (and fallbacks) trace each upstream call. */
  routes(routes: readonly ModelRoute[]): ModelRoute[] {
    return routes.map((route) => ({
      ...route,
      provider: this.#provider(route.provider),
      ...(route.fallback
        ? { fallback: { ...route.fallback, provider: this.#provider(route.fallback.provider) } }
        : {}),
    }));
  }

  /** An output scanner whose reviews and stream scans are `guard.response` spans. */
  outputScanner(...args: ConstructorParameters<typeof OutputScanner>): OutputScanner {
    const child = (attributes?: TraceAttributes) =>
      this.#child('guard.response', 'internal', attributes);
    const openSpans = () => this.#scope.getStore()?.open ?? new Set<() => void>();
    return new (class TracedOutputScanner extends OutputScanner {
      override review(
        text: string,
        roles: readonly string[],
        scope: RedactionScope | undefined,
        restore: boolean,
      ): OutputReview {
        const span = child();
        const review = super.review(text, roles, scope, restore);
        span?.end({
          'bulwark.detections': review.detections.length,
          'bulwark.blocked': review.decision.action === 'block',
        });
        return review;
      }

      override stream(
        roles: readonly string[],
        scope: RedactionScope,
        restore: boolean,
      ): ScannedStream {
        const scanner = super.stream(roles, scope, restore);
        const span = child({ 'bulwark.stream': true });
        if (!span) return scanner;
        let detections = 0;
        let chunks = 0;
        const close = (blocked = false): void => {
          if (!open.delete(close)) return;
          span.end({
            'bulwark.detections': detections,
            'bulwark.chunks': chunks,
            'bulwark.blocked': blocked,
          });
        };
        const open = openSpans();
        open.add(close);
        const traced: ScannedStream = {
          push(chunk) {
            chunks++;
            const step = scanner.push(chunk);
            detections += step.detections.length;
            if (step.blocked) close(true);
            return step;
          },
          end() {
            const step = scanner.end();
            detections += step.detections.length;
            close(step.blocked);
            return step;
          },
        };
        if (scanner.preservesChunks) traced.preservesChunks = true;
        // The release check (leaked canaries) must survive the wrapper.
        if (scanner.checkRelease) traced.checkRelease = scanner.checkRelease;
        return traced;
      }
    })(...args);
  }

  #child(
    name: string,
    kind: 'internal' | 'client',
    attributes?: TraceAttributes,
  ): TraceSpan | undefined {
    const scope = this.#scope.getStore();
    if (!scope) return undefined;
    return this.tracer.startSpan(name, {
      parent: scope.span,
      kind,
      ...(attributes ? { attributes } : {}),
    });
  }

  #provider(provider: Provider): Provider {
    const call = async (
      operation: 'chat' | 'embeddings',
      model: string,
      invoke: () => Promise<ProviderResult>,
    ): Promise<ProviderResult> => {
      const span = this.#child('upstream', 'client', {
        'gen_ai.operation.name': operation,
        'gen_ai.request.model': model,
      });
      if (!span) return invoke();
      let result: ProviderResult;
      try {
        result = await invoke();
      } catch (error) {
        span.end({ 'error.type': error instanceof Error ? error.name : 'Error' }, true);
        throw error;
      }
      const attributes = { 'http.response.status_code': result.status };
      if (result.kind === 'json') {
        span.end(attributes, result.status >= 500);
        return result;
      }
      const open = this.#scope.getStore()?.open;
      let done = false;
      const close = (): void => {
        if (done) return;
        done = true;
        open?.delete(close);
        span.end({ ...attributes, 'bulwark.stream': true });
      };
      open?.add(close);
      return { ...result, events: endWhenDone(result.events, close) };
    };
    return {
      chat: (request, signal) => call('chat', request.model, () => provider.chat(request, signal)),
      embeddings: (request, signal) =>
        call('embeddings', request.model, () => provider.embeddings(request, signal)),
      ...(provider.close ? { close: () => provider.close?.() ?? Promise.resolve() } : {}),
    };
  }
}

/** The stream's events (and their `buffered` count); runs `done` when it ends, fails or is abandoned. */
function endWhenDone(events: StreamEvents, done: () => void): StreamEvents {
  return {
    get buffered() {
      return events.buffered;
    },
    [Symbol.asyncIterator]: () => yieldUntilDone(events, done),
  };
}

async function* yieldUntilDone(
  events: AsyncIterable<string>,
  done: () => void,
): AsyncGenerator<string> {
  try {
    yield* events;
  } finally {
    done();
  }
}

function requestAttributes(ctx: GatewayContext, status: number): TraceAttributes {
  const attributes: Record<string, string | number | boolean> = {
    'http.response.status_code': status,
    'bulwark.request_id': ctx.requestId,
    'bulwark.blocked': ctx.decisions.some((d) => d.outcome === 'block' || d.outcome === 'deny'),
    'bulwark.detections': ctx.detections.length,
  };
  if (ctx.model !== undefined) attributes['gen_ai.request.model'] = ctx.model;
  if (ctx.principal) attributes['bulwark.tenant'] = ctx.principal.tenant;
  if (ctx.usage) {
    attributes['gen_ai.usage.input_tokens'] = ctx.usage.promptTokens;
    attributes['gen_ai.usage.output_tokens'] = ctx.usage.completionTokens;
  }
  return attributes;
}

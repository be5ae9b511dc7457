import { BulwarkError } from '@bulwark/core';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { compose, type ApiFlavor, type GatewayContext, type Middleware } from './context.js';
import type { GatewayDeps } from './gateway-deps.js';
import type { GatewayOptions } from './gateway-options.js';
import { OutputScanner } from './guard/output-scanner.js';
import { errorResponse } from './http/error-shapes.js';
import { anthropicRequest } from './middleware/anthropic-request.js';
import { audit } from './middleware/audit.js';
import { responsesRequest } from './middleware/responses-request.js';
import { authenticate } from './middleware/authenticate.js';
import { authorize } from './middleware/authorize.js';
import { bodyLimit } from './middleware/body-limit.js';
import { chatRequestCheck } from './middleware/chat-request-check.js';
import { errorBoundary } from './middleware/error-boundary.js';
import { rateLimit } from './middleware/rate-limit.js';
import { requestGuard } from './middleware/request-guard.js';
import { requestId } from './middleware/request-id.js';
import { memoryConcurrencyStore } from './limits/concurrency-store.js';
import { createMetrics } from './observability/metrics.js';
import { RequestCancellation } from './providers/cancel-signal.js';
import { RequestTracing } from './observability/request-tracing.js';
import { adminApprovalsHandler } from './routes/admin-approvals.js';
import { chatCompletionsHandler } from './routes/chat-completions.js';
import { embeddingsHandler } from './routes/embeddings.js';
import { modelsHandler } from './routes/models.js';

/** A running (or ready-to-listen) gateway. */
export interface Gateway {
  server: Server;
  /** The request listener, for embedding in another node:http server. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  listen(port: number, host?: string): Promise<{ port: number; host: string }>;
  /** Stops accepting, drains in-flight requests and streams up to `graceMs`, then cancels the rest. */
  close(graceMs?: number): Promise<void>;
}

const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * Builds the gateway data plane on node:http: a middleware chain per route
 * (request id → audit → error boundary → body limit → authenticate →
 * authorize → rate limit → request guard → handler with response guard).
 */
export function createGateway(options: GatewayOptions): Gateway {
  const metrics = options.metrics ?? createMetrics();
  // Tracing wraps steps, providers and the output scanner; off, nothing is wrapped.
  const tracing = options.tracer ? new RequestTracing(options.tracer) : undefined;
  const step = (name: string, middleware: Middleware): Middleware =>
    tracing ? tracing.step(name, middleware) : middleware;
  const scannerArgs = [options.guard, options.policy, options.redact ?? true] as const;
  const deps: GatewayDeps = {
    options: tracing ? { ...options, routes: tracing.routes(options.routes) } : options,
    metrics,
    output: tracing ? tracing.outputScanner(...scannerArgs) : new OutputScanner(...scannerArgs),
    redact: options.redact ?? true,
    toolReview: {
      policy: options.policy,
      guard: options.guard,
      approvals: options.approvals,
      audit: options.audit,
      metrics,
      mode: options.approval?.mode ?? 'deny',
      holdMs: options.approval?.holdMs ?? 30_000,
      ttlMs: options.approval?.ttlMs ?? 3_600_000,
      environment: options.environment,
    },
  };
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const head: Middleware[] = [
    requestId(),
    audit(
      options.audit,
      options.auditContent ?? 'metadata',
      options.guard,
      metrics,
      options.logger,
    ),
    errorBoundary(options.logger),
  ];
  // One limiter for all routes: concurrency and counters are per credential, tenant and model, not per route.
  const limiter = step(
    'limits',
    rateLimit(
      { counters: options.counters, concurrency: options.concurrency ?? memoryConcurrencyStore() },
      {
        defaults: options.limits ?? {},
        ...(options.tenantLimits ? { tenants: options.tenantLimits } : {}),
        ...(options.modelLimits ? { models: options.modelLimits } : {}),
      },
      metrics,
    ),
  );
  const guardRequest = (): Middleware =>
    step(
      'guard.request',
      requestGuard(options.guard, options.policy, options.redact ?? true, metrics),
    );
  /** The common secured chain; `adapt` translates another wire format into the internal one. */
  const secured = (adapt: Middleware[], ...rest: Middleware[]): Middleware[] => [
    ...head,
    bodyLimit(limit),
    step('auth', authenticate(options.keys, options.jwt)),
    ...adapt,
    step('policy', authorize(options.policy, options.guard, options.environment)),
    limiter,
    ...rest,
  ];
  const asMiddleware =
    (handler: (ctx: GatewayContext) => Promise<void>): Middleware =>
    async (ctx) =>
      handler(ctx);
  const modelNames = options.routes.map((r) => r.model).filter((m) => m !== '*');
  const chains = {
    'POST /v1/messages': compose(
      secured(
        [anthropicRequest(), chatRequestCheck({ counts: false })],
        guardRequest(),
        asMiddleware(chatCompletionsHandler(deps)),
      ),
    ),
    'POST /v1/responses': compose(
      secured(
        [responsesRequest(), chatRequestCheck({ counts: false })],
        guardRequest(),
        asMiddleware(chatCompletionsHandler(deps)),
      ),
    ),
    'POST /v1/chat/completions': compose(
      secured([chatRequestCheck()], guardRequest(), asMiddleware(chatCompletionsHandler(deps))),
    ),
    'POST /v1/embeddings': compose(secured([], asMiddleware(embeddingsHandler(deps)))),
    'GET /v1/models': compose([
      ...head,
      authenticate(options.keys, options.jwt),
      asMiddleware(modelsHandler(deps, modelNames)),
    ]),
    'GET /admin/approvals': compose([...head, asMiddleware(adminApprovalsHandler(deps))]),
    'POST /admin/approvals': compose([
      ...head,
      bodyLimit(64 * 1024, { optional: true }),
      asMiddleware(adminApprovalsHandler(deps)),
    ]),
  } satisfies Record<string, (ctx: GatewayContext) => Promise<void>>;

  const active = new Set<GatewayContext>();
  let ready = true;

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (
      req.method === 'GET' &&
      (path === '/healthz' || path === '/readyz' || path === '/metrics')
    ) {
      void serveOps(path, res);
      return;
    }
    // Route label for metrics/audit: fixed strings only (admin paths carry ids).
    const route = path.startsWith('/admin/approvals') ? '/admin/approvals' : path;
    const routeKey = `${req.method} ${route}`;
    const chain = (chains as Record<string, ((ctx: GatewayContext) => Promise<void>) | undefined>)[
      routeKey
    ];
    const api: ApiFlavor = path === '/v1/messages' ? 'anthropic' : 'openai';
    if (!chain || !ready) {
      const error = ready
        ? new BulwarkError('NOT_FOUND', `Unknown route ${req.method ?? ''} ${path}`)
        : new BulwarkError('UPSTREAM_ERROR', 'Gateway is shutting down');
      const { body } = errorResponse(
        error,
        api,
        { code: ready ? 'not_found' : 'shutting_down' },
        '-',
      );
      res.writeHead(ready ? 404 : 503, { 'content-type': 'application/json' });
      res.end(body);
      return;
    }
    const ctx: GatewayContext = {
      req,
      res,
      requestId: '',
      startedAt: performance.now(),
      route,
      api,
      decisions: [],
      detections: [],
      abort: new RequestCancellation(),
      redacted: false,
      auditContent: { requestLength: 0, responseLength: 0 },
    };
    active.add(ctx);
    res.on('close', () => {
      // Client went away before we finished: cancel the upstream call (no wasted tokens).
      if (!res.writableFinished) ctx.abort.abort();
    });
    (tracing ? tracing.request(ctx, () => chain(ctx)) : chain(ctx))
      .catch((error: unknown) => {
        options.logger.error({ err: error }, 'unhandled gateway error');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      })
      .finally(() => active.delete(ctx));
  }

  async function serveOps(path: string, res: ServerResponse): Promise<void> {
    if (path === '/metrics') {
      const text = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(text);
      return;
    }
    const ok = path === '/healthz' || ready;
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: ok ? 'ok' : 'draining' }));
  }

  const serverOptions = {
    maxHeaderSize: 16 * 1024,
    requestTimeout: 120_000,
    headersTimeout: 30_000,
    keepAliveTimeout: 5_000,
  };
  const server: Server = options.tls
    ? createHttpsServer({ ...serverOptions, cert: options.tls.cert, key: options.tls.key }, handle)
    : createServer(serverOptions, handle);

  return {
    server,
    handle,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          resolve({ port: address.port, host: address.address });
        });
      });
    },
    async close(graceMs = 10_000) {
      ready = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + graceMs;
      while (active.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      for (const ctx of active) ctx.abort.abort();
      server.closeAllConnections();
      await closed;
    },
  };
}

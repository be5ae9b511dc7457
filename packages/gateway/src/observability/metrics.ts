import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The gateway's Prometheus metrics, on their own registry (no global state). */
export interface GatewayMetrics {
  registry: Registry;
  requests: Counter<'route' | 'status'>;
  latency: Histogram<'route'>;
  upstreamLatency: Histogram<'route'>;
  detections: Counter<'category' | 'stage'>;
  blocks: Counter<'stage'>;
  approvals: Counter<'status'>;
  tokens: Counter<'kind'>;
  rateLimited: Counter<'limit'>;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): GatewayMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'bulwark_' });
  const registers = [registry];
  const buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
  return {
    registry,
    requests: new Counter({
      name: 'bulwark_requests_total',
      help: 'Requests by route and status',
      labelNames: ['route', 'status'],
      registers,
    }),
    latency: new Histogram({
      name: 'bulwark_request_duration_seconds',
      help: 'Request latency',
      labelNames: ['route'],
      buckets,
      registers,
    }),
    upstreamLatency: new Histogram({
      name: 'bulwark_upstream_duration_seconds',
      help: 'Upstream time to response headers',
      labelNames: ['route'],
      buckets,
      registers,
    }),
    detections: new Counter({
      name: 'bulwark_detections_total',
      help: 'Guard detections by category',
      labelNames: ['category', 'stage'],
      registers,
    }),
    blocks: new Counter({
      name: 'bulwark_blocks_total',
      help: 'Requests blocked, by stage',
      labelNames: ['stage'],
      registers,
    }),
    approvals: new Counter({
      name: 'bulwark_approvals_total',
      help: 'Approval records by status',
      labelNames: ['status'],
      registers,
    }),
    tokens: new Counter({
      name: 'bulwark_tokens_total',
      help: 'Tokens reported by upstream usage',
      labelNames: ['kind'],
      registers,
    }),
    rateLimited: new Counter({
      name: 'bulwark_rate_limited_total',
      help: 'Requests refused by a limit',
      labelNames: ['limit'],
      registers,
    }),
  };
}

import type { Logger } from 'pino';
import type { Guard } from '@bulwark/detect';
import type { Policy } from '@bulwark/policy';
import type { ApprovalStore } from './approvals/approval-store.js';
import type { AuditContentMode } from './audit/audit-record.js';
import type { AuditSink } from './audit/audit-sink.js';
import type { JwtVerifier } from './auth/jwt-verifier.js';
import type { KeyStore } from './auth/key-store.js';
import type { PrincipalLimits } from './auth/principal.js';
import type { ScopedLimits } from './limits/applicable-limits.js';
import type { ConcurrencyStore } from './limits/concurrency-store.js';
import type { CounterStore } from './limits/counter-store.js';
import type { GatewayMetrics } from './observability/metrics.js';
import type { Provider } from './providers/provider.js';
import type { Tracer } from './observability/tracer.js';

/** Maps a public model name (or `*`) to a provider and upstream model, with an optional fallback. */
export interface ModelRoute {
  model: string;
  provider: Provider;
  /** Upstream model name; defaults to the public name. */
  upstreamModel?: string;
  /** Used when the primary answers 5xx or fails to connect (non-streaming and before the first byte). */
  fallback?: { provider: Provider; upstreamModel?: string };
}

/**
 * Everything the gateway needs, resolved at the edge (CLI/server) and passed
 * in as plain data and injected collaborators. The gateway reads no env
 * vars and no files except through these.
 */
export interface GatewayOptions {
  guard: Guard;
  /** The current policy; a function so hot reload swaps it between requests. */
  policy: () => Policy;
  keys: KeyStore;
  jwt?: JwtVerifier;
  routes: readonly ModelRoute[];
  counters: CounterStore;
  /** Requests in flight for `maxConcurrent` (default: this process only, in memory). */
  concurrency?: ConcurrencyStore;
  approvals: ApprovalStore;
  audit: AuditSink;
  logger: Logger;
  metrics?: GatewayMetrics;
  /** How much message content audit records keep (default `metadata`). */
  auditContent?: AuditContentMode;
  /** Default limits of each credential; a key's own limits override them field by field. */
  limits?: PrincipalLimits;
  /** Limits shared by all credentials of a tenant, by tenant name (`*` = each tenant). */
  tenantLimits?: ScopedLimits;
  /** Limits shared by all callers of a public model name (`*` = each model). */
  modelLimits?: ScopedLimits;
  /** `deny` answers a risky tool call at once with a structured denial; `hold` waits up to `holdMs`. */
  approval?: { mode: 'deny' | 'hold'; holdMs?: number; ttlMs?: number };
  /** SHA-256 (hex) of the admin key for /admin routes; admin routes are off when unset. */
  adminKeyHash?: string;
  bodyLimitBytes?: number;
  /** Redact PII/secrets in prompts (and restore them in answers) when the guard supports it. */
  redact?: boolean;
  /** Serve HTTPS with this certificate chain and key (PEM), read at the edge. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Environment attribute for policy conditions (e.g. `prod`). */
  environment?: string;
  /** Emits one span per request with child spans per step (see `createOtlpTracer`); off when unset. */
  tracer?: Tracer;
}

export { createGateway, type Gateway } from './gateway.js';
export type { GatewayOptions, ModelRoute } from './gateway-options.js';
export type { Principal, PrincipalLimits } from './auth/principal.js';
export {
  generateApiKey,
  hashApiKey,
  apiKeyId,
  apiKeyMatches,
  apiKeyActive,
  API_KEY_PREFIX,
  type ApiKeyRecord,
} from './auth/api-keys.js';
export { fileKeyStore, memoryKeyStore, KEYS_FILE, type KeyStore } from './auth/key-store.js';
export { createJwtVerifier, type JwtOptions, type JwtVerifier } from './auth/jwt-verifier.js';
export {
  memoryCounterStore,
  type CounterStore,
  type CounterBatchResult,
  type CounterRequest,
  type CounterResult,
} from './limits/counter-store.js';
export type { LimitScope, ScopedLimits } from './limits/applicable-limits.js';
export { redisCounterStore } from './limits/redis-counter-store.js';
export {
  memoryConcurrencyStore,
  type AcquireResult,
  type ConcurrencyLease,
  type ConcurrencySlot,
  type ConcurrencyStore,
} from './limits/concurrency-store.js';
export { redisConcurrencyStore } from './limits/redis-concurrency-store.js';
export {
  memoryApprovalStore,
  type Approval,
  type ApprovalStore,
} from './approvals/approval-store.js';
export { redisApprovalStore } from './approvals/redis-approval-store.js';
export { verifyAuditLog, AuditChain, type AuditVerification } from './audit/audit-chain.js';
export {
  fileAuditSink,
  streamAuditSink,
  memoryAuditSink,
  type AuditSink,
} from './audit/audit-sink.js';
export type { AuditContentMode, AuditEvent, ChainedAuditRecord } from './audit/audit-record.js';
export { createMetrics, type GatewayMetrics } from './observability/metrics.js';
export { bufferedLogDestination, createLogger } from './observability/logger.js';
export type { Provider, ProviderResult } from './providers/provider.js';
export {
  abortSignalOf,
  cancellableDelay,
  RequestCancellation,
  type CancelSignal,
} from './providers/cancel-signal.js';
export {
  createSimulatedProvider,
  type SimulatedProviderOptions,
} from './providers/simulated-provider.js';
export {
  createOpenAiCompatibleProvider,
  type OpenAiCompatibleOptions,
} from './providers/openai-compatible-provider.js';
export {
  createAnthropicProvider,
  ANTHROPIC_BASE_URL,
  ANTHROPIC_VERSION,
  type AnthropicOptions,
} from './providers/anthropic-provider.js';
export {
  createAzureOpenAiProvider,
  type AzureOpenAiOptions,
} from './providers/azure-openai-provider.js';
export type { UpstreamTransportOptions } from './providers/upstream-client.js';
export { providerFactories, type ProviderKind } from './providers/provider-registry.js';
export { connectRedis } from './limits/connect-redis.js';
export { webhookAuditSink, type WebhookAuditOptions } from './audit/webhook-audit-sink.js';
export type { Tracer, TraceSpan, TraceAttributes } from './observability/tracer.js';
export { createOtlpTracer, type OtlpTracerOptions } from './observability/otlp-tracer.js';

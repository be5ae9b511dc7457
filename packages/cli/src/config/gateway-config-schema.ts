import { z } from 'zod';

/**
 * The `gateway:` section of bulwark.yaml (docs/gateway.md). Secrets are never
 * written here: upstream and admin keys are named by env var or file.
 */
const limitFields = {
  requestsPerMinute: z.number().int().positive().optional(),
  tokensPerMinute: z.number().int().positive().optional(),
  tokensPerDay: z.number().int().positive().optional(),
  tokensPerMonth: z.number().int().positive().optional(),
  maxConcurrent: z.number().int().positive().optional(),
  maxTokens: z.number().int().positive().optional(),
};
/** Limits by tenant or model name; `*` applies to each one without its own entry. */
const scopedLimits = z.record(z.string().min(1), z.strictObject(limitFields));

/**
 * `gateway.limits`: the fields at the top are each credential's defaults
 * (a key's own limits override them); `tenants` and `models` are shared by
 * all credentials of a tenant / all callers of a model.
 */
const limits = z.strictObject({
  ...limitFields,
  tenants: scopedLimits.optional(),
  models: scopedLimits.optional(),
});

const provider = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('simulated'),
    chunkDelayMs: z.number().int().min(0).max(10_000).optional(),
  }),
  z.strictObject({
    kind: z.literal('openai-compatible'),
    baseUrl: z.url({ protocol: /^https?$/ }),
    apiKeyEnv: z.string().optional(),
    apiKeyFile: z.string().optional(),
    timeoutMs: z.number().int().positive().optional(),
    idleTimeoutMs: z.number().int().positive().optional(),
    retries: z.number().int().min(0).max(5).optional(),
    /** Upstream connections at most (undici Pool; default 128): streams beyond it wait for one. */
    connections: z.number().int().min(1).max(65_536).optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
]);

export const gatewayConfigSchema = z.strictObject({
  host: z.string().optional(),
  port: z.number().int().min(0).max(65535).optional(),
  dataDir: z.string().optional(),
  policyFile: z.string().optional(),
  providers: z.record(z.string(), provider).optional(),
  routes: z
    .array(
      z.strictObject({
        model: z.string().min(1),
        provider: z.string().min(1),
        upstreamModel: z.string().optional(),
        fallback: z
          .strictObject({ provider: z.string(), upstreamModel: z.string().optional() })
          .optional(),
      }),
    )
    .optional(),
  limits: limits.optional(),
  approval: z
    .strictObject({
      mode: z.enum(['deny', 'hold']).optional(),
      holdMs: z.number().int().min(0).max(600_000).optional(),
      ttlSeconds: z.number().int().positive().optional(),
    })
    .optional(),
  audit: z
    .strictObject({
      sink: z.enum(['file', 'stdout', 'webhook']).optional(),
      file: z.string().optional(),
      webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
      content: z.enum(['none', 'metadata', 'redacted', 'full']).optional(),
    })
    .optional(),
  redisUrlEnv: z.string().optional(),
  jwt: z
    .strictObject({
      issuer: z.string(),
      audience: z.string(),
      jwksUrl: z.url().optional(),
      publicKeyFile: z.string().optional(),
      rolesClaim: z.string().optional(),
      tenantClaim: z.string().optional(),
    })
    .optional(),
  adminKeyEnv: z.string().optional(),
  tls: z.strictObject({ certFile: z.string(), keyFile: z.string() }).optional(),
  bodyLimitBytes: z.number().int().positive().optional(),
  redact: z.boolean().optional(),
  environment: z.string().optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

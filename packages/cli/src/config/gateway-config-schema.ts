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

/** An http(s) URL whose path must not end in a suffix the client appends itself. */
function withoutSuffix(suffix: RegExp, message: string) {
  return z
    .url({ protocol: /^https?$/ })
    .refine((url) => !URL.canParse(url) || !suffix.test(new URL(url).pathname), { message });
}

/** Transport settings every HTTP provider shares (see packages/gateway upstream-client.ts). */
const transport = {
  timeoutMs: z.number().int().positive().optional(),
  idleTimeoutMs: z.number().int().positive().optional(),
  retries: z.number().int().min(0).max(5).optional(),
  /** Upstream connections at most (undici Pool; default 128): streams beyond it wait for one. */
  connections: z.number().int().min(1).max(65_536).optional(),
};

/** Header names that carry credentials: those come from `apiKeyEnv`/`apiKeyFile`, never the file. */
const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'x-api-key',
  'api-key',
  'proxy-authorization',
]);
const extraHeaders = z
  .record(z.string(), z.string())
  .refine(
    (headers) => Object.keys(headers).every((h) => !CREDENTIAL_HEADERS.has(h.toLowerCase())),
    {
      message:
        'credential headers are not allowed here; name the secret with apiKeyEnv or apiKeyFile',
    },
  )
  .optional();

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
    ...transport,
    headers: z.record(z.string(), z.string()).optional(),
  }),
  z.strictObject({
    kind: z.literal('anthropic'),
    /** Default https://api.anthropic.com (without /v1). */
    baseUrl: withoutSuffix(/\/v1\/?$/, 'give the base URL without /v1').optional(),
    apiKeyEnv: z.string().optional(),
    apiKeyFile: z.string().optional(),
    /** `anthropic-version` header; default 2023-06-01. */
    version: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2023-06-01')
      .optional(),
    /** `max_tokens` sent when the client gives none (the Messages API requires it). */
    defaultMaxTokens: z.number().int().positive().max(1_000_000).optional(),
    ...transport,
    headers: extraHeaders,
  }),
  z
    .strictObject({
      kind: z.literal('azure-openai'),
      /** https://NAME.openai.azure.com */
      endpoint: z.url({ protocol: /^https?$/ }),
      apiVersion: z.string().regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, 'expected e.g. 2024-10-21'),
      /** Fixed deployment; otherwise each route's upstreamModel names it. */
      deployment: z.string().min(1).optional(),
      apiKeyEnv: z.string().optional(),
      apiKeyFile: z.string().optional(),
      /** Microsoft Entra ID access token, sent as a bearer token instead of `api-key`. */
      tokenEnv: z.string().optional(),
      tokenFile: z.string().optional(),
      ...transport,
      headers: extraHeaders,
    })
    .refine(
      (p) =>
        [p.apiKeyEnv, p.apiKeyFile, p.tokenEnv, p.tokenFile].filter((v) => v !== undefined)
          .length <= 1,
      { message: 'name one credential: apiKeyEnv, apiKeyFile, tokenEnv or tokenFile' },
    ),
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
  /** OpenTelemetry traces (off unless set); see docs/gateway.md "Operations". */
  telemetry: z
    .strictObject({
      otlp: z.strictObject({
        /** Collector base URL; spans go to {endpoint}/v1/traces. */
        endpoint: withoutSuffix(
          /\/v1\/traces\/?$/,
          'give the collector base URL without /v1/traces',
        ),
        /** Env var holding export headers as `key=value,key2=value2` (OTEL_EXPORTER_OTLP_HEADERS format). */
        headersEnv: z.string().optional(),
        serviceName: z.string().min(1).optional(),
        sampleRatio: z.number().min(0).max(1).optional(),
        timeoutMs: z.number().int().positive().optional(),
      }),
    })
    .optional(),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BulwarkError } from '@bulwark/core';
import { createGuard, type GuardOptions } from '@bulwark/detect';
import {
  connectRedis,
  createGateway,
  createJwtVerifier,
  createLogger,
  createMetrics,
  createOpenAiCompatibleProvider,
  createSimulatedProvider,
  fileAuditSink,
  fileKeyStore,
  generateApiKey,
  hashApiKey,
  memoryApprovalStore,
  memoryCounterStore,
  redisApprovalStore,
  redisConcurrencyStore,
  redisCounterStore,
  streamAuditSink,
  webhookAuditSink,
  type Gateway,
  type ModelRoute,
  type Provider,
} from '@bulwark/gateway';
import type { GatewayConfig } from '../config/gateway-config-schema.js';
import { buildProviders, secretReader } from './build-providers.js';
import { buildTracer } from './build-tracer.js';
import { gatewayLimits } from './gateway-limits.js';
import { policyReloader } from './policy-reloader.js';

/** Flags that override the config file. */
export interface GatewayFlags {
  port?: number;
  host?: string;
  upstream?: string;
  dataDir?: string;
  policy?: string;
}

export interface RunningGateway {
  gateway: Gateway;
  url: string;
  adminKey: string | undefined;
  dataDir: string;
  stop(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
export const SIMULATED_MODEL = 'bulwark-sim';

/**
 * Resolves config + flags + env into gateway options once (the only place
 * that reads env vars and files for the gateway) and starts listening.
 */
export async function runGateway(
  config: GatewayConfig,
  flags: GatewayFlags,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  guardOptions: GuardOptions = {},
): Promise<RunningGateway> {
  const dataDir = resolve(cwd, flags.dataDir ?? config.dataDir ?? '.bulwark');
  const logger = createLogger({
    level: config.logLevel ?? 'info',
    destination: 'stderr',
  });
  const policy = policyReloader(
    flags.policy ?? (config.policyFile ? resolve(cwd, config.policyFile) : undefined),
    logger,
  );

  const secret = secretReader(env, cwd);
  const providers = buildProviders(config.providers ?? {}, secret);
  const tracer = await buildTracer(config.telemetry, secret);
  const providerNamed = (name: string): Provider => {
    const p = providers.get(name);
    if (!p)
      throw new BulwarkError('CONFIG_INVALID', `gateway.routes: unknown provider "${name}"`, {
        hint: `known: ${[...providers.keys()].join(', ') || '(none)'}`,
      });
    return p;
  };
  let routes: ModelRoute[];
  if (flags.upstream) {
    routes = [
      { model: '*', provider: createOpenAiCompatibleProvider({ baseUrl: flags.upstream }) },
    ];
  } else if (config.routes && config.routes.length > 0) {
    routes = config.routes.map((r) => ({
      model: r.model,
      provider: providerNamed(r.provider),
      ...(r.upstreamModel ? { upstreamModel: r.upstreamModel } : {}),
      ...(r.fallback
        ? {
            fallback: {
              provider: providerNamed(r.fallback.provider),
              ...(r.fallback.upstreamModel ? { upstreamModel: r.fallback.upstreamModel } : {}),
            },
          }
        : {}),
    }));
  } else {
    const sim = createSimulatedProvider();
    routes = [
      { model: SIMULATED_MODEL, provider: sim },
      { model: '*', provider: sim },
    ];
  }

  const redisUrl = config.redisUrlEnv
    ? secret(config.redisUrlEnv, undefined, 'gateway.redisUrlEnv')
    : undefined;
  const redis = redisUrl ? connectRedis(redisUrl) : undefined;
  const auditConfig = config.audit ?? {};
  if (auditConfig.sink === 'webhook' && !auditConfig.webhookUrl) {
    throw new BulwarkError(
      'CONFIG_INVALID',
      'gateway.audit.webhookUrl is required when sink is webhook',
    );
  }
  const audit =
    auditConfig.sink === 'stdout'
      ? streamAuditSink(process.stdout)
      : auditConfig.sink === 'webhook'
        ? webhookAuditSink({
            url: auditConfig.webhookUrl as string,
            onError: (error) => logger.error({ err: error }, 'audit webhook delivery failed'),
          })
        : fileAuditSink(resolve(dataDir, auditConfig.file ?? 'audit.jsonl'));

  let adminKey = config.adminKeyEnv
    ? secret(config.adminKeyEnv, undefined, 'gateway.adminKeyEnv')
    : env.BULWARK_ADMIN_KEY;
  let printedAdminKey: string | undefined;
  if (!adminKey) {
    adminKey = generateApiKey().key;
    printedAdminKey = adminKey;
  }
  const jwtConfig = config.jwt;
  const jwt = jwtConfig
    ? createJwtVerifier({
        issuer: jwtConfig.issuer,
        audience: jwtConfig.audience,
        ...(jwtConfig.jwksUrl ? { jwksUrl: jwtConfig.jwksUrl } : {}),
        ...(jwtConfig.publicKeyFile
          ? { publicKeyPem: readFileSync(resolve(cwd, jwtConfig.publicKeyFile), 'utf8') }
          : {}),
        ...(jwtConfig.rolesClaim ? { rolesClaim: jwtConfig.rolesClaim } : {}),
        ...(jwtConfig.tenantClaim ? { tenantClaim: jwtConfig.tenantClaim } : {}),
      })
    : undefined;

  const gateway = createGateway({
    guard: createGuard(guardOptions),
    policy: policy.current,
    keys: fileKeyStore(dataDir),
    ...(jwt ? { jwt } : {}),
    routes,
    counters: redis ? redisCounterStore(redis) : memoryCounterStore(),
    ...(redis ? { concurrency: redisConcurrencyStore(redis) } : {}),
    approvals: redis ? redisApprovalStore(redis) : memoryApprovalStore(),
    audit,
    logger,
    metrics: createMetrics({ defaultMetrics: true }),
    auditContent: auditConfig.content ?? 'metadata',
    ...gatewayLimits(config.limits),
    approval: {
      mode: config.approval?.mode ?? 'deny',
      ...(config.approval?.holdMs !== undefined ? { holdMs: config.approval.holdMs } : {}),
      ttlMs: (config.approval?.ttlSeconds ?? 3600) * 1000,
    },
    adminKeyHash: hashApiKey(adminKey),
    ...(config.bodyLimitBytes ? { bodyLimitBytes: config.bodyLimitBytes } : {}),
    redact: config.redact ?? true,
    ...(tracer ? { tracer } : {}),
    ...(config.environment ? { environment: config.environment } : {}),
    ...(config.tls
      ? {
          tls: {
            cert: readFileSync(resolve(cwd, config.tls.certFile)),
            key: readFileSync(resolve(cwd, config.tls.keyFile)),
          },
        }
      : {}),
  });
  const host = flags.host ?? config.host ?? '127.0.0.1';
  const listening = await gateway.listen(flags.port ?? config.port ?? DEFAULT_PORT, host);
  const url = `${config.tls ? 'https' : 'http'}://${listening.host.includes(':') ? `[${listening.host}]` : listening.host}:${listening.port}`;
  logger.info({ url, dataDir }, 'gateway listening');
  return {
    gateway,
    url,
    adminKey: printedAdminKey,
    dataDir,
    async stop() {
      policy.stop();
      await gateway.close(10_000);
      await audit.close();
      for (const p of providers.values()) await p.close?.();
      for (const r of routes) await r.provider.close?.();
      redis?.disconnect();
      await tracer?.shutdown();
      logger.flush();
    },
  };
}

/** Resolves when SIGINT or SIGTERM arrives (graceful shutdown). */
export function untilSignal(): Promise<string> {
  return new Promise((resolvePromise) => {
    const done = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolvePromise(signal);
    };
    const onInt = () => done('SIGINT');
    const onTerm = () => done('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

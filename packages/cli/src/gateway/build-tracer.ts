import { BulwarkError } from '@bulwark/core';
import { createOtlpTracer, type Tracer } from '@bulwark/gateway';
import type { GatewayConfig } from '../config/gateway-config-schema.js';
import type { SecretReader } from './build-providers.js';

/**
 * The OTLP tracer when `gateway.telemetry.otlp` is configured, else
 * undefined (and the OpenTelemetry SDK is never loaded). Export headers
 * (collector credentials) come from the named env var in the
 * `OTEL_EXPORTER_OTLP_HEADERS` format: `key=value` pairs, comma-separated,
 * values percent-encoded.
 */
export async function buildTracer(
  telemetry: GatewayConfig['telemetry'],
  secret: SecretReader,
): Promise<Tracer | undefined> {
  const otlp = telemetry?.otlp;
  if (!otlp) return undefined;
  const what = 'gateway.telemetry.otlp.headersEnv';
  const raw = secret(otlp.headersEnv, undefined, what);
  return createOtlpTracer({
    endpoint: otlp.endpoint,
    ...(raw ? { headers: parseHeaders(raw, otlp.headersEnv ?? '') } : {}),
    ...(otlp.serviceName ? { serviceName: otlp.serviceName } : {}),
    ...(otlp.sampleRatio !== undefined ? { sampleRatio: otlp.sampleRatio } : {}),
    ...(otlp.timeoutMs ? { timeoutMs: otlp.timeoutMs } : {}),
  });
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;

/** Parses `k=v,k2=v2`; an error names the variable and the pair's position, never a value. */
export function parseHeaders(raw: string, envName: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [index, pair] of raw.split(',').entries()) {
    if (pair.trim() === '') continue;
    const eq = pair.indexOf('=');
    const name = eq === -1 ? '' : pair.slice(0, eq).trim();
    let value: string | undefined;
    try {
      value = decodeURIComponent(pair.slice(eq + 1).trim());
    } catch {
      value = undefined;
    }
    if (!HEADER_NAME.test(name) || value === undefined) {
      throw new BulwarkError(
        'CONFIG_INVALID',
        `gateway.telemetry.otlp.headersEnv: entry ${index + 1} of $${envName} is not key=value`,
        { hint: 'use the OTEL_EXPORTER_OTLP_HEADERS format: key1=value1,key2=value2' },
      );
    }
    headers[name.toLowerCase()] = value;
  }
  return headers;
}

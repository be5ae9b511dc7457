import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BulwarkError } from '@bulwark/core';
import { providerFactories, type Provider, type UpstreamTransportOptions } from '@bulwark/gateway';
import type { GatewayConfig } from '../config/gateway-config-schema.js';

type ProviderConfig = NonNullable<GatewayConfig['providers']>[string];

/** Reads a secret named by env var or file; the value never appears in an error. */
export type SecretReader = (
  envName: string | undefined,
  file: string | undefined,
  what: string,
) => string | undefined;

/**
 * The one place provider secrets are read: a file (relative to the config's
 * working directory, trimmed) wins over an env var; a named but missing or
 * empty source is a config error naming the source, never the value.
 */
export function secretReader(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): SecretReader {
  return (envName, file, what) => {
    if (file) {
      const path = resolve(cwd, file);
      let value: string;
      try {
        value = readFileSync(path, 'utf8').trim();
      } catch (error) {
        throw new BulwarkError('FILE_UNREADABLE', `${what}: cannot read secret file ${path}`, {
          cause: error,
          hint: 'check the path and its permissions',
        });
      }
      if (value === '')
        throw new BulwarkError('CONFIG_INVALID', `${what}: secret file ${path} is empty`);
      return value;
    }
    if (!envName) return undefined;
    const value = env[envName];
    if (value === undefined || value === '') {
      throw new BulwarkError(
        'CONFIG_INVALID',
        `${what}: environment variable ${envName} is not set`,
      );
    }
    return value;
  };
}

/** Builds each configured provider with the registry's factory for its `kind`. */
export function buildProviders(
  configs: Readonly<Record<string, ProviderConfig>>,
  secret: SecretReader,
): Map<string, Provider> {
  const providers = new Map<string, Provider>();
  for (const [name, config] of Object.entries(configs)) {
    providers.set(name, buildProvider(name, config, secret));
  }
  return providers;
}

function buildProvider(name: string, p: ProviderConfig, secret: SecretReader): Provider {
  const what = `gateway.providers.${name}`;
  if (p.kind === 'simulated') {
    return providerFactories.simulated(
      p.chunkDelayMs !== undefined ? { chunkDelayMs: p.chunkDelayMs } : {},
    );
  }
  const transport: UpstreamTransportOptions = {
    ...(p.timeoutMs ? { timeoutMs: p.timeoutMs } : {}),
    ...(p.idleTimeoutMs ? { idleTimeoutMs: p.idleTimeoutMs } : {}),
    ...(p.retries !== undefined ? { retries: p.retries } : {}),
    ...(p.connections ? { connections: p.connections } : {}),
  };
  const headers = p.headers ? { headers: p.headers } : {};
  const apiKey = secret(p.apiKeyEnv, p.apiKeyFile, what);
  const key = apiKey ? { apiKey } : {};
  switch (p.kind) {
    case 'openai-compatible':
      return providerFactories['openai-compatible']({
        baseUrl: p.baseUrl,
        ...key,
        ...headers,
        ...transport,
      });
    case 'anthropic':
      return providerFactories.anthropic({
        ...(p.baseUrl ? { baseUrl: p.baseUrl } : {}),
        ...(p.version ? { version: p.version } : {}),
        ...(p.defaultMaxTokens ? { defaultMaxTokens: p.defaultMaxTokens } : {}),
        ...key,
        ...headers,
        ...transport,
      });
    case 'azure-openai': {
      const bearerToken = secret(p.tokenEnv, p.tokenFile, what);
      return providerFactories['azure-openai']({
        endpoint: p.endpoint,
        apiVersion: p.apiVersion,
        ...(p.deployment ? { deployment: p.deployment } : {}),
        ...key,
        ...(bearerToken ? { bearerToken } : {}),
        ...headers,
        ...transport,
      });
    }
  }
}

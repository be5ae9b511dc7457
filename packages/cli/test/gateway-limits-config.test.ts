import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../src/config/load-config.js';
import { gatewayLimits } from '../src/gateway/gateway-limits.js';

const valid = `version: 1
gateway:
  limits:
    requestsPerMinute: 60
    maxTokens: 4096
    tenants:
      "*": { tokensPerDay: 2000000 }
      acme:
        requestsPerMinute: 600
        maxConcurrent: 20
    models:
      gpt-4o: { tokensPerMinute: 100000, tokensPerMonth: 50000000, maxTokens: 2048 }
`;

function issuesOf(text: string): string {
  try {
    parseConfigText(text, 'bulwark.yaml');
  } catch (error) {
    return (error as { describe(): string }).describe();
  }
  throw new Error('expected the config to be rejected');
}

describe('gateway.limits in bulwark.yaml', () => {
  it('splits per-credential defaults from tenant and model limits', () => {
    const config = parseConfigText(valid, 'bulwark.yaml');
    expect(gatewayLimits(config.gateway?.limits)).toEqual({
      limits: { requestsPerMinute: 60, maxTokens: 4096 },
      tenantLimits: {
        '*': { tokensPerDay: 2_000_000 },
        acme: { requestsPerMinute: 600, maxConcurrent: 20 },
      },
      modelLimits: {
        'gpt-4o': { tokensPerMinute: 100_000, tokensPerMonth: 50_000_000, maxTokens: 2048 },
      },
    });
    expect(gatewayLimits(undefined)).toEqual({});
  });

  it('reports a misspelt limit under a tenant at its line and column', () => {
    const text = issuesOf(
      'gateway:\n  limits:\n    tenants:\n      acme:\n        requestsPerMinut: 5\n',
    );
    expect(text).toMatch(/bulwark\.yaml:5:9: gateway\.limits\.tenants\.acme: Unrecognized key/);
  });

  it('reports a non-positive or non-integer model limit at its value', () => {
    const text = issuesOf(
      'gateway:\n  limits:\n    models:\n      gpt-4o:\n        maxTokens: -1\n        tokensPerDay: 1.5\n',
    );
    expect(text).toMatch(/bulwark\.yaml:5:20: gateway\.limits\.models\.gpt-4o\.maxTokens/);
    expect(text).toMatch(/bulwark\.yaml:6:23: gateway\.limits\.models\.gpt-4o\.tokensPerDay/);
  });

  it('rejects a tenant entry that is not a mapping, and an unknown scope', () => {
    expect(issuesOf('gateway:\n  limits:\n    tenants:\n      acme: 5\n')).toMatch(
      /bulwark\.yaml:4:13: gateway\.limits\.tenants\.acme/,
    );
    expect(issuesOf('gateway:\n  limits:\n    users: {}\n')).toMatch(
      /bulwark\.yaml:3:5: gateway\.limits: Unrecognized key: "users"/,
    );
  });

  it('accepts an upstream connection cap per provider and rejects one below 1', () => {
    const providers = (connections: number) =>
      `gateway:\n  providers:\n    openai:\n      kind: openai-compatible\n      baseUrl: http://127.0.0.1:9/v1\n      connections: ${connections}\n`;
    const config = parseConfigText(providers(256), 'bulwark.yaml');
    expect(config.gateway?.providers?.openai).toMatchObject({ connections: 256 });
    expect(issuesOf(providers(0))).toMatch(
      /bulwark\.yaml:6:20: gateway\.providers\.openai\.connections/,
    );
  });
});

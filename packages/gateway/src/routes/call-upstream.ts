import { BulwarkError } from '@bulwark/core';
import type { GatewayContext } from '../context.js';
import type { ModelRoute } from '../gateway-options.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { CancelSignal } from '../providers/cancel-signal.js';
import type { Provider, ProviderResult } from '../providers/provider.js';

/**
 * Calls the route's provider with the upstream model substituted, falling
 * back to the route's fallback on a connection failure or 5xx. The
 * request's abort signal cancels the call when the client disconnects.
 */
export async function callUpstream(
  ctx: GatewayContext,
  route: ModelRoute,
  metrics: GatewayMetrics | undefined,
  invoke: (
    provider: Provider,
    upstreamModel: string,
    signal: CancelSignal,
  ) => Promise<ProviderResult>,
): Promise<ProviderResult> {
  const started = performance.now();
  const attempt = async (provider: Provider, model: string): Promise<ProviderResult> => {
    try {
      return await invoke(provider, model, ctx.abort.signal);
    } catch (error) {
      if (ctx.abort.signal.aborted)
        throw new BulwarkError('UPSTREAM_ERROR', 'Request cancelled', { cause: error });
      const timeout = error instanceof Error && /timeout/i.test(error.name + error.message);
      throw new BulwarkError(
        timeout ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_ERROR',
        timeout ? 'Upstream provider timed out' : 'Upstream provider is unreachable',
        { cause: error },
      );
    }
  };
  const model = route.upstreamModel ?? ctx.model ?? '';
  let result: ProviderResult;
  try {
    result = await attempt(route.provider, model);
    if (route.fallback && result.status >= 500) {
      if (result.kind === 'stream') await drain(result.events);
      result = await attempt(route.fallback.provider, route.fallback.upstreamModel ?? model);
      ctx.decisions.push({
        stage: 'provider',
        outcome: 'fallback',
        ruleId: 'route.fallback',
        reason: 'primary answered 5xx',
      });
    }
  } catch (error) {
    if (!route.fallback || ctx.abort.signal.aborted) throw error;
    ctx.decisions.push({
      stage: 'provider',
      outcome: 'fallback',
      ruleId: 'route.fallback',
      reason: 'primary failed',
    });
    result = await attempt(route.fallback.provider, route.fallback.upstreamModel ?? model);
  }
  metrics?.upstreamLatency.observe({ route: ctx.route }, (performance.now() - started) / 1000);
  return result;
}

async function drain(events: AsyncIterable<string>): Promise<void> {
  for await (const _ of events) {
    // discard
  }
}

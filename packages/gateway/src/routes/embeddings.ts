import { evaluateGuardVerdict } from '@bulwark/policy';
import type { GatewayContext } from '../context.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { reject } from '../http/reject.js';
import type { EmbeddingsRequest } from '../providers/openai-types.js';
import { callUpstream } from './call-upstream.js';
import { routeFor } from './route-model.js';

/** `POST /v1/embeddings`: inputs are scanned as `context` (they are usually documents), then proxied. */
export function embeddingsHandler(deps: GatewayDeps): (ctx: GatewayContext) => Promise<void> {
  return async function embeddings(ctx) {
    const request = ctx.body as EmbeddingsRequest;
    const inputs = Array.isArray(request.input) ? request.input : [request.input];
    if (inputs.length === 0 || inputs.some((i) => typeof i !== 'string')) {
      reject(ctx, 'INPUT_INVALID', 'Field "input" must be a string or an array of strings', {
        code: 'invalid_input',
      });
    }
    const policy = deps.options.policy();
    for (const text of inputs) {
      const verdict = deps.options.guard.check({ text, role: 'context' });
      ctx.detections.push(...verdict.detections);
      const decision = evaluateGuardVerdict(policy, ctx.principal?.roles ?? [], 'context', verdict);
      if (decision.action === 'block') {
        ctx.decisions.push({
          stage: 'request.context',
          outcome: 'block',
          ruleId: decision.ruleId,
          reason: decision.reason,
        });
        reject(
          ctx,
          'BLOCKED',
          `Request blocked by Bulwark: input violates policy (${decision.ruleId})`,
          { code: 'content_filter', ruleId: decision.ruleId },
        );
      }
    }
    const route = routeFor(ctx, deps.options.routes);
    const result = await callUpstream(ctx, route, deps.metrics, (provider, model, signal) =>
      provider.embeddings({ ...request, model }, signal),
    );
    if (result.kind !== 'json' || result.status >= 400) {
      reject(ctx, 'UPSTREAM_ERROR', `Upstream provider failed with ${result.status}`, {
        code: 'upstream_error',
      });
    }
    const usage = (result.body as { usage?: { prompt_tokens?: number; total_tokens?: number } })
      .usage;
    if (usage)
      ctx.usage = {
        promptTokens: usage.prompt_tokens ?? 0,
        completionTokens: 0,
        totalTokens: usage.total_tokens ?? 0,
      };
    const body = JSON.stringify(result.body);
    ctx.res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    ctx.res.end(body);
  };
}

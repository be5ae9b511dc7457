import type { GatewayContext } from '../context.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { reject } from '../http/reject.js';
import type { EmbeddingsRequest } from '../providers/openai-types.js';
import { callUpstream } from './call-upstream.js';
import { scanRequestText } from '../guard/scan-request-text.js';
import { isUnsupported } from '../guard/unsupported.js';
import { routeFor } from './route-model.js';

/** Most inputs one embeddings request may carry. */
export const MAX_EMBEDDING_INPUTS = 2048;

/**
 * `POST /v1/embeddings`: inputs are scanned as `context` (they are usually
 * documents); with redaction on, the policy's `guard.redact` categories are
 * replaced by placeholders before the provider sees them (an embedding of a
 * document with `<EMAIL_1>` is as useful for retrieval, and leaks nothing),
 * everything else blocks per the `context` thresholds.
 */
export function embeddingsHandler(deps: GatewayDeps): (ctx: GatewayContext) => Promise<void> {
  return async function embeddings(ctx) {
    const request = ctx.body as EmbeddingsRequest;
    const inputs = Array.isArray(request.input) ? request.input : [request.input];
    if (inputs.length === 0 || inputs.some((i) => typeof i !== 'string')) {
      reject(ctx, 'INPUT_INVALID', 'Field "input" must be a string or an array of strings', {
        code: 'invalid_input',
      });
    }
    if (inputs.length > MAX_EMBEDDING_INPUTS) {
      // Each input is scanned on its own: the count bounds the guard's work (OpenAI's limit too).
      reject(
        ctx,
        'INPUT_INVALID',
        `Field "input" has ${inputs.length} entries, at most ${MAX_EMBEDDING_INPUTS} per request`,
        { code: 'invalid_input' },
      );
    }
    const policy = deps.options.policy();
    const scope = {
      tenant: ctx.principal?.tenant ?? 'unknown',
      conversation: ctx.requestId,
    };
    const guard = deps.options.guard;
    const redaction = deps.redact ? { scope, redact: guard.redact.bind(guard) } : undefined;
    let redactedSpans = 0;
    for (const [index, text] of (inputs as string[]).entries()) {
      const scan = (r: typeof redaction) =>
        scanRequestText(guard, policy, ctx.principal?.roles ?? [], 'context', [text], r);
      let scanned;
      try {
        scanned = scan(redaction);
      } catch (error) {
        if (!isUnsupported(error)) throw error;
        scanned = scan(undefined);
      }
      ctx.detections.push(...scanned.detections);
      const decision = scanned.decision;
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
      inputs[index] = scanned.texts[0] ?? text;
      redactedSpans += scanned.redactedSpans;
    }
    if (redactedSpans > 0) {
      ctx.decisions.push({
        stage: 'request.context',
        outcome: 'redact',
        ruleId: 'guard.redact',
        reason: `${redactedSpans} span(s) redacted (${policy.guard.redact.join(', ')})`,
      });
    }
    const forwarded = { ...request, input: Array.isArray(request.input) ? inputs : inputs[0] };
    const route = routeFor(ctx, deps.options.routes);
    const result = await callUpstream(ctx, route, deps.metrics, (provider, model, signal) =>
      provider.embeddings({ ...forwarded, model } as EmbeddingsRequest, signal),
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

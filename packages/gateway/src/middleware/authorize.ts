import type { Guard } from '@bulwark/detect';
import {
  evaluateModelAccess,
  evaluateToolDefinition,
  type Policy,
  type Subject,
} from '@bulwark/policy';
import type { GatewayContext, Middleware } from '../context.js';
import { reject } from '../http/reject.js';
import type { ChatToolDefinition } from '../providers/openai-types.js';

/** The policy subject for the current request. */
export function subjectOf(ctx: GatewayContext, environment: string | undefined): Subject {
  const principal = ctx.principal;
  const classification = ctx.req.headers['x-bulwark-data-classification'];
  return {
    tenant: principal?.tenant ?? 'unknown',
    roles: principal?.roles ?? [],
    ...(environment !== undefined ? { environment } : {}),
    ...(typeof classification === 'string' ? { classification } : {}),
  };
}

/**
 * RBAC/ABAC on the model (credential allow-list, then policy) and on the
 * tools the request offers (credential allow-list, then tool-definition
 * checks: a poisoned description is prompt injection). 403 with the rule.
 */
export function authorize(
  policy: () => Policy,
  guard: Guard,
  environment: string | undefined,
): Middleware {
  return function authorizeStep(ctx, next) {
    const body = ctx.body as { model?: unknown; tools?: unknown };
    if (typeof body.model !== 'string' || body.model === '') {
      reject(ctx, 'INPUT_INVALID', 'Field "model" is required', { code: 'missing_model' });
    }
    ctx.model = body.model;
    const principal = ctx.principal;
    if (principal?.allowedModels && !principal.allowedModels.includes(body.model)) {
      ctx.decisions.push({
        stage: 'authorize',
        outcome: 'deny',
        ruleId: 'key.allowed_models',
        reason: `model ${body.model} is not allowed for this key`,
      });
      reject(ctx, 'FORBIDDEN', `Model ${body.model} is not allowed for this key`, {
        code: 'model_not_allowed',
        ruleId: 'key.allowed_models',
      });
    }
    const current = policy();
    const decision = evaluateModelAccess(current, subjectOf(ctx, environment), body.model);
    ctx.decisions.push({ stage: 'authorize', ...decision });
    if (decision.outcome !== 'allow') {
      reject(ctx, 'FORBIDDEN', decision.reason, {
        code: 'model_not_allowed',
        ruleId: decision.ruleId,
      });
    }
    if (Array.isArray(body.tools)) {
      for (const tool of body.tools as ChatToolDefinition[]) {
        const name = tool?.function?.name;
        if (typeof name !== 'string')
          reject(ctx, 'INPUT_INVALID', 'Each tool needs function.name', { code: 'invalid_tool' });
        if (principal?.allowedTools && !principal.allowedTools.includes(name)) {
          ctx.decisions.push({
            stage: 'authorize',
            outcome: 'deny',
            ruleId: 'key.allowed_tools',
            reason: `tool ${name} is not allowed for this key`,
          });
          reject(ctx, 'FORBIDDEN', `Tool ${name} is not allowed for this key`, {
            code: 'tool_not_allowed',
            ruleId: 'key.allowed_tools',
          });
        }
        const description =
          typeof tool.function.description === 'string' ? tool.function.description : '';
        const verdict = description
          ? guard.check({ text: description, role: 'context' })
          : undefined;
        if (verdict) ctx.detections.push(...verdict.detections);
        const toolDecision = evaluateToolDefinition(current, { name, description }, verdict);
        if (toolDecision.outcome !== 'allow') {
          ctx.decisions.push({ stage: 'tool_definition', ...toolDecision });
          reject(ctx, 'BLOCKED', toolDecision.reason, {
            code: 'tool_definition_blocked',
            ruleId: toolDecision.ruleId,
          });
        }
      }
    }
    return next();
  };
}

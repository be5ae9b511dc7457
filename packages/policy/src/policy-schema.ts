import { z } from 'zod';
import { REDACTABLE_CATEGORIES } from './policy.js';

/**
 * Schema of a policy file. Unknown keys are errors so that a typo never
 * silently disables a rule. See docs/gateway.md for the format.
 */
const matcher = z.union([
  z.strictObject({ equals: z.string() }),
  z.strictObject({ glob: z.string().max(1000) }),
  z.strictObject({ regex: z.string().max(1000) }),
]);

const messageRole = z.enum(['system', 'user', 'context', 'output']);

const conditions = z.strictObject({
  roles: z.array(z.string()).min(1).optional(),
  tenants: z.array(matcher).min(1).optional(),
  environments: z.array(z.string()).min(1).optional(),
  /** Data classifications the caller may send (request header x-bulwark-data-classification). */
  classifications: z.array(z.string()).min(1).optional(),
  /** UTC hours [from, to) during which the rule applies. */
  hoursUtc: z
    .strictObject({ from: z.number().int().min(0).max(23), to: z.number().int().min(1).max(24) })
    .optional(),
});

const modelRule = z.strictObject({
  id: z.string().min(1),
  models: z.array(matcher).min(1),
  effect: z.enum(['allow', 'deny']),
  when: conditions.optional(),
  reason: z.string().optional(),
});

const thresholds = z.strictObject({
  flag: z.number().min(0).max(1).optional(),
  block: z.number().min(0).max(1).optional(),
  /** What a flag does: let it through with a record, or treat it as a block. */
  onFlag: z.enum(['allow', 'block']).optional(),
});

const argumentMatcher = z.strictObject({
  argument: z.string().min(1),
  match: matcher,
  reason: z.string().optional(),
});

const toolRule = z.strictObject({
  id: z.string().min(1),
  tools: z.array(matcher).min(1),
  effect: z.enum(['allow', 'deny', 'require_approval']),
  when: conditions.optional(),
  reason: z.string().optional(),
  /** JSON Schema (draft 2020-12 subset understood by ajv) the arguments must satisfy. */
  schema: z.record(z.string(), z.unknown()).optional(),
  /** Allow-lists: a URL argument's host must be one of `domains` (or a subdomain). */
  domains: z.strictObject({ argument: z.string(), allow: z.array(z.string()).min(1) }).optional(),
  paths: z.strictObject({ argument: z.string(), allow: z.array(matcher).min(1) }).optional(),
  /** The first word of a command argument must be one of these. */
  commands: z.strictObject({ argument: z.string(), allow: z.array(z.string()).min(1) }).optional(),
  deny: z.array(argumentMatcher).optional(),
});

const toolDefinitions = z.strictObject({
  maxDescriptionLength: z.number().int().positive().optional(),
  deny: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        description: matcher,
        reason: z.string().optional(),
      }),
    )
    .optional(),
});

export const policySchema = z.strictObject({
  version: z.literal(1),
  models: z.array(modelRule).default([]),
  guard: z
    .strictObject({
      defaults: z.partialRecord(messageRole, thresholds).optional(),
      roles: z.record(z.string(), z.partialRecord(messageRole, thresholds)).optional(),
      /**
       * Detection categories handled by redaction instead of blocking: with
       * redaction on, their spans are replaced before the provider (or the
       * client) sees them and they do not count toward the block/flag score.
       */
      redact: z.array(z.enum(REDACTABLE_CATEGORIES)).max(2).optional(),
    })
    .optional(),
  tools: z.array(toolRule).default([]),
  toolDefinitions: toolDefinitions.optional(),
});

export type PolicyDocument = z.infer<typeof policySchema>;
export type PolicyConditions = z.infer<typeof conditions>;
export type PolicyThresholds = z.infer<typeof thresholds>;

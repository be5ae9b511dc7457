import { z } from 'zod';
import { SEVERITIES } from '@bulwark/core';
import { detectConfigSchema } from './detect-config-schema.js';
import { gatewayConfigSchema } from './gateway-config-schema.js';

/**
 * Schema of `bulwark.yaml`. Unknown keys are errors (a typo must not silently
 * disable a control). Each package's section is owned by that package's
 * command and documented in docs/configuration.md.
 */
export const configSchema = z.strictObject({
  version: z.literal(1).optional(),
  output: z
    .strictObject({
      format: z.string().optional(),
      failOn: z.enum(SEVERITIES).optional(),
    })
    .optional(),
  scan: z
    .strictObject({
      include: z.array(z.string()).optional(),
      exclude: z.array(z.string()).optional(),
      /** Baseline file for `bulwark scan` (same as --baseline). */
      baseline: z.string().optional(),
      /** Scan git history for secrets (same as --history). */
      history: z.boolean().optional(),
      /** Files above this size are skipped by the code rules. */
      maxFileBytes: z.number().int().positive().optional(),
    })
    .optional(),
  detect: detectConfigSchema.optional(),
  gateway: gatewayConfigSchema.optional(),
});

export type BulwarkConfig = z.infer<typeof configSchema>;

import { z } from 'zod';
import { MESSAGE_ROLES, type MessageRole } from '@bulwark/core';
import {
  DEFAULT_DECODE_LIMITS,
  DETECTOR_NAMES,
  NATIONAL_ID_RECOGNIZERS,
  type DetectorSettings,
  type GuardOptions,
  type NationalIdName,
  type RoleThresholds,
} from '@bulwark/detect';

/**
 * The `detect:` section of bulwark.yaml: which detectors the guard runs, its
 * score thresholds per message role and per detector, the strongest action a
 * detector may cause, and detector options. Used by `bulwark detect` and by
 * the gateway's guard (whose per-role actions the policy can tighten further).
 * Documented in docs/configuration.md.
 */
const score = z.number().min(0).max(1);
const roleThresholds = z
  .strictObject({ flag: score, block: score })
  .refine((t) => t.flag <= t.block, { message: 'flag must not be greater than block' });
const thresholdsByRole = z.partialRecord(z.enum(MESSAGE_ROLES), roleThresholds);
const action = z.enum(['allow', 'flag', 'block']);
const detectorSettings = z.strictObject({
  thresholds: thresholdsByRole.optional(),
  maxAction: action.optional(),
  maxActionByRole: z.partialRecord(z.enum(MESSAGE_ROLES), action).optional(),
});
const nationalIdNames = Object.keys(NATIONAL_ID_RECOGNIZERS) as [
  NationalIdName,
  ...NationalIdName[],
];

export const detectConfigSchema = z.strictObject({
  detectors: z.array(z.enum(DETECTOR_NAMES)).min(1).optional(),
  thresholds: thresholdsByRole.optional(),
  detectorSettings: z.partialRecord(z.enum(DETECTOR_NAMES), detectorSettings).optional(),
  promptAttack: z
    .strictObject({
      minScore: score.optional(),
      decode: z
        .strictObject({
          maxDepth: z.number().int().min(0).max(8).optional(),
          maxSegments: z.number().int().min(0).max(1024).optional(),
          maxDecodedChars: z.number().int().min(0).max(16_777_216).optional(),
        })
        .optional(),
    })
    .optional(),
  pii: z.strictObject({ nationalIds: z.array(z.enum(nationalIdNames)).optional() }).optional(),
  unsafeOutput: z
    .strictObject({ allowedDomains: z.array(z.string().min(1)).optional() })
    .optional(),
});

export type DetectConfig = z.infer<typeof detectConfigSchema>;

/** Drops keys whose value is undefined (exactOptionalPropertyTypes). */
function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

function thresholdsOf(
  value: DetectConfig['thresholds'],
): Partial<Record<MessageRole, RoleThresholds>> {
  return defined(value ?? {});
}

/** Guard options from the validated `detect:` section (empty when absent). */
export function guardOptionsFromConfig(config: DetectConfig | undefined): GuardOptions {
  if (config === undefined) return {};
  const options: GuardOptions = {};
  if (config.detectors !== undefined) options.detectors = config.detectors;
  if (config.thresholds !== undefined) options.thresholds = thresholdsOf(config.thresholds);
  if (config.detectorSettings !== undefined) {
    const settings: Record<string, DetectorSettings> = {};
    for (const [name, entry] of Object.entries(config.detectorSettings)) {
      if (entry === undefined) continue;
      settings[name] = defined({
        thresholds: entry.thresholds === undefined ? undefined : thresholdsOf(entry.thresholds),
        maxAction: entry.maxAction,
        maxActionByRole:
          entry.maxActionByRole === undefined ? undefined : defined(entry.maxActionByRole),
      });
    }
    options.detectorSettings = settings;
  }
  const promptAttack = config.promptAttack;
  const detectorOptions: NonNullable<GuardOptions['detectorOptions']> = {};
  if (promptAttack !== undefined) {
    detectorOptions['prompt-attack'] = defined({
      minScore: promptAttack.minScore,
      decode:
        promptAttack.decode === undefined
          ? undefined
          : { ...DEFAULT_DECODE_LIMITS, ...defined(promptAttack.decode) },
    });
  }
  if (config.pii?.nationalIds !== undefined) {
    detectorOptions.pii = { nationalIds: config.pii.nationalIds };
  }
  if (config.unsafeOutput?.allowedDomains !== undefined) {
    detectorOptions['unsafe-output'] = { allowedDomains: config.unsafeOutput.allowedDomains };
  }
  if (Object.keys(detectorOptions).length > 0) options.detectorOptions = detectorOptions;
  return options;
}

import {
  BulwarkError,
  type Detection,
  type GuardAction,
  type GuardCheckInput,
  type MessageRole,
  type Verdict,
} from '@bulwark/core';
import { createCanaryToken } from './canary/canary-token.js';
import type { Detector, DetectorInput, NormalizedText } from './detector.js';
import {
  DETECTOR_NAMES,
  detectorRegistry,
  type DetectorName,
  type DetectorOptions,
} from './detector-registry.js';
import type { Guard } from './guard-types.js';
import { identityNormalized } from './identity-normalizer.js';
import { normalizeText } from './normalize/normalize-text.js';
import { runPlugins, type GuardPlugin } from './plugins/guard-plugin.js';
import { markUntrusted, type SpotlightOptions } from './spotlight/mark-untrusted.js';
import { validateJson } from './json-schema/validate-json.js';
import type { RedactionOptions } from './redaction/redaction-options.js';
import { createRedactor, nonOverlapping } from './redaction/redactor.js';
import { createStreamRedactor } from './stream/stream-redactor.js';
import { UnsafeOutputDetector } from './unsafe-output/unsafe-output-detector.js';

/** Score thresholds for one message role: at/above `flag` → flag, at/above `block` → block. */
export interface RoleThresholds {
  flag: number;
  block: number;
}

/** Options of `createGuard`, resolved once; the guard never reads env or files. */
export interface GuardOptions {
  /** Detectors to run (registry names); default: all built-in detectors. */
  detectors?: readonly DetectorName[];
  /** Construction options per detector (e.g. `prompt-attack` minimum score, PII countries). */
  detectorOptions?: DetectorOptions;
  /** Per-role thresholds; missing roles use the defaults. */
  thresholds?: Partial<Record<MessageRole, RoleThresholds>>;
  /**
   * Per-detector settings (by registry or plug-in name): thresholds per role
   * that replace the role defaults for that detector's detections, and the
   * strongest action that detector may cause (e.g. `flag` to never block).
   */
  detectorSettings?: Readonly<Record<string, DetectorSettings>>;
  /** How `markUntrusted` marks content (default: datamarking with U+02C6). */
  spotlight?: SpotlightOptions;
  /** Optional plug-ins (ONNX classifier, LLM judge) run by `checkAsync` only. */
  plugins?: readonly GuardPlugin[];
  /** Redaction modes, tenant keys (HMAC, AES-256-GCM), vault store and TTL. */
  redaction?: RedactionOptions;
}

/** Settings for one detector; see `GuardOptions.detectorSettings`. */
export interface DetectorSettings {
  thresholds?: Partial<Record<MessageRole, RoleThresholds>>;
  maxAction?: GuardAction;
  /** Strongest action per message role; `allow` makes the detector informational there. */
  maxActionByRole?: Partial<Record<MessageRole, GuardAction>>;
}

/**
 * Defaults for the sensitive-data detectors. Personal data and credentials in
 * a prompt are not an attack on the model: they are reported (so callers can
 * redact them, as the gateway does) without turning the verdict into a block.
 * PII is informational on inputs and a flag on output; a credential is a flag
 * on inputs and may block on output, where it would leak to the client.
 * Callers override these through `detectorSettings`.
 */
const DEFAULT_DETECTOR_SETTINGS: Readonly<Record<string, DetectorSettings>> = {
  pii: { maxActionByRole: { system: 'allow', user: 'allow', context: 'allow', output: 'flag' } },
  secrets: { maxActionByRole: { system: 'flag', user: 'flag', context: 'flag' } },
};

const ACTION_RANK: Record<GuardAction, number> = { allow: 0, flag: 1, block: 2 };

const DEFAULT_THRESHOLDS: Record<MessageRole, RoleThresholds> = {
  system: { flag: 0.7, block: 0.95 },
  user: { flag: 0.5, block: 0.8 },
  context: { flag: 0.5, block: 0.8 },
  output: { flag: 0.5, block: 0.8 },
};

/** The detections to replace: all, or those of the requested categories. */
function redactedOnly(
  detections: readonly Detection[],
  categories: readonly string[] | undefined,
): readonly Detection[] {
  return categories === undefined
    ? detections
    : detections.filter((d) => categories.includes(d.category));
}

/** Builds a guard from options: detectors are instantiated once and reused for every call. */
export function createGuard(options: GuardOptions = {}): Guard {
  const names = options.detectors ?? DETECTOR_NAMES;
  for (const name of names) {
    if (!Object.hasOwn(detectorRegistry, name)) {
      throw new BulwarkError('UNKNOWN_NAME', `Unknown detector "${String(name)}"`, {
        hint: `known detectors: ${DETECTOR_NAMES.join(', ') || '(none)'}`,
      });
    }
  }
  const factories: Readonly<Record<string, (options: DetectorOptions) => Detector>> =
    detectorRegistry;
  const detectorOptions = options.detectorOptions ?? {};
  const instances = names.map((name) => ({
    name,
    detector: (factories[name] as (options: DetectorOptions) => Detector)(detectorOptions),
  }));
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const settings = { ...DEFAULT_DETECTOR_SETTINGS, ...options.detectorSettings };
  const plugins = options.plugins ?? [];
  const redactor = createRedactor(options.redaction);
  const unsafeOutput = names.includes('unsafe-output')
    ? new UnsafeOutputDetector(detectorOptions['unsafe-output'])
    : undefined;

  function actionFor(detection: Detection, role: MessageRole): GuardAction {
    const own = settings[detection.detector];
    const limits = own?.thresholds?.[role] ?? thresholds[role];
    let action: GuardAction =
      detection.score >= limits.block ? 'block' : detection.score >= limits.flag ? 'flag' : 'allow';
    const cap = capFor(detection, role);
    if (cap !== undefined && ACTION_RANK[action] > ACTION_RANK[cap]) action = cap;
    return action;
  }

  /** The strongest action a detection may cause for this role, if capped. */
  function capFor(detection: Detection, role: MessageRole): GuardAction | undefined {
    const own = settings[detection.detector];
    const byRole = own?.maxActionByRole?.[role];
    if (byRole === undefined) return own?.maxAction;
    if (own?.maxAction === undefined) return byRole;
    return ACTION_RANK[byRole] < ACTION_RANK[own.maxAction] ? byRole : own.maxAction;
  }

  /** Verdict for one text: the strongest per-detection action and the highest counted score. */
  function verdictOf(detections: Detection[], role: MessageRole): Verdict {
    let action: GuardAction = 'allow';
    let score = 0;
    for (const detection of detections) {
      // Informational detections (capped at `allow`) are listed but do not raise the score.
      if (capFor(detection, role) !== 'allow') score = Math.max(score, detection.score);
      const own = actionFor(detection, role);
      if (ACTION_RANK[own] > ACTION_RANK[action]) action = own;
    }
    return { action, score, detections };
  }

  function detectorInputFor(input: GuardCheckInput): DetectorInput {
    let normalized: NormalizedText | undefined;
    return {
      text: input.text,
      role: input.role ?? 'user',
      sinks: input.sinks ?? [],
      normalized: () => (normalized ??= normalizeText(input.text)),
    };
  }

  function runDetectors(input: GuardCheckInput, detectorInput: DetectorInput): Detection[] {
    const detections: Detection[] = [];
    for (const { name, detector } of instances) {
      if (input.detectors && !input.detectors.includes(name)) continue;
      for (const detection of detector.detect(detectorInput)) detections.push(detection);
    }
    return detections;
  }

  function check(input: GuardCheckInput): Verdict {
    const detectorInput = detectorInputFor(input);
    return verdictOf(runDetectors(input, detectorInput), detectorInput.role);
  }

  async function checkAsync(input: GuardCheckInput): Promise<Verdict> {
    const detectorInput = detectorInputFor(input);
    const detections = runDetectors(input, detectorInput);
    const selected = plugins.filter((p) => !input.detectors || input.detectors.includes(p.name));
    detections.push(...(await runPlugins(selected, detectorInput)));
    return verdictOf(detections, detectorInput.role);
  }

  return {
    check,
    checkAsync,
    markUntrusted: (text) => markUntrusted(text, options.spotlight),
    canary: () => createCanaryToken(),
    redact: (text, scope, role, redactOptions = {}) => {
      if (redactOptions.categories === undefined) return redactor.redact(text, scope, role);
      const detections = nonOverlapping(
        redactedOnly(redactor.detect(text), redactOptions.categories),
      );
      return { text: redactor.apply(text, detections, scope), detections };
    },
    restore: (text, scope) => redactor.restore(text, scope),
    streamOutput: (scope, streamOptions = {}) =>
      createStreamRedactor({
        detect: redactor.detect,
        transform: (segment, found) => {
          const replaced = redactedOnly(found, streamOptions.categories);
          return streamOptions.restore
            ? redactor.apply(segment, replaced, scope, (gap) => redactor.restore(gap, scope))
            : redactor.apply(segment, replaced, scope);
        },
        // Output that attacks its renderer ends the stream when unsafe-output is enabled.
        block: (segment) =>
          unsafeOutput !== undefined &&
          unsafeOutput
            .detect({
              text: segment,
              role: 'output',
              sinks: [],
              // Unsafe-output rules read the original text; no normalised view is needed.
              normalized: () => identityNormalized(segment),
            })
            .some((d) => d.score >= thresholds.output.block),
      }),
    validateJson,
  };
}

import {
  BulwarkError,
  type Detection,
  type GuardCheckInput,
  type MessageRole,
  type Verdict,
} from '@bulwark/core';
import type { Detector, DetectorInput } from './detector.js';
import { DETECTOR_NAMES, detectorRegistry, type DetectorName } from './detector-registry.js';
import type { Guard } from './guard-types.js';
import { identityNormalized } from './identity-normalizer.js';
import { validateJson } from './json-schema/validate-json.js';
import type { RedactionOptions } from './redaction/redaction-options.js';
import { createRedactor } from './redaction/redactor.js';
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
  /** Per-role thresholds; missing roles use the defaults. */
  thresholds?: Partial<Record<MessageRole, RoleThresholds>>;
  /** Redaction modes, tenant keys (HMAC, AES-256-GCM), vault store and TTL. */
  redaction?: RedactionOptions;
}

const DEFAULT_THRESHOLDS: Record<MessageRole, RoleThresholds> = {
  system: { flag: 0.7, block: 0.95 },
  user: { flag: 0.5, block: 0.8 },
  context: { flag: 0.5, block: 0.8 },
  output: { flag: 0.5, block: 0.8 },
};

function unavailable(feature: string): never {
  throw new BulwarkError('UNSUPPORTED', `${feature} is not available in this build of the guard`);
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
  const factories: Readonly<Record<string, () => Detector>> = detectorRegistry;
  const instances = names.map((name) => ({
    name,
    detector: (factories[name] as () => Detector)(),
  }));
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const redactor = createRedactor(options.redaction);
  const unsafeOutput = names.includes('unsafe-output') ? new UnsafeOutputDetector() : undefined;

  function check(input: GuardCheckInput): Verdict {
    const role = input.role ?? 'user';
    let normalized: ReturnType<typeof identityNormalized> | undefined;
    const detectorInput: DetectorInput = {
      text: input.text,
      role,
      sinks: input.sinks ?? [],
      normalized: () => (normalized ??= identityNormalized(input.text)),
    };
    const detections: Detection[] = [];
    for (const { name, detector } of instances) {
      if (input.detectors && !input.detectors.includes(name)) continue;
      for (const detection of detector.detect(detectorInput)) detections.push(detection);
    }
    const score = detections.reduce((max, d) => Math.max(max, d.score), 0);
    const limits = thresholds[role];
    const action = score >= limits.block ? 'block' : score >= limits.flag ? 'flag' : 'allow';
    return { action, score, detections };
  }

  return {
    check,
    checkAsync: async (input) => check(input),
    markUntrusted: () => unavailable('markUntrusted'),
    canary: () => unavailable('canary'),
    redact: (text, scope, role) => redactor.redact(text, scope, role),
    restore: (text, scope) => redactor.restore(text, scope),
    streamOutput: (scope, streamOptions = {}) =>
      createStreamRedactor({
        detect: redactor.detect,
        transform: (segment, found) =>
          streamOptions.restore
            ? redactor.apply(segment, found, scope, (gap) => redactor.restore(gap, scope))
            : redactor.apply(segment, found, scope),
        // Output that attacks its renderer ends the stream when unsafe-output is enabled.
        block: (segment) =>
          unsafeOutput !== undefined &&
          unsafeOutput
            .detect({
              text: segment,
              role: 'output',
              sinks: [],
              normalized: () => identityNormalized(segment),
            })
            .some((d) => d.score >= thresholds.output.block),
      }),
    validateJson,
  };
}

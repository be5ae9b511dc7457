import type { FrameworkId } from './finding.js';
import type { Severity } from './severity.js';

/**
 * Where a piece of text came from, as the guard sees it. `context` is any
 * content the application did not write and the user did not type directly:
 * retrieved documents, tool results, web pages, emails. Indirect prompt
 * injection hides there.
 */
export const MESSAGE_ROLES = ['system', 'user', 'context', 'output'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export function isMessageRole(value: unknown): value is MessageRole {
  return typeof value === 'string' && (MESSAGE_ROLES as readonly string[]).includes(value);
}

/** Families of detections; detectors pick one per detection. */
export const DETECTION_CATEGORIES = [
  'prompt_injection',
  'jailbreak',
  'invisible_text',
  'encoded_payload',
  'canary_leak',
  'secret',
  'pii',
  'exfiltration',
  'unsafe_output',
  'content_safety',
] as const;
export type DetectionCategory = (typeof DETECTION_CATEGORIES)[number];

/**
 * One thing a detector found in a text. `start`/`end` are UTF-16 offsets into
 * the ORIGINAL text the caller passed (not a normalised copy), `end`
 * exclusive, so `text.slice(start, end)` is the offending span.
 */
export interface Detection {
  /** Registry name of the detector that produced it, e.g. `prompt-attack`. */
  detector: string;
  category: DetectionCategory;
  /** Finer type, dotted: `secret.github_token`, `pii.email`, `prompt_injection.override`. */
  type: string;
  /** 0..1 confidence that this span is what `type` says. */
  score: number;
  severity: Severity;
  start: number;
  end: number;
  /** Framework IDs such as `LLM01:2025`, `AML.T0051.000`. */
  refs: FrameworkId[];
  /** Named signals that contributed (explainability). */
  signals?: string[];
  /** Short redacted description; never the raw secret or PII value. */
  message?: string;
}

/** What the guard recommends for a text: let it through, flag it, or block it. */
export type GuardAction = 'allow' | 'flag' | 'block';

/** The guard's answer for one text. */
export interface Verdict {
  action: GuardAction;
  /** Highest detection score after per-detector weighting, 0 when nothing fired. */
  score: number;
  detections: Detection[];
}

/** Input of `guard.check`. */
export interface GuardCheckInput {
  text: string;
  /** Defaults to `user`. */
  role?: MessageRole;
  /** Restrict this call to these detector registry names. */
  detectors?: readonly string[];
  /**
   * What consumes an `output` text downstream, so unsafe-output detectors can
   * look for payloads aimed at it.
   */
  sinks?: readonly ('html' | 'markdown' | 'sql' | 'shell' | 'terminal')[];
}

/**
 * The guard contract the gateway and CLI build on. `check` runs the built-in
 * (synchronous, offline) detectors; `checkAsync` also runs optional plug-ins
 * such as an ONNX classifier or an LLM judge. Both return the same `Verdict`.
 */
export interface GuardChecker {
  check(input: GuardCheckInput): Verdict;
  checkAsync(input: GuardCheckInput): Promise<Verdict>;
}

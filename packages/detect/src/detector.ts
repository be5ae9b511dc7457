import type { Detection, GuardCheckInput, MessageRole } from '@bulwark/core';

/** What a downstream consumer of an `output` text is, when the caller says. */
export type OutputSink = NonNullable<GuardCheckInput['sinks']>[number];

/**
 * A normalised copy of a text with a map back to the original. Detectors that
 * look for meaning (prompt attacks) read `text`; every span they report is
 * mapped back through `toOriginalStart`/`toOriginalEnd` so detections always
 * point into the caller's original text.
 */
export interface NormalizedText {
  readonly text: string;
  /** Invisible characters removed (or, for tag characters, decoded) by the normaliser. */
  readonly hidden?: readonly HiddenRun[];
  toOriginalStart(offset: number): number;
  toOriginalEnd(offset: number): number;
}

/**
 * A run of adjacent invisible characters of one kind in the ORIGINAL text.
 * For Unicode tag characters, `decoded` holds the ASCII they shadow.
 */
export interface HiddenRun {
  kind: 'zero_width' | 'bidi' | 'tag' | 'variation_selector';
  start: number;
  end: number;
  count: number;
  decoded: string;
}

/** What every detector receives. `normalized()` is computed once, lazily, and shared. */
export interface DetectorInput {
  readonly text: string;
  readonly role: MessageRole;
  readonly sinks: readonly OutputSink[];
  normalized(): NormalizedText;
}

/**
 * The detector role: text in, detections out. Synchronous, offline and
 * bounded in time for any input up to the guard's size limit. Plug-ins that
 * need I/O implement `AsyncDetector` instead.
 */
export interface Detector {
  detect(input: DetectorInput): Detection[];
}

/** Optional plug-in detector (ONNX classifier, LLM judge); run by `checkAsync` only. */
export interface AsyncDetector {
  detectAsync(input: DetectorInput): Promise<Detection[]>;
}

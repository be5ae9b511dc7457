import type { Detection } from '@bulwark/core';
import type { OutputStreamGuard } from '@bulwark/detect';
import { sideTexts, type SideTextField } from './model-text-fields.js';

/** What scanning one delta's side texts gave. */
export interface SideTextStep {
  detections: Detection[];
  blocked: boolean;
  /** The side text released by this delta, all fields together (for the release check and audit). */
  emitted: string;
  /** True when a field's text was rewritten or held back in the delta. */
  changed: boolean;
}

/**
 * Streamed reasoning and refusal texts (see model-text-fields.ts), each
 * through its own stream scanner, opened on first use: text split over
 * events is seen whole, redacted and blocked as the content is. `push`
 * rewrites the delta's fields in place with what each scanner released.
 */
export class SideTextStreams {
  readonly #scanners = new Map<SideTextField, OutputStreamGuard>();

  constructor(private readonly open: () => OutputStreamGuard) {}

  push(delta: object): SideTextStep {
    const step: SideTextStep = { detections: [], blocked: false, emitted: '', changed: false };
    for (const [field, text] of sideTexts(delta)) {
      let scanner = this.#scanners.get(field);
      if (!scanner) {
        scanner = this.open();
        this.#scanners.set(field, scanner);
      }
      const result = scanner.push(text);
      step.detections.push(...result.detections);
      if (result.blocked) return { ...step, blocked: true };
      step.emitted += result.emit;
      if (result.emit !== text) {
        (delta as Record<string, unknown>)[field] = result.emit;
        step.changed = true;
      }
    }
    return step;
  }

  /** Ends every scanner: the text each still held, to send in one last delta. */
  end(): {
    detections: Detection[];
    blocked: boolean;
    rest: Partial<Record<SideTextField, string>>;
  } {
    const out = {
      detections: [] as Detection[],
      blocked: false,
      rest: {} as Partial<Record<SideTextField, string>>,
    };
    for (const [field, scanner] of this.#scanners) {
      const result = scanner.end();
      out.detections.push(...result.detections);
      if (result.blocked) return { ...out, blocked: true };
      if (result.emit !== '') out.rest[field] = result.emit;
    }
    this.#scanners.clear();
    return out;
  }
}

import type { Detection, FrameworkId, MessageRole, Severity } from '@bulwark/core';
import type { Detector, DetectorInput } from '../detector.js';
import {
  findEncodedPayloads,
  type DecodeLimits,
  DEFAULT_DECODE_LIMITS,
} from '../normalize/decode-payloads.js';
import { normalizeText } from '../normalize/normalize-text.js';
import {
  classifyText,
  createClassifyScratch,
  type ClassifyScratch,
  type TextAssessment,
} from './classify-text.js';
import { defaultPromptAttackModel } from './default-model.js';
import type { LinearModel } from './linear-model.js';

/** Options of the prompt-attack detector. */
export interface PromptAttackOptions {
  /** Detections below this score are not reported (default 0.2). */
  minScore?: number;
  /** Limits on decoding embedded payloads. */
  decode?: DecodeLimits;
  /** A model other than the shipped one (tests, retrained weights). */
  model?: LinearModel;
}

/**
 * Prompt injection and jailbreak detection (OWASP LLM01:2025; MITRE ATLAS
 * AML.T0051 direct `.000` / indirect `.001`, AML.T0054 jailbreak). Scores
 * the normalised text with the trained classifier, whose inputs include the
 * explainable signals, and scores every decoded embedded payload (base64,
 * hex, URL, ROT13, leetspeak, reversed) again; an attack found only inside a
 * payload is reported as `encoded_payload` on the encoded span.
 */
export class PromptAttackDetector implements Detector {
  private readonly minScore: number;
  private readonly limits: DecodeLimits;
  private readonly model: LinearModel;
  /** Token and feature buffers reused from one text to the next (detection is synchronous). */
  private readonly scratch: ClassifyScratch = createClassifyScratch();

  constructor(options: PromptAttackOptions = {}) {
    this.minScore = options.minScore ?? 0.2;
    this.limits = options.decode ?? DEFAULT_DECODE_LIMITS;
    this.model = options.model ?? defaultPromptAttackModel();
  }

  detect(input: DetectorInput): Detection[] {
    const normalized = input.normalized();
    const detections: Detection[] = [];
    const main = classifyText(this.model, normalized.text, this.scratch);
    if (main.score >= this.minScore) {
      detections.push(
        attackDetection(main, input.role, {
          start: normalized.toOriginalStart(main.from),
          end: normalized.toOriginalEnd(main.to),
        }),
      );
    }
    for (const payload of findEncodedPayloads(normalized.text, this.limits)) {
      const assessment = classifyText(this.model, normalizeText(payload.text).text, this.scratch);
      if (assessment.score < Math.max(this.minScore, 0.5)) continue;
      const start = normalized.toOriginalStart(payload.start);
      const end = normalized.toOriginalEnd(payload.end);
      const previous = detections.find(
        (d) => d.category === 'encoded_payload' && d.start === start && d.end === end,
      );
      if (previous !== undefined && previous.score >= assessment.score) continue;
      if (previous !== undefined) detections.splice(detections.indexOf(previous), 1);
      detections.push({
        detector: 'prompt-attack',
        category: 'encoded_payload',
        type: `encoded_payload.${payload.encoding}`,
        score: round(assessment.score),
        severity: severityFor(assessment.score),
        start,
        end,
        refs: [...refsFor(assessment, input.role), 'AML.T0068'],
        signals: [`decoded_${payload.encoding}`, ...assessment.signals, 'classifier'],
        message: `${payload.encoding}-encoded text decodes to a likely ${assessment.category === 'jailbreak' ? 'jailbreak' : 'prompt injection'}`,
      });
    }
    return detections;
  }
}

function attackDetection(
  assessment: TextAssessment,
  role: MessageRole,
  span: { start: number; end: number },
): Detection {
  const top = assessment.signals[0];
  return {
    detector: 'prompt-attack',
    category: assessment.category,
    type: `${assessment.category}.${top ?? 'classifier'}`,
    score: round(assessment.score),
    severity: severityFor(assessment.score),
    ...span,
    refs: refsFor(assessment, role),
    signals: [...assessment.signals, 'classifier'],
    message:
      assessment.category === 'jailbreak'
        ? 'text tries to make the model drop its safety rules'
        : role === 'context'
          ? 'content contains instructions aimed at the model (indirect prompt injection)'
          : 'text tries to override the model’s instructions',
  };
}

function refsFor(assessment: TextAssessment, role: MessageRole): FrameworkId[] {
  const refs: FrameworkId[] = ['LLM01:2025'];
  if (assessment.category === 'jailbreak') refs.push('AML.T0054');
  else refs.push(role === 'context' ? 'AML.T0051.001' : 'AML.T0051.000');
  if (assessment.signals.includes('prompt_extraction')) refs.push('LLM07:2025', 'AML.T0056');
  return refs;
}

function severityFor(score: number): Severity {
  return score >= 0.8 ? 'high' : score >= 0.5 ? 'medium' : 'low';
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

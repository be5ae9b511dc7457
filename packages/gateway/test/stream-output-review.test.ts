import type { Detection, Verdict } from '@bulwark/core';
import type { OutputStreamGuard } from '@bulwark/detect';
import { describe, expect, it } from 'vitest';
import {
  ATTACK_OVERLAP,
  ATTACK_WINDOW,
  reviewOutputStream,
} from '../src/guard/stream-output-review.js';

/** An inner scanner that releases every chunk as it comes (no redaction). */
function passThrough(): OutputStreamGuard {
  return {
    push: (chunk) => ({ emit: chunk, detections: [], blocked: false }),
    end: () => ({ emit: '', detections: [], blocked: false }),
  };
}

function found(type: string, start: number, end: number, score = 0.97): Detection {
  return {
    detector: type.split('.')[0] as string,
    category: type.startsWith('canary') ? 'canary_leak' : 'prompt_injection',
    type,
    score,
    severity: 'high',
    start,
    end,
    refs: [],
  };
}

/** Checks that flag the literal INJECT (prompt-attack) and CANARY-1234 (canary), and count what they read. */
function markerChecks() {
  const calls = { 'prompt-attack': 0, canary: 0, attackChars: 0 };
  const check = (text: string, detectors: readonly string[]): Verdict => {
    const detections: Detection[] = [];
    if (detectors.includes('prompt-attack')) {
      calls['prompt-attack']++;
      calls.attackChars += text.length;
      for (const m of text.matchAll(/INJECT/g)) {
        detections.push(found('prompt_injection.override', m.index, m.index + 6));
      }
    }
    if (detectors.includes('canary')) {
      calls.canary++;
      for (const m of text.matchAll(/CANARY-1234/g)) {
        detections.push(found('canary.leak', m.index, m.index + 11));
      }
    }
    return { action: detections.length > 0 ? 'block' : 'allow', score: 0, detections };
  };
  const blocks = (detections: readonly Detection[]) =>
    detections.some((d) => d.category !== 'secret' && d.score >= 0.8);
  return { calls, checks: { check, blocks } };
}

function drive(stream: OutputStreamGuard, chunks: readonly string[]) {
  let emitted = '';
  let blockedAt = -1;
  for (const [i, chunk] of chunks.entries()) {
    const step = stream.push(chunk);
    emitted += step.emit;
    if (step.blocked) {
      blockedAt = i;
      break;
    }
  }
  if (blockedAt < 0) {
    const last = stream.end();
    emitted += last.emit;
    if (last.blocked) blockedAt = chunks.length;
  }
  return { emitted, blockedAt };
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i % 10} `);

describe('reviewOutputStream', () => {
  it('forwards benign text unchanged and as it comes (no hold-back)', () => {
    const { checks } = markerChecks();
    const stream = reviewOutputStream(passThrough(), checks);
    for (const chunk of words(300)) expect(stream.push(chunk).emit).toBe(chunk);
    expect(stream.end()).toEqual({ emit: '', detections: [], blocked: false });
  });

  it('checks prompt attack per window, not per chunk, with linear total work', () => {
    const { checks, calls } = markerChecks();
    const chunks = words(2000); // 12,000 characters in 2,000 events
    const total = chunks.join('').length;
    const { blockedAt } = drive(reviewOutputStream(passThrough(), checks), chunks);
    expect(blockedAt).toBe(-1);
    expect(calls['prompt-attack']).toBe(Math.ceil(total / ATTACK_WINDOW));
    expect(calls.attackChars).toBeLessThanOrEqual(total + calls['prompt-attack'] * ATTACK_OVERLAP);
  });

  it('ends the stream at the window holding an injection, before that step is released', () => {
    const { checks } = markerChecks();
    const chunks = [...words(150), 'now INJECT ', ...words(200)];
    const { emitted, blockedAt } = drive(reviewOutputStream(passThrough(), checks), chunks);
    expect(blockedAt).toBeGreaterThan(150);
    expect(blockedAt).toBeLessThan(150 + Math.ceil(ATTACK_WINDOW / 6) + 2);
    // The step that completed the window was withheld, and nothing after it was sent.
    expect(emitted.length).toBeLessThan(chunks.slice(0, blockedAt + 1).join('').length);
  });

  it('sees an injection on the seam between two windows (overlap)', () => {
    const { checks } = markerChecks();
    const lead = 'x'.repeat(ATTACK_WINDOW - 3);
    const { blockedAt } = drive(reviewOutputStream(passThrough(), checks), [
      lead,
      'INJ',
      'ECT rest',
    ]);
    expect(blockedAt).toBe(3);
  });

  it('checks what is left at the end of a short stream', () => {
    const { checks, calls } = markerChecks();
    const { blockedAt } = drive(reviewOutputStream(passThrough(), checks), ['Please ', 'INJECT']);
    expect(blockedAt).toBe(2);
    expect(calls['prompt-attack']).toBe(1);
  });

  it('scores the inner scanner detections with the policy (unredacted categories block)', () => {
    const { checks } = markerChecks();
    const inner: OutputStreamGuard = {
      push: (chunk) => ({
        emit: chunk,
        detections: chunk.includes('@') ? [{ ...found('pii.email', 0, 5), category: 'pii' }] : [],
        blocked: false,
      }),
      end: () => ({ emit: '', detections: [], blocked: false }),
    };
    const stream = reviewOutputStream(inner, checks);
    expect(stream.push('hello ').blocked).toBe(false);
    const step = stream.push('a@b.c ');
    expect(step).toMatchObject({ emit: '', blocked: true });
    expect(stream.push('more').blocked).toBe(true);
  });
});

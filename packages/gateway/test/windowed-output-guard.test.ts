import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '@bulwark/core';
import { windowedOutputGuard } from '../src/guard/windowed-output-guard.js';

const check = (text: string): Verdict => {
  const hit = /SECRET-[0-9]{4,}/.test(text);
  return { action: hit ? 'block' : 'allow', score: hit ? 1 : 0, detections: [] };
};

function run(chunks: string[]): { out: string; blocked: boolean; steps: number } {
  const guard = windowedOutputGuard(check, (v) => v.action === 'block');
  let out = '';
  let steps = 0;
  for (const c of chunks) {
    const s = guard.push(c);
    if (s.blocked) return { out, blocked: true, steps };
    if (s.emit) steps++;
    out += s.emit;
  }
  const s = guard.end();
  if (s.blocked) return { out, blocked: true, steps };
  return { out: out + s.emit, blocked: false, steps };
}

describe('windowedOutputGuard (stream scan without guard.streamOutput)', () => {
  it('passes clean text through unchanged and releases chunks whole', () => {
    const chunks = Array.from({ length: 40 }, (_, i) => `w${i} `);
    const r = run(chunks);
    expect(r).toMatchObject({ out: chunks.join(''), blocked: false });
    expect(r.steps).toBeGreaterThan(20);
  });

  it('never emits any part of a secret, however the stream is split', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.string({ maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (before, after, cuts) => {
          const text = `${before.replace(/SECRET/g, '')}SECRET-123456${after.replace(/SECRET/g, '')}`;
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const chunks: string[] = [];
          let last = 0;
          for (const p of points) {
            chunks.push(text.slice(last, p));
            last = p;
          }
          chunks.push(text.slice(last));
          const r = run(chunks.filter((c) => c !== ''));
          expect(r.blocked).toBe(true);
          expect(r.out).not.toContain('SECRET-1234');
        },
      ),
    );
  });
});

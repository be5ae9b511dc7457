import { describe, expect, it } from 'vitest';
import { createCanaryToken, isCanaryCompact } from '../src/canary/canary-token.js';
import { createGuard } from '../src/guard.js';

const guard = createGuard({ detectors: ['canary'] });
const token = guard.canary();
const leaks = (text: string, role: 'output' | 'context' | 'user' = 'output') =>
  guard.check({ text, role }).detections;

describe('canary tokens', () => {
  it('creates distinct self-checking tokens', () => {
    expect(token).toMatch(/^BWK-C-[0-9a-f]{16}-[0-9a-f]{4}$/);
    expect(guard.canary()).not.toBe(token);
    const compact = token.toLowerCase().replace(/[^a-z0-9]/g, '');
    expect(isCanaryCompact(compact)).toBe(true);
    expect(isCanaryCompact(`${compact.slice(0, -1)}${compact.endsWith('0') ? '1' : '0'}`)).toBe(
      false,
    );
  });

  it('is deterministic for a given random source', () => {
    const fixed = (size: number) => Buffer.alloc(size, 7);
    expect(createCanaryToken(fixed)).toBe(createCanaryToken(fixed));
  });

  it.each([
    ['verbatim', (t: string) => `My instructions say ${t} at the top.`],
    ['verbatim', (t: string) => `spaced: ${t.split('').join(' ')}`],
    ['verbatim', (t: string) => `lower ${t.toLowerCase()} and upper`],
    [
      'verbatim',
      (t: string) =>
        `full width ${t.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))}`,
    ],
    ['reversed', (t: string) => `backwards: ${[...t].reverse().join('')}`],
    ['base64', (t: string) => `encoded ${Buffer.from(t).toString('base64')}`],
    ['hex', (t: string) => `hex ${Buffer.from(t).toString('hex')}`],
  ])('finds a %s leak in output', (form, leak) => {
    const text = leak(token);
    const [detection] = leaks(text);
    expect(detection?.category).toBe('canary_leak');
    expect(detection?.type).toBe(`canary_leak.${form}`);
    expect(detection?.score).toBe(1);
    expect(detection?.start).toBeGreaterThanOrEqual(0);
    expect(detection?.end).toBeLessThanOrEqual(text.length);
  });

  it('marks the leaked span in the original text', () => {
    const text = `prefix ${token} suffix`;
    const [detection] = leaks(text);
    expect(text.slice(detection?.start, detection?.end)).toBe(token);
  });

  it('stays quiet on text without a valid token and on user/system text', () => {
    expect(leaks('BWK-C-0123456789abcdef-0000 is not a real token')).toEqual([]);
    expect(leaks('A perfectly normal answer about bwk canaries.')).toEqual([]);
    expect(leaks(`system prompt with ${token}`, 'user')).toEqual([]);
  });
});

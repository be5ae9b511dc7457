import { BulwarkError, type Detection, type Verdict } from '@bulwark/core';
import type { Guard, OutputStreamGuard, RedactionScope } from '@bulwark/detect';

/**
 * Test doubles implementing the real `Guard` interface. `markerGuard` scores
 * `BLOCKME` as prompt injection and `SECRET-<digits>` as a secret, and (like
 * the current guard build) has no redaction. `redactingGuard` adds redact,
 * restore (e-mails pseudonymised as <EMAIL_n>) and a stream scanner that
 * masks secrets across chunk boundaries.
 */
const unsupported = (): never => {
  throw new BulwarkError('UNSUPPORTED', 'not in this build');
};

function detect(text: string): Detection[] {
  const out: Detection[] = [];
  for (const m of text.matchAll(/BLOCKME/g)) {
    out.push({
      detector: 'test',
      category: 'prompt_injection',
      type: 'prompt_injection.marker',
      score: 0.99,
      severity: 'high',
      start: m.index,
      end: m.index + m[0].length,
      refs: [],
    });
  }
  for (const m of text.matchAll(/SECRET-[0-9]+/g)) {
    out.push({
      detector: 'test',
      category: 'secret',
      type: 'secret.test_token',
      score: 0.97,
      severity: 'critical',
      start: m.index,
      end: m.index + m[0].length,
      refs: [],
    });
  }
  return out;
}

function check(input: { text: string }): Verdict {
  const detections = detect(input.text);
  const score = detections.reduce((m, d) => Math.max(m, d.score), 0);
  return { action: score >= 0.8 ? 'block' : 'allow', score, detections };
}

export function markerGuard(): Guard & { checks: number } {
  const guard = {
    checks: 0,
    check(input: { text: string }) {
      guard.checks++;
      return check(input);
    },
    checkAsync: (input: { text: string }) => Promise.resolve(check(input)),
    markUntrusted: unsupported,
    canary: unsupported,
    redact: unsupported,
    restore: unsupported,
    streamOutput: unsupported,
    validateJson: unsupported,
  };
  return guard;
}

export function redactingGuard(): Guard {
  const vaults = new Map<string, Map<string, string>>();
  const vault = (scope: RedactionScope) => {
    const key = `${scope.tenant}/${scope.conversation}`;
    let v = vaults.get(key);
    if (!v) vaults.set(key, (v = new Map()));
    return v;
  };
  const restore = (text: string, scope: RedactionScope) =>
    text.replace(/<EMAIL_[0-9]+>/g, (token) => vault(scope).get(token) ?? token);
  const maskSecrets = (text: string) => text.replace(/SECRET-[0-9]+/g, '[REDACTED_SECRET]');
  return {
    ...markerGuard(),
    redact(text, scope) {
      const v = vault(scope);
      const detections = detect(text).filter((d) => d.category === 'secret');
      let out = maskSecrets(text);
      out = out.replace(/[a-z]+@example\.com/g, (email) => {
        const token = `<EMAIL_${v.size + 1}>`;
        v.set(token, email);
        return token;
      });
      return { text: out, detections };
    },
    restore,
    streamOutput(scope, options): OutputStreamGuard {
      let buffer = '';
      let blocked = false;
      const pattern = /SECRET-[0-9]*|BLOCKME|<EMAIL_[0-9]*>?/g;
      const take = (final: boolean) => {
        if (blocked) return { emit: '', detections: [], blocked: true };
        let cut = final ? buffer.length : Math.max(0, buffer.length - 16);
        for (const m of buffer.matchAll(pattern)) {
          if (m.index < cut && m.index + m[0].length >= cut && !final) cut = m.index;
        }
        const head = buffer.slice(0, cut);
        buffer = buffer.slice(cut);
        if (head.includes('BLOCKME')) {
          blocked = true;
          return { emit: '', detections: detect(head), blocked: true };
        }
        let emit = maskSecrets(head);
        if (options?.restore) emit = restore(emit, scope);
        return {
          emit,
          detections: detect(head).filter((d) => d.category === 'secret'),
          blocked: false,
        };
      };
      return {
        push(chunk) {
          buffer += chunk;
          return take(false);
        },
        end: () => take(true),
      };
    },
  };
}

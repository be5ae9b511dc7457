/* eslint-disable no-useless-escape -- hyphens and slashes in character classes are escaped on purpose, for readability. */
import type { Detection, MessageRole } from '@bulwark/core';
import type { OutputStreamGuard, RedactResult, RedactionScope } from '../guard-types.js';
import { detectPii, PII_TYPES } from '../pii/pii-detector.js';
import { detectSecrets } from '../secrets/secret-detector.js';
import { createStreamRedactor } from '../stream/stream-redactor.js';
import { InMemoryVaultStore } from '../vault/in-memory-vault-store.js';
import { createKeyring, keyedHash, openValue, sealValue } from '../vault/tenant-keys.js';
import { placeholderLabel, placeholderPattern, splitBrackets } from './placeholder-labels.js';
import type { RedactionMode, RedactionOptions } from './redaction-options.js';

/** Standalone redaction API (also behind `guard.redact`/`restore`/`streamOutput`). */
export interface Redactor {
  redact(text: string, scope: RedactionScope, role?: MessageRole): RedactResult;
  /** Replaces the given detections (spans into `text`) according to the modes. */
  apply(
    text: string,
    detections: readonly Detection[],
    scope: RedactionScope,
    gap?: (segment: string) => string,
  ): string;
  restore(text: string, scope: RedactionScope): string;
  createStreamRedactor(scope: RedactionScope, options?: { restore?: boolean }): OutputStreamGuard;
  /** The detections `redact` would act on. */
  detect(text: string): Detection[];
}

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;

function defaultDetect(text: string): Detection[] {
  const secrets = detectSecrets(text);
  const pii = detectPii(text);
  // Both lists are fresh per call; most texts have neither, so skip the copy.
  if (pii.length === 0) return secrets;
  return secrets.length === 0 ? pii : secrets.concat(pii);
}

/** Keeps the first of overlapping detections, preferring secrets over PII. */
export function nonOverlapping(detections: readonly Detection[]): Detection[] {
  const sorted = [...detections].sort(
    (a, b) =>
      a.start - b.start ||
      Number(b.category === 'secret') - Number(a.category === 'secret') ||
      b.end - a.end,
  );
  const kept: Detection[] = [];
  for (const d of sorted) {
    const last = kept[kept.length - 1];
    if (last && d.start < last.end) continue;
    kept.push(d);
  }
  return kept;
}

/** Builds a redactor: keys, vault and modes are resolved once. */
export function createRedactor(options: RedactionOptions = {}): Redactor {
  const keyring = createKeyring(options.keys, options.key);
  const vault = options.vault ?? new InMemoryVaultStore(options.now);
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const now = options.now ?? Date.now;
  const modes = options.modes ?? {};
  const detect = options.detect ?? defaultDetect;
  const labels = [...PII_TYPES.map(placeholderLabel), 'SECRET'];
  const restorePattern = placeholderPattern(labels);

  function modeOf(d: Detection): RedactionMode {
    return modes[d.type] ?? modes[d.category] ?? (d.category === 'secret' ? 'mask' : 'placeholder');
  }

  function placeholderFor(d: Detection, value: string, scope: RedactionScope): string {
    const keys = keyring(scope.tenant);
    const fingerprint = keyedHash(keys, `${d.type}\u0000${value}`);
    const existing = vault.findByFingerprint(scope, fingerprint);
    if (existing) return existing.placeholder;
    const label = placeholderLabel(d.type);
    const placeholder = `<${label}_${vault.nextIndex(scope, label)}>`;
    const entry = {
      placeholder,
      type: d.type,
      fingerprint,
      expiresAt: now() + ttlMs,
      // Secrets are never restorable: their value is not stored at all.
      ...(d.category === 'secret' ? {} : { sealed: sealValue(keys, scope, placeholder, value) }),
    };
    vault.put(scope, entry);
    return placeholder;
  }

  function replacement(d: Detection, value: string, scope: RedactionScope): string {
    switch (modeOf(d)) {
      case 'mask':
        return `[REDACTED:${d.type}]`;
      case 'hash':
        return `[${d.type}:hmac-sha256:${keyedHash(keyring(scope.tenant), value).slice(0, 16)}]`;
      case 'placeholder':
        return placeholderFor(d, value, scope);
      case 'drop':
        return '';
    }
  }

  function apply(
    text: string,
    detections: readonly Detection[],
    scope: RedactionScope,
    gap: (segment: string) => string = (segment) => segment,
  ): string {
    let out = '';
    let at = 0;
    for (const d of nonOverlapping(detections)) {
      if (d.start < at || d.end > text.length) continue;
      out += gap(text.slice(at, d.start)) + replacement(d, text.slice(d.start, d.end), scope);
      at = d.end;
    }
    return out + gap(text.slice(at));
  }

  function restore(text: string, scope: RedactionScope): string {
    const keys = keyring(scope.tenant);
    return text.replace(
      restorePattern,
      (
        whole,
        open: string,
        spaceBefore: string,
        label: string,
        num: string,
        spaceAfter: string,
        close: string,
      ) => {
        const canonical = `<${label.toUpperCase().replace(/[ \-]/g, '_')}_${Number(num)}>`;
        const entry = vault.get(scope, canonical);
        if (!entry?.sealed) return whole;
        const value = openValue(keys, scope, canonical, entry.sealed);
        if (value === undefined) return whole;
        const { keepOpen, keepClose } = splitBrackets(open, close);
        const before = open.length > keepOpen.length ? keepOpen : keepOpen + spaceBefore;
        const after = close.length > keepClose.length ? keepClose : spaceAfter + keepClose;
        return before + value + after;
      },
    );
  }

  const redactor: Redactor = {
    detect,
    apply,
    restore,
    redact(text, scope) {
      const detections = nonOverlapping(detect(text));
      return { text: apply(text, detections, scope), detections };
    },
    createStreamRedactor(scope, streamOptions = {}) {
      return createStreamRedactor({
        detect,
        // Restore only between detections, so values redacted now are not put back.
        transform: (segment, detections) =>
          streamOptions.restore
            ? apply(segment, detections, scope, (gap) => restore(gap, scope))
            : apply(segment, detections, scope),
      });
    },
  };
  return redactor;
}

import type { Detection, Severity } from '@bulwark/core';
import type { Detector, DetectorInput } from '../detector.js';
import { EmailRecognizer } from './email-recognizer.js';
import { IbanRecognizer } from './iban-recognizer.js';
import { IpAddressRecognizer } from './ip-address-recognizer.js';
import { NATIONAL_ID_RECOGNIZERS, type NationalIdName } from './national-id-registry.js';
import { PaymentCardRecognizer } from './payment-card-recognizer.js';
import type { PiiCandidate, PiiRecognizer } from './pii-candidate.js';
import { PhoneRecognizer } from './phone-recognizer.js';
import { UsSsnRecognizer } from './us-ssn-recognizer.js';

/** Options of `detectPii`/`PiiDetector`. */
export interface PiiOptions {
  /** National ID recognizers to run (default: all registered countries). */
  nationalIds?: readonly NationalIdName[];
  /** Opt-in plug-ins, e.g. a names or street-address recognizer; run after the built-ins. */
  plugins?: readonly PiiRecognizer[];
}

const SEVERITY: Readonly<Record<string, Severity>> = {
  'pii.credit_card': 'high',
  'pii.us_ssn': 'high',
  'pii.iban': 'high',
  'pii.uk_nino': 'high',
  'pii.de_steuer_id': 'high',
  'pii.in_aadhaar': 'high',
  'pii.es_dni': 'high',
};

const LABELS: Readonly<Record<string, string>> = {
  'pii.email': 'Email address',
  'pii.phone': 'Phone number',
  'pii.credit_card': 'Payment card number',
  'pii.iban': 'IBAN',
  'pii.us_ssn': 'US Social Security number',
  'pii.ip_address': 'IP address',
  'pii.uk_nino': 'UK National Insurance number',
  'pii.de_steuer_id': 'German tax ID (Steuer-ID)',
  'pii.in_aadhaar': 'Aadhaar number',
  'pii.es_dni': 'Spanish DNI/NIE',
};

/** Every built-in PII type, as reported in `Detection.type`. */
export const PII_TYPES = Object.keys(LABELS);

/**
 * Builds the recognizers in priority order: when spans overlap, the earlier
 * (more specific, checksum-backed) one wins; phone numbers come last because
 * they are the loosest format.
 */
function buildRecognizers(options: PiiOptions): PiiRecognizer[] {
  const names = options.nationalIds ?? (Object.keys(NATIONAL_ID_RECOGNIZERS) as NationalIdName[]);
  return [
    new EmailRecognizer(),
    new IbanRecognizer(),
    new PaymentCardRecognizer(),
    new UsSsnRecognizer(),
    ...names.map((name) => NATIONAL_ID_RECOGNIZERS[name]()),
    new IpAddressRecognizer(),
    new PhoneRecognizer(),
    ...(options.plugins ?? []),
  ];
}

function toDetection(c: PiiCandidate): Detection {
  return {
    detector: 'pii',
    category: 'pii',
    type: c.type,
    score: c.score,
    severity: SEVERITY[c.type] ?? 'medium',
    start: c.start,
    end: c.end,
    refs: ['LLM02:2025'],
    signals: c.signals,
    message: `${LABELS[c.type] ?? 'Personal data'} (${c.end - c.start} characters)`,
  };
}

function runRecognizers(recognizers: readonly PiiRecognizer[], text: string): Detection[] {
  const taken: PiiCandidate[] = [];
  // One mark per character already claimed: overlap checks cost the span length, not the count.
  // Allocated with the first candidate: most short texts have none.
  let claimed: Uint8Array | undefined;
  const hasDigits = /[0-9]/.test(text);
  for (const recognizer of recognizers) {
    if (recognizer.needsDigits === true && !hasDigits) continue;
    for (const candidate of recognizer.recognize(text)) {
      claimed ??= new Uint8Array(text.length);
      let free = true;
      for (let i = candidate.start; i < candidate.end && free; i++) if (claimed[i]) free = false;
      if (!free) continue;
      claimed.fill(1, candidate.start, candidate.end);
      taken.push(candidate);
    }
  }
  return taken.sort((a, b) => a.start - b.start).map(toDetection);
}

const DEFAULT_RECOGNIZERS = buildRecognizers({});

/** Finds personal data in `text` (original text; spans exact). Messages never echo values. */
export function detectPii(text: string, options?: PiiOptions): Detection[] {
  const recognizers = options ? buildRecognizers(options) : DEFAULT_RECOGNIZERS;
  return runRecognizers(recognizers, text);
}

/** The `pii` detector. */
export class PiiDetector implements Detector {
  private readonly recognizers: PiiRecognizer[];
  constructor(options: PiiOptions = {}) {
    this.recognizers = buildRecognizers(options);
  }
  detect(input: DetectorInput): Detection[] {
    return runRecognizers(this.recognizers, input.text);
  }
}

import { readFileSync, writeFileSync } from 'node:fs';
import { BulwarkError, type Finding } from '@bulwark/core';

/**
 * Baseline files: the fingerprints of accepted findings, so CI reports only
 * new ones. Fingerprints ignore line numbers (see `fingerprintFinding`), so
 * unrelated edits do not resurrect old findings.
 */
export interface Baseline {
  version: 1;
  createdAt: string;
  findings: { fingerprint: string; ruleId: string; path: string }[];
}

function locationPath(finding: Finding): string {
  return finding.location.kind === 'endpoint' ? finding.location.url : finding.location.path;
}

export function createBaseline(findings: readonly Finding[], now = new Date()): Baseline {
  return {
    version: 1,
    createdAt: now.toISOString(),
    findings: findings
      .filter((f) => !f.suppression)
      .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: locationPath(f) }))
      .sort((a, b) =>
        a.path + a.ruleId + a.fingerprint < b.path + b.ruleId + b.fingerprint ? -1 : 1,
      ),
  };
}

export function writeBaseline(file: string, findings: readonly Finding[]): void {
  try {
    writeFileSync(file, `${JSON.stringify(createBaseline(findings), null, 2)}\n`);
  } catch (error) {
    throw new BulwarkError('FILE_UNWRITABLE', `Cannot write baseline ${file}`, { cause: error });
  }
}

/** Reads a baseline, with a precise error when it is missing or malformed. */
export function readBaseline(file: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new BulwarkError('FILE_NOT_FOUND', `Baseline ${file} cannot be read`, {
      cause: error,
      hint: 'create it with --write-baseline',
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BulwarkError('INPUT_INVALID', `Baseline ${file} is not valid JSON`, {
      hint: 'regenerate it with --write-baseline',
    });
  }
  const findings = (data as { findings?: unknown }).findings;
  if (
    typeof data !== 'object' ||
    data === null ||
    (data as { version?: unknown }).version !== 1 ||
    !Array.isArray(findings)
  ) {
    throw new BulwarkError(
      'INPUT_INVALID',
      `Baseline ${file} is not a version 1 bulwark baseline`,
      { hint: 'regenerate it with --write-baseline' },
    );
  }
  const out = new Set<string>();
  for (const entry of findings) {
    const fp = (entry as { fingerprint?: unknown }).fingerprint;
    if (typeof fp === 'string') out.add(fp);
  }
  return out;
}

/** Splits findings into new ones and those the baseline already accepted. */
export function filterBaseline(
  findings: readonly Finding[],
  baseline: ReadonlySet<string>,
): { fresh: Finding[]; known: number } {
  const fresh = findings.filter((f) => !baseline.has(f.fingerprint));
  return { fresh, known: findings.length - fresh.length };
}

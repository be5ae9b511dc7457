import type { Finding, Location, Region } from '../finding.js';
import { redactUrlCredentials, targetOf } from './finding-target.js';
import { sarifLevel } from './sarif-level.js';
import type { SarifLocation, SarifRegion, SarifResult, SarifSuppression } from './sarif-log.js';
import { artifactUri } from './sarif-uri.js';

/**
 * Key of Bulwark's fingerprint in `partialFingerprints` (§3.27.17): versioned
 * `name/vN` so consumers compare like with like. The value is
 * `Finding.fingerprint`, which ignores line shifts.
 */
export const SARIF_FINGERPRINT_KEY = 'bulwark/v1';

function positive(value: number | undefined): value is number {
  return value !== undefined && Number.isInteger(value) && value >= 1;
}

/** A region with only valid 1-based positions (§3.30), or undefined. */
function sarifRegion(
  region: Region | undefined,
  snippet: string | undefined,
): SarifRegion | undefined {
  if (!region || !positive(region.startLine)) return undefined;
  const out: SarifRegion = { startLine: region.startLine };
  if (positive(region.startColumn)) out.startColumn = region.startColumn;
  if (positive(region.endLine) && region.endLine >= region.startLine) out.endLine = region.endLine;
  if (positive(region.endColumn)) {
    const sameLine = (out.endLine ?? out.startLine) === out.startLine;
    if (!sameLine || out.startColumn === undefined || region.endColumn >= out.startColumn) {
      out.endColumn = region.endColumn;
    }
  }
  if (snippet !== undefined && snippet.length > 0) out.snippet = { text: snippet };
  return out;
}

/**
 * Where a finding is, in SARIF terms (§3.28). Files carry a physical location
 * relative to `%SRCROOT%`; artifacts the outer file plus, for a member of a
 * container, a logical location naming `outer!/member`; endpoints only a
 * logical location (they are not files) and the URL in the property bag.
 */
export function sarifLocation(location: Location, root: string | undefined): SarifLocation {
  switch (location.kind) {
    case 'file': {
      const region = sarifRegion(location.region, location.snippet);
      return {
        physicalLocation: {
          artifactLocation: artifactUri(location.path, root),
          ...(region ? { region } : {}),
        },
      };
    }
    case 'artifact': {
      const physicalLocation = { artifactLocation: artifactUri(location.path, root) };
      if (!location.member) return { physicalLocation };
      return {
        physicalLocation,
        logicalLocations: [
          {
            name: location.member,
            fullyQualifiedName: `${targetOf(location)}!/${location.member}`,
            kind: 'resource',
          },
        ],
      };
    }
    case 'endpoint': {
      const url = redactUrlCredentials(location.url);
      return {
        logicalLocations: [{ name: targetOf(location), fullyQualifiedName: url, kind: 'resource' }],
        properties: { endpoint: { url, ...(location.method ? { method: location.method } : {}) } },
      };
    }
  }
}

function sarifSuppression(finding: Finding): SarifSuppression[] | undefined {
  if (!finding.suppression) return undefined;
  return [
    {
      kind: finding.suppression.kind === 'inline' ? 'inSource' : 'external',
      status: 'accepted',
      justification: finding.suppression.reason,
    },
  ];
}

/** One finding as a SARIF `result` (§3.27) referring to its rule by id and index. */
export function sarifResult(
  finding: Finding,
  ruleIndex: number,
  root: string | undefined,
): SarifResult {
  const suppressions = sarifSuppression(finding);
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: finding.message.trim() || finding.title.trim() || finding.ruleId },
    locations: [sarifLocation(finding.location, root)],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: finding.fingerprint },
    ...(suppressions ? { suppressions } : {}),
    properties: {
      title: finding.title,
      severity: finding.severity,
      confidence: finding.confidence,
      refs: finding.refs,
      ...(finding.tags && finding.tags.length > 0 ? { tags: [...new Set(finding.tags)] } : {}),
      ...(finding.evidence !== undefined ? { evidence: finding.evidence } : {}),
      ...(finding.remediation !== undefined ? { remediation: finding.remediation } : {}),
      ...(finding.properties ? { facts: finding.properties } : {}),
    },
  };
}

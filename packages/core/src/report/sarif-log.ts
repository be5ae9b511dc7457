// The subset of SARIF 2.1.0 (OASIS, Errata 01) objects Bulwark writes, typed
// so the writer cannot drift from the schema by accident. Section numbers
// refer to the SARIF 2.1.0 specification.

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export type SarifPropertyBag = Record<string, unknown>;

export interface SarifMessage {
  text: string;
  markdown?: string;
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

export interface SarifRegion {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
  snippet?: { text: string };
}

/** §3.33: a location in a named program construct rather than in a file. */
export interface SarifLogicalLocation {
  name?: string;
  fullyQualifiedName?: string;
  kind?: string;
}

export interface SarifLocation {
  physicalLocation?: { artifactLocation: SarifArtifactLocation; region?: SarifRegion };
  logicalLocations?: SarifLogicalLocation[];
  message?: SarifMessage;
  properties?: SarifPropertyBag;
}

/** §3.35: why a result is suppressed. */
export interface SarifSuppression {
  kind: 'inSource' | 'external';
  status: 'accepted';
  justification: string;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: SarifSuppression[];
  properties: SarifPropertyBag;
}

/** §3.49: a rule, with GitHub's `security-severity`, `tags` and `precision`. */
export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  defaultConfiguration: { level: SarifLevel };
  properties: SarifPropertyBag;
}

export interface SarifNotification {
  level: SarifLevel;
  message: SarifMessage;
  descriptor?: { id: string };
  locations?: SarifLocation[];
}

export interface SarifInvocation {
  executionSuccessful: boolean;
  startTimeUtc?: string;
  endTimeUtc?: string;
  toolExecutionNotifications: SarifNotification[];
}

export interface SarifRun {
  tool: {
    driver: {
      name: string;
      version: string;
      semanticVersion?: string;
      informationUri?: string;
      rules: SarifReportingDescriptor[];
    };
  };
  automationDetails: { id: string };
  originalUriBaseIds?: Record<string, { uri: string }>;
  invocations: SarifInvocation[];
  results: SarifResult[];
  columnKind: 'utf16CodeUnits';
  properties: SarifPropertyBag;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

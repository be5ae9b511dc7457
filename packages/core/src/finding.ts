import type { Severity } from './severity.js';

/**
 * An identifier from one of the frameworks in the catalog, written the way the
 * framework writes it: `LLM01:2025`, `ASI02:2026`, `AML.T0051.000`,
 * `AML.M0015`, `CWE-1426`, `GOVERN 1.1` (NIST AI RMF), `NIST-600-1:GAI-02`.
 * Every ID used anywhere in code or rule data must exist in the catalog; a test
 * enforces it. Formats and examples: docs/frameworks.md.
 */
export type FrameworkId = string;

/** Frameworks known to the catalog. */
export type FrameworkName =
  | 'owasp-llm-2025'
  | 'owasp-llm-2026'
  | 'owasp-agentic-2026'
  | 'mitre-atlas'
  | 'nist-ai-rmf'
  | 'nist-ai-600-1'
  | 'cwe';

/** A resolved framework reference, as reporters print it. */
export interface FrameworkRef {
  framework: FrameworkName;
  id: FrameworkId;
  name: string;
  url?: string;
  /** One line about the entry (see `FrameworkEntry.description`). */
  description?: string;
}

/** How sure the producer is that the finding is real. */
export type Confidence = 'low' | 'medium' | 'high';

/** A 1-based line/column range in a text file (SARIF `region` semantics). */
export interface Region {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

/**
 * Where a finding is. `file`: a source or config file relative to the scan
 * root (forward slashes). `artifact`: a model file or archive, with `member`
 * for paths inside containers (`outer.pt!/archive/data.pkl`). `endpoint`: a
 * running service (red-team and gateway findings).
 */
export type Location =
  | { kind: 'file'; path: string; region?: Region; snippet?: string }
  | { kind: 'artifact'; path: string; member?: string }
  | { kind: 'endpoint'; url: string; method?: string };

/**
 * One security finding from any producer (scanner, red team, gateway). The
 * evidence is already redacted: a finding is safe to print, store and upload.
 */
export interface Finding {
  /** Stable rule identifier, dotted or kebab-case: `pickle.dangerous-call`. */
  ruleId: string;
  title: string;
  /** One or two sentences about this occurrence. */
  message: string;
  severity: Severity;
  confidence: Confidence;
  location: Location;
  /** Redacted excerpt that shows why the rule fired. */
  evidence?: string;
  remediation?: string;
  /** Framework IDs (see `FrameworkId`). */
  refs: FrameworkId[];
  tags?: string[];
  /** Stable identity across runs; see `fingerprintFinding`. */
  fingerprint: string;
  /** Extra facts a producer wants to keep (commit, author date, verdict...). */
  properties?: Record<string, string | number | boolean | null>;
  /** Present when an inline suppression or baseline matched. */
  suppression?: { kind: 'inline' | 'baseline'; reason: string };
}

/**
 * Static description of a rule, for reporters that list rules (SARIF
 * `tool.driver.rules`, JUnit test cases).
 */
export interface RuleDescriptor {
  id: string;
  title: string;
  description: string;
  /** Markdown help: why it matters and how to fix it. */
  help: string;
  severity: Severity;
  refs: FrameworkId[];
  tags?: string[];
  cwe?: string[];
  /**
   * How often the rule's results are true positives (GitHub code scanning
   * `precision`); reporters assume `medium` when absent.
   */
  precision?: RulePrecision;
}

export type RulePrecision = 'very-high' | 'high' | 'medium' | 'low';

/** Non-fatal problems met during a run (skipped files, truncation...). */
export interface RunNotice {
  level: 'warning' | 'error' | 'note';
  message: string;
  path?: string;
}

/**
 * Everything a reporter needs to write one run: who produced it, which rules
 * it ran, what it looked at and what it found.
 */
export interface ScanReport {
  tool: { name: string; version: string; informationUri?: string };
  /** What the run was about, e.g. `scan code`, `scan model`, `detect`. */
  command: string;
  /** Absolute path the relative locations are under, when there is one. */
  root?: string;
  /** Targets examined (files, artifacts, endpoints), relative to `root`. */
  targets: string[];
  rules: RuleDescriptor[];
  findings: Finding[];
  notices: RunNotice[];
  startedAt: string;
  durationMs: number;
}

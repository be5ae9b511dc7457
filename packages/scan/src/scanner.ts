import type { Finding, RuleDescriptor, RunNotice } from '@bulwark/core';

/** What a scanner is pointed at: a root and the files under it it should read. */
export interface ScanTarget {
  /** Absolute path of the scan root; finding paths are relative to it. */
  root: string;
  /** Files to examine, relative to `root` (already filtered by include/exclude/.gitignore). */
  files: readonly string[];
}

/** What one scanner produced. */
export interface ScannerResult {
  findings: Finding[];
  rules: RuleDescriptor[];
  notices: RunNotice[];
}

/**
 * The scanner role: one kind of analysis over a target (model artifacts, code
 * rules, secrets, configs, inventory). `bulwark scan` runs every registered
 * scanner that applies and merges their results into one report.
 */
export interface Scanner {
  scan(target: ScanTarget): Promise<ScannerResult>;
}

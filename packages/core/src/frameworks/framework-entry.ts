import type { FrameworkId, FrameworkName, FrameworkRef } from '../finding.js';

/** What an entry is within its framework. */
export type FrameworkEntryKind =
  | 'tactic'
  | 'technique'
  | 'sub-technique'
  | 'mitigation'
  | 'risk'
  | 'subcategory'
  | 'weakness'
  | 'category'
  | 'view';

/**
 * One catalog entry: a `FrameworkRef` with everything the catalog knows about
 * it. `parent` is the enclosing item (ATLAS technique of a sub-technique, NIST
 * AI RMF category of a subcategory, the CWE-1448 view for its members);
 * `tactics` lists the ATLAS tactics a technique serves.
 */
export interface FrameworkEntry extends FrameworkRef {
  readonly framework: FrameworkName;
  readonly id: FrameworkId;
  readonly kind: FrameworkEntryKind;
  readonly name: string;
  /** One line: Bulwark's own wording (OWASP, CWE) or the upstream's first sentence (ATLAS, NIST). */
  readonly description: string;
  readonly url: string;
  readonly parent?: FrameworkId;
  readonly tactics?: readonly FrameworkId[];
}

/** Facts about one framework as shipped: version, source and licence. */
export interface FrameworkInfo {
  readonly name: FrameworkName;
  readonly title: string;
  readonly version: string;
  readonly source: string;
  readonly license: string;
}

export const FRAMEWORK_NAMES = [
  'mitre-atlas',
  'owasp-llm-2025',
  'owasp-llm-2026',
  'owasp-agentic-2026',
  'nist-ai-rmf',
  'nist-ai-600-1',
  'cwe',
] as const satisfies readonly FrameworkName[];

export const FRAMEWORK_ENTRY_KINDS = [
  'tactic',
  'technique',
  'sub-technique',
  'mitigation',
  'risk',
  'subcategory',
  'weakness',
  'category',
  'view',
] as const satisfies readonly FrameworkEntryKind[];

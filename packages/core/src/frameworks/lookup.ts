import { BulwarkError } from '../errors.js';
import type { FrameworkName, FrameworkRef } from '../finding.js';
import type { Issue } from '../result.js';
import { getCatalog } from './catalog-data.js';
import type { FrameworkEntry, FrameworkInfo } from './framework-entry.js';

/**
 * Lookups over the shipped framework catalog. IDs are matched exactly, as the
 * catalog spells them (docs/frameworks.md): `LLM01:2025`, `ASI01:2026`,
 * `AML.T0051.000`, `CWE-1426`, `GOVERN 1.1`, `NIST-600-1:GAI-02`.
 */

/** The catalog entry for an ID, or `undefined` when the catalog has no such ID. */
export function lookupFrameworkRef(id: string): FrameworkEntry | undefined {
  return getCatalog().byId.get(id);
}

export function isKnownFrameworkId(id: string): boolean {
  return getCatalog().byId.has(id);
}

/** The page that documents an ID, or `undefined` for an unknown ID. */
export function frameworkUrl(id: string): string | undefined {
  return getCatalog().byId.get(id)?.url;
}

/**
 * Resolves IDs for reporters and rule loaders, in the given order, as fresh
 * plain `FrameworkRef` objects (framework, id, name, url, description). Throws
 * `UNKNOWN_NAME` listing every unknown ID, so rule data with a typo fails at
 * load time rather than printing a reference nobody can follow.
 */
export function resolveFrameworkRefs(ids: readonly string[]): FrameworkRef[] {
  const refs: FrameworkRef[] = [];
  const unknown: string[] = [];
  for (const id of ids) {
    const entry = getCatalog().byId.get(id);
    if (entry) {
      const { framework, name, url, description } = entry;
      refs.push({ framework, id: entry.id, name, url, description });
    } else unknown.push(id);
  }
  if (unknown.length > 0) {
    const issues: Issue[] = unknown.map((id) => ({
      code: 'framework.unknown_id',
      message: `unknown framework ID "${id}"`,
      hint: suggestionFor(id),
    }));
    throw new BulwarkError(
      'UNKNOWN_NAME',
      `Unknown framework ID${unknown.length > 1 ? 's' : ''}: ${unknown.map((id) => `"${id}"`).join(', ')}`,
      { issues, hint: 'see docs/frameworks.md for the ID formats' },
    );
  }
  return refs;
}

/** Every entry of one framework, in catalog order. */
export function listFramework(name: FrameworkName): readonly FrameworkEntry[] {
  return getCatalog().byFramework.get(name) ?? [];
}

/** Version, source and licence of one shipped framework. */
export function frameworkInfo(name: FrameworkName): FrameworkInfo | undefined {
  return getCatalog().info.get(name);
}

/** A fix for common mistakes: missing edition, wrong case, short NIST forms. */
export function suggestionFor(id: string): string {
  const trimmed = id.trim();
  const upper = trimmed.toUpperCase();
  if (trimmed !== id || (upper !== id && isKnownFrameworkId(upper))) {
    const fixed = isKnownFrameworkId(trimmed) ? trimmed : upper;
    if (isKnownFrameworkId(fixed)) return `did you mean "${fixed}"?`;
  }
  if (/^LLM\d{2}$/.test(upper)) {
    return `OWASP LLM IDs carry the edition: "${upper}:2025" or "${upper}:2026" (numbers differ between editions)`;
  }
  if (/^ASI\d{2}$/.test(upper)) return `OWASP agentic IDs carry the edition: "${upper}:2026"`;
  if (/^(GV|MP|MS|MG)-\d+\.\d+$/.test(upper)) {
    const fn = { GV: 'GOVERN', MP: 'MAP', MS: 'MEASURE', MG: 'MANAGE' }[upper.slice(0, 2)];
    return `NIST AI RMF subcategories are written as NIST does: "${fn} ${upper.slice(3)}"`;
  }
  if (/^CWE-\d+$/.test(upper)) {
    return 'the catalog holds the CWE-1448 view and the CWEs Bulwark uses; add new ones in packages/core/scripts/catalog-descriptions.ts and regenerate';
  }
  return 'see docs/frameworks.md for the ID formats';
}

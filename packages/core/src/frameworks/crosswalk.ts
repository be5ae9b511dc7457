import type { FrameworkId } from '../finding.js';
import { getCatalog } from './catalog-data.js';

/**
 * The OWASP Top 10 for LLM Applications 2025 ↔ 2026 crosswalk. The 2026
 * edition renumbers entries (LLM03:2025 is Supply Chain, LLM03:2026 Excessive
 * Agency), so IDs are always edition-qualified. Each direction maps an
 * ID to a list: today every entry has exactly one counterpart, but splits or
 * merges in later editions fit the same shape.
 */
export interface OwaspLlmCrosswalk {
  /** `LLM06:2025` → `['LLM03:2026']`. */
  readonly to2026: ReadonlyMap<FrameworkId, readonly FrameworkId[]>;
  /** `LLM03:2026` → `['LLM06:2025']`. */
  readonly to2025: ReadonlyMap<FrameworkId, readonly FrameworkId[]>;
}

function buildCrosswalk(): OwaspLlmCrosswalk {
  const to2026 = new Map<FrameworkId, FrameworkId[]>();
  const to2025 = new Map<FrameworkId, FrameworkId[]>();
  for (const [from, to] of getCatalog().owaspLlmCrosswalk) {
    to2026.set(from, [...(to2026.get(from) ?? []), to]);
    to2025.set(to, [...(to2025.get(to) ?? []), from]);
  }
  for (const map of [to2026, to2025]) {
    for (const [key, list] of map) map.set(key, Object.freeze(list) as FrameworkId[]);
  }
  return Object.freeze({ to2026, to2025 });
}

export const owaspLlmCrosswalk: OwaspLlmCrosswalk = buildCrosswalk();

/** The IDs of the other edition for an OWASP LLM ID; empty when there is none. */
export function crosswalkOwaspLlm(id: FrameworkId): readonly FrameworkId[] {
  return owaspLlmCrosswalk.to2026.get(id) ?? owaspLlmCrosswalk.to2025.get(id) ?? [];
}

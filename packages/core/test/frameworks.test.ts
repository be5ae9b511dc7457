import { describe, expect, it } from 'vitest';
import {
  BulwarkError,
  FRAMEWORK_NAMES,
  crosswalkOwaspLlm,
  frameworkInfo,
  frameworkUrl,
  isKnownFrameworkId,
  listFramework,
  lookupFrameworkRef,
  owaspLlmCrosswalk,
  resolveFrameworkRefs,
  type FrameworkEntryKind,
  type FrameworkName,
} from '../src/index.js';

function countKinds(name: FrameworkName): Partial<Record<FrameworkEntryKind, number>> {
  const counts: Partial<Record<FrameworkEntryKind, number>> = {};
  for (const entry of listFramework(name)) counts[entry.kind] = (counts[entry.kind] ?? 0) + 1;
  return counts;
}

describe('framework catalog contents', () => {
  it('ships MITRE ATLAS 5.6: 16 tactics, 170 techniques incl. sub-techniques, 35 mitigations', () => {
    expect(countKinds('mitre-atlas')).toEqual({
      tactic: 16,
      technique: 101,
      'sub-technique': 69,
      mitigation: 35,
    });
    expect(frameworkInfo('mitre-atlas')?.version).toBe('5.6.0');
  });

  it('ships both OWASP LLM editions, the agentic list, NIST and CWE', () => {
    expect(listFramework('owasp-llm-2025').map((e) => e.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `LLM${String(i + 1).padStart(2, '0')}:2025`),
    );
    expect(listFramework('owasp-llm-2026').map((e) => e.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `LLM${String(i + 1).padStart(2, '0')}:2026`),
    );
    expect(listFramework('owasp-agentic-2026').map((e) => e.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `ASI${String(i + 1).padStart(2, '0')}:2026`),
    );
    expect(countKinds('nist-ai-rmf')).toEqual({ subcategory: 72 });
    expect(countKinds('nist-ai-600-1')).toEqual({ risk: 12 });
    const cwe = listFramework('cwe');
    expect(cwe.filter((e) => e.parent === 'CWE-1448')).toHaveLength(17);
    expect(lookupFrameworkRef('CWE-1448')?.kind).toBe('view');
    expect(lookupFrameworkRef('CWE-1446')?.kind).toBe('category');
  });

  it('counts NIST AI RMF subcategories per function as NIST does', () => {
    const perFunction: Record<string, number> = {};
    for (const entry of listFramework('nist-ai-rmf')) {
      const fn = entry.id.split(' ')[0] ?? '';
      perFunction[fn] = (perFunction[fn] ?? 0) + 1;
    }
    expect(perFunction).toEqual({ GOVERN: 19, MAP: 18, MEASURE: 22, MANAGE: 13 });
  });

  it('gives every entry a name, a one-line description and an https URL', () => {
    for (const name of FRAMEWORK_NAMES) {
      const info = frameworkInfo(name);
      expect(info?.license, name).toBeTruthy();
      for (const entry of listFramework(name)) {
        expect(entry.framework).toBe(name);
        expect(entry.name.length, entry.id).toBeGreaterThan(2);
        expect(entry.description, entry.id).not.toMatch(/\n/);
        expect(entry.description.length, entry.id).toBeLessThanOrEqual(300);
        expect(entry.description.length, entry.id).toBeGreaterThan(20);
        expect(entry.url, entry.id).toMatch(/^https:\/\/[a-z.]+\//);
      }
    }
  });

  it('keeps ATLAS relations inside the catalog', () => {
    for (const entry of listFramework('mitre-atlas')) {
      if (entry.kind === 'sub-technique') {
        expect(entry.parent, entry.id).toBe(entry.id.slice(0, -4));
        expect(lookupFrameworkRef(entry.parent ?? '')?.kind).toBe('technique');
      }
      for (const tactic of entry.tactics ?? []) {
        expect(lookupFrameworkRef(tactic)?.kind, `${entry.id} → ${tactic}`).toBe('tactic');
      }
    }
  });

  it('holds IDs once across all frameworks', () => {
    const ids = FRAMEWORK_NAMES.flatMap((name) => listFramework(name).map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('framework lookups', () => {
  it('looks up each ID form', () => {
    expect(lookupFrameworkRef('AML.TA0002')).toMatchObject({
      framework: 'mitre-atlas',
      kind: 'tactic',
      name: 'Reconnaissance',
    });
    expect(lookupFrameworkRef('AML.T0051')?.name).toBe('LLM Prompt Injection');
    expect(lookupFrameworkRef('AML.T0051.000')).toMatchObject({
      name: 'Direct',
      parent: 'AML.T0051',
    });
    expect(lookupFrameworkRef('AML.T0048')?.name).toBe('External Harms');
    expect(lookupFrameworkRef('AML.T0024')?.name).toBe('Exfiltration via AI Inference API');
    expect(lookupFrameworkRef('AML.M0015')?.kind).toBe('mitigation');
    expect(lookupFrameworkRef('LLM03:2025')?.name).toBe('Supply Chain');
    expect(lookupFrameworkRef('LLM03:2026')?.name).toBe('Excessive Agency');
    expect(lookupFrameworkRef('ASI01:2026')?.name).toBe('Agent Goal Hijack');
    expect(lookupFrameworkRef('CWE-1427')?.name).toBe(
      'Improper Neutralization of Input Used for LLM Prompting',
    );
    expect(lookupFrameworkRef('GOVERN 1.1')).toMatchObject({
      framework: 'nist-ai-rmf',
      parent: 'GOVERN 1',
    });
    expect(lookupFrameworkRef('MEASURE 2.7')?.framework).toBe('nist-ai-rmf');
    expect(lookupFrameworkRef('MANAGE 4.1')?.framework).toBe('nist-ai-rmf');
    expect(lookupFrameworkRef('NIST-600-1:GAI-02')?.name).toBe('Confabulation');
  });

  it('returns nothing for unknown or non-canonical IDs', () => {
    for (const id of [
      '',
      'LLM01',
      'LLM11:2025',
      'LLM01:2024',
      'llm01:2025',
      ' LLM01:2025',
      'ASI01',
      'ASI11:2026',
      'AML.T9999',
      'AML.T0051.999',
      'CWE-1428',
      'GV-1.1',
      'GOVERN 9.9',
      'NIST-600-1:Confabulation',
      '__proto__',
      'constructor',
    ]) {
      expect(lookupFrameworkRef(id), id).toBeUndefined();
      expect(isKnownFrameworkId(id), id).toBe(false);
      expect(frameworkUrl(id), id).toBeUndefined();
    }
  });

  it('builds the upstream URL for each framework', () => {
    expect(frameworkUrl('AML.T0051')).toBe('https://atlas.mitre.org/techniques/AML.T0051');
    expect(frameworkUrl('AML.T0051.000')).toBe('https://atlas.mitre.org/techniques/AML.T0051.000');
    expect(frameworkUrl('AML.TA0002')).toBe('https://atlas.mitre.org/tactics/AML.TA0002');
    expect(frameworkUrl('AML.M0015')).toBe('https://atlas.mitre.org/mitigations/AML.M0015');
    expect(frameworkUrl('CWE-1426')).toBe('https://cwe.mitre.org/data/definitions/1426.html');
    expect(frameworkUrl('LLM01:2025')).toBe(
      'https://genai.owasp.org/llmrisk/llm01-prompt-injection/',
    );
    expect(frameworkUrl('LLM06:2025')).toBe(
      'https://genai.owasp.org/llmrisk/llm062025-excessive-agency/',
    );
    expect(frameworkUrl('LLM01:2026')).toMatch(/^https:\/\/genai\.owasp\.org\//);
    expect(frameworkUrl('ASI05:2026')).toMatch(/^https:\/\/genai\.owasp\.org\//);
    expect(frameworkUrl('MAP 2.3')).toMatch(/NIST\.AI\.100-1\.pdf$/);
    expect(frameworkUrl('NIST-600-1:GAI-09')).toMatch(/NIST\.AI\.600-1\.pdf$/);
  });

  it('resolves IDs in order and rejects unknown ones with every problem listed', () => {
    expect(resolveFrameworkRefs(['CWE-1426', 'LLM05:2025']).map((r) => r.name)).toEqual([
      'Improper Validation of Generative AI Output',
      'Improper Output Handling',
    ]);
    expect(resolveFrameworkRefs(['AML.T0051.000'])).toEqual([
      {
        framework: 'mitre-atlas',
        id: 'AML.T0051.000',
        name: 'Direct',
        url: 'https://atlas.mitre.org/techniques/AML.T0051.000',
        description: lookupFrameworkRef('AML.T0051.000')?.description,
      },
    ]);
    expect(resolveFrameworkRefs([])).toEqual([]);
    let caught: unknown;
    try {
      resolveFrameworkRefs(['LLM01:2025', 'LLM01', 'GV-1.1']);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BulwarkError);
    const error = caught as BulwarkError;
    expect(error.code).toBe('UNKNOWN_NAME');
    expect(error.message).toBe('Unknown framework IDs: "LLM01", "GV-1.1"');
    expect(error.issues.map((issue) => issue.hint)).toEqual([
      expect.stringContaining('"LLM01:2025" or "LLM01:2026"'),
      expect.stringContaining('"GOVERN 1.1"'),
    ]);
  });

  it('returns entries that callers cannot modify', () => {
    const entry = lookupFrameworkRef('AML.T0051');
    expect(Object.isFrozen(entry)).toBe(true);
    expect(Object.isFrozen(listFramework('cwe'))).toBe(true);
  });
});

describe('OWASP LLM 2025 ↔ 2026 crosswalk', () => {
  it('maps the renumbered entries', () => {
    expect(owaspLlmCrosswalk.to2026.get('LLM01:2025')).toEqual(['LLM01:2026']);
    expect(owaspLlmCrosswalk.to2026.get('LLM06:2025')).toEqual(['LLM03:2026']);
    expect(owaspLlmCrosswalk.to2026.get('LLM05:2025')).toEqual(['LLM10:2026']);
    expect(owaspLlmCrosswalk.to2025.get('LLM08:2026')).toEqual(['LLM07:2025']);
    expect(crosswalkOwaspLlm('LLM03:2025')).toEqual(['LLM04:2026']);
    expect(crosswalkOwaspLlm('LLM04:2026')).toEqual(['LLM03:2025']);
    expect(crosswalkOwaspLlm('ASI01:2026')).toEqual([]);
  });

  it('covers every entry of both editions and round-trips', () => {
    expect(owaspLlmCrosswalk.to2026.size).toBe(10);
    expect(owaspLlmCrosswalk.to2025.size).toBe(10);
    for (const entry of listFramework('owasp-llm-2025')) {
      const forward = owaspLlmCrosswalk.to2026.get(entry.id) ?? [];
      expect(forward.length, entry.id).toBeGreaterThan(0);
      for (const id2026 of forward) {
        expect(lookupFrameworkRef(id2026)?.framework).toBe('owasp-llm-2026');
        expect(owaspLlmCrosswalk.to2025.get(id2026)).toContain(entry.id);
      }
    }
    for (const entry of listFramework('owasp-llm-2026')) {
      for (const id2025 of owaspLlmCrosswalk.to2025.get(entry.id) ?? []) {
        expect(owaspLlmCrosswalk.to2026.get(id2025)).toContain(entry.id);
      }
    }
  });
});

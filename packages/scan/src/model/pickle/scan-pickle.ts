import type { ByteSource } from '../byte-source.js';
import type { ModelIssue } from '../model-report.js';
import { allowEntryFor } from './allow-list.js';
import { dangerReason } from './dangerous-callables.js';
import type { PickleVmOptions } from './pickle-analysis.js';
import { analysePickle } from './pickle-vm.js';
import type { PickleGlobal } from './pickle-values.js';
import { SliceByteSource } from '../byte-source.js';

const MAX_NESTING = 4;

/**
 * Turns a pickle analysis into issues: a dangerous callable anywhere is
 * critical; a call on anything not allow-listed is high; an import or a plain
 * instantiation outside the allow-list is medium. Nested pickles (bytes,
 * base64, hex) are analysed the same way, up to a nesting limit.
 */
export function scanPickle(
  source: ByteSource,
  member: string | undefined,
  options: PickleVmOptions = {},
  depth = 0,
): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const where = (text: string) => (depth > 0 ? `nested pickle: ${text}` : text);
  const push = (issue: Omit<ModelIssue, 'member'>) =>
    issues.push(member === undefined ? issue : { ...issue, member });
  const analysis = analysePickle(source, options);
  if (
    analysis.trailingBytes > 0 &&
    options.maxPickles === undefined &&
    analysis.error === undefined
  ) {
    analysis.globals.push(...hiddenPickleGlobals(source, analysis.end));
  }
  const seen = new Set<string>();
  for (const g of analysis.globals) {
    const full = `${g.module}.${g.name}`;
    const key = `${full}|${g.called}|${g.instantiated}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const evidence = `${g.opcode} ${full} @${g.offset}`;
    if (!g.dynamic && allowEntryFor(g.module, g.name) !== undefined) continue;
    const danger =
      g.dynamic && g.module === '<computed>' ? undefined : dangerReason(g.module, g.name);
    if (danger !== undefined) {
      push({
        ruleId: 'pickle.dangerous-global',
        severity: 'critical',
        message: where(`${g.called ? 'calls' : 'imports'} ${full}: ${danger}`),
        evidence,
      });
      continue;
    }
    if (g.called) {
      push({
        ruleId: 'pickle.unsafe-call',
        severity: 'high',
        message: where(`calls ${full}, which is not on the allow-list`),
        evidence,
      });
    } else if (g.dynamic) {
      push({
        ruleId: 'pickle.dynamic-global',
        severity: 'medium',
        message: where(`imports a name built at load time (${full})`),
        evidence,
      });
    } else {
      push({
        ruleId: 'pickle.unknown-global',
        severity: 'medium',
        message: where(
          `${g.instantiated ? 'instantiates' : 'imports'} ${full}, which is not on the allow-list`,
        ),
        evidence,
      });
    }
  }
  for (const nested of analysis.nested) {
    if (depth + 1 > MAX_NESTING) {
      push({
        ruleId: 'model.scan-incomplete',
        severity: 'medium',
        message: 'pickles nested deeper than the limit were not analysed',
        evidence: `nesting depth ${depth + 1}`,
      });
      break;
    }
    const inner = scanPickle(nested.source, member, {}, depth + 1);
    for (const issue of inner) {
      issues.push({
        ...issue,
        evidence: `${nested.encoding}@${nested.offset} → ${issue.evidence}`,
      });
    }
  }
  if (analysis.error !== undefined) {
    const limit = analysis.error.message.includes('safety limit');
    push({
      ruleId:
        limit || (depth === 0 && analysis.pickles === 0)
          ? 'model.scan-incomplete'
          : 'pickle.parse-error',
      severity: limit || (depth === 0 && analysis.pickles === 0) ? 'medium' : 'info',
      message: where(
        `pickle stream broken: ${analysis.error.message} at offset ${analysis.error.offset}`,
      ),
      evidence: `offset ${analysis.error.offset}`,
    });
  } else if (analysis.trailingBytes > 0 && options.maxPickles === undefined) {
    push({
      ruleId: 'pickle.trailing-data',
      severity: 'low',
      message: where(`${analysis.trailingBytes} bytes follow the last STOP`),
      evidence: `offset ${analysis.end}`,
    });
  }
  return issues;
}

const HIDDEN_WINDOW = 16 << 20;
const HIDDEN_CANDIDATES = 64;

/**
 * Pickles hidden after junk that follows the last STOP (reachable by a
 * loader that seeks): every PROTO header in the first 16 MiB of the
 * trailing bytes is tried; only complete pickles that import something count.
 */
function hiddenPickleGlobals(source: ByteSource, from: number): PickleGlobal[] {
  const found: PickleGlobal[] = [];
  const window = source.read(from, Math.min(HIDDEN_WINDOW, source.size - from));
  let tries = 0;
  for (
    let i = window.indexOf(0x80);
    i >= 0 && tries < HIDDEN_CANDIDATES;
    i = window.indexOf(0x80, i + 1)
  ) {
    const version = window[i + 1] ?? 0;
    if (version < 2 || version > 5) continue;
    tries++;
    const slice = new SliceByteSource(source, from + i, source.size - from - i);
    const probe = analysePickle(slice, { maxPickles: 1, maxOps: 20_000 });
    if (probe.pickles >= 1 && probe.error === undefined && probe.globals.length > 0) {
      for (const g of probe.globals)
        found.push({
          ...g,
          offset: g.offset + from + i,
          opcode: `${g.opcode} (hidden after STOP)`,
        });
      i += Math.max(0, probe.end - 1);
    }
  }
  return found;
}

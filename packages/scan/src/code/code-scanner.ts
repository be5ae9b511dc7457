import type { RunNotice } from '@bulwark/core';
import {
  buildFindings,
  describeRule,
  type RawHit,
  type RuleMeta,
} from '../findings/build-findings.js';
import { readTextFile, DEFAULT_MAX_FILE_BYTES } from '../files/read-text-file.js';
import type { Scanner, ScannerResult, ScanTarget } from '../scanner.js';
import { analyseSource, isCodeFile } from './analyze-source.js';
import { CODE_RULES } from './rules/index.js';

/** Options of the code scanner. */
export interface CodeScannerOptions {
  /** Files above this size are skipped with a warning (minified bundles). */
  maxFileBytes?: number;
}

/** Counters the benchmark and the CLI summary read. */
export interface CodeScanStats {
  files: number;
  bytes: number;
  parsed: number;
}

export const CODE_RULE_METAS: ReadonlyMap<string, RuleMeta> = new Map(
  CODE_RULES.map((rule) => [rule.id, rule]),
);

/**
 * `CodeScanner`: AI code rules over TypeScript/JavaScript/Vue and Python
 * files. Each file is parsed at most once (and only when the pre-filter sees
 * AI-related text); a parser failure or oversized file is a notice, never an
 * exception.
 */
export function createCodeScanner(
  options: CodeScannerOptions = {},
): Scanner & { stats: CodeScanStats } {
  const stats: CodeScanStats = { files: 0, bytes: 0, parsed: 0 };
  return {
    stats,
    async scan(target: ScanTarget): Promise<ScannerResult> {
      const hits: RawHit[] = [];
      const notices: RunNotice[] = [];
      for (const path of target.files) {
        if (!isCodeFile(path)) continue;
        const read = readTextFile(
          target.root,
          path,
          options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
          path.endsWith('.py'),
        );
        if (!read.ok) {
          if (read.notice) notices.push(read.notice);
          continue;
        }
        stats.files++;
        stats.bytes += read.bytes;
        try {
          const analysis = await analyseSource(path, read.text);
          if (analysis.parsed) stats.parsed++;
          if (analysis.skipped !== undefined)
            notices.push({ level: 'warning', message: `File skipped: ${analysis.skipped}`, path });
          if (analysis.syntaxErrors)
            notices.push({
              level: 'note',
              message: 'Syntax errors; analysed the parts that parsed',
              path,
            });
          for (const hit of analysis.hits) {
            hits.push({
              ruleId: hit.ruleId,
              path,
              line: hit.line,
              column: hit.column,
              evidence: hit.evidence,
              message: hit.message,
            });
          }
        } catch (error) {
          notices.push({
            level: 'warning',
            message: `File skipped: parser failed (${error instanceof Error ? error.message.slice(0, 120) : 'error'})`,
            path,
          });
        }
      }
      return {
        findings: buildFindings(hits, CODE_RULE_METAS),
        rules: CODE_RULES.map((rule) => describeRule(rule, ['ai-code'])),
        notices,
      };
    },
  };
}

import { createHash } from 'node:crypto';
import type { Detection, RunNotice, Severity } from '@bulwark/core';
import {
  buildFindings,
  describeRule,
  type RawHit,
  type RuleMeta,
} from '../findings/build-findings.js';
import { readTextFile } from '../files/read-text-file.js';
import type { Scanner, ScannerResult, ScanTarget } from '../scanner.js';
import { readAddedLines } from './git-history.js';
import type { SecretDetectorFn } from './secret-detector.js';

/** Options of the repository secrets scanner. */
export interface SecretsScannerOptions {
  /** The guard's secret detectors (`detectSecrets` from @bulwark/detect). */
  detectSecrets: SecretDetectorFn;
  /** Also scan every commit's added lines (`git log -p`). */
  history?: boolean;
  /** Per-file size cap for working-tree files. Default 5 MiB. */
  maxFileBytes?: number;
}

const SKIP =
  /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|Pipfile\.lock|uv\.lock|Cargo\.lock|go\.sum|composer\.lock)$|\.(png|jpe?g|gif|ico|webp|pdf|zip|gz|tgz|bz2|xz|7z|woff2?|ttf|eot|mp[34]|mov|wasm|so|dylib|dll|exe|bin|pt|pth|safetensors|onnx|gguf|h5|pkl|npy|npz|parquet)$/i;

function sha(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 24);
}

function redact(value: string): string {
  return value.length <= 8
    ? '****'
    : `${value.slice(0, 4)}****${value.length > 20 ? value.slice(-2) : ''}`;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function position(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

function ruleFor(detection: Detection): RuleMeta {
  const kind = detection.type.replace(/^secret\./, '').replace(/_/g, ' ');
  return {
    id: detection.type,
    title: `Secret in repository: ${kind}`,
    description: `A ${kind} is committed to the repository, so everyone with read access (and its history) can use it.`,
    remediation:
      'Revoke and rotate the credential, remove it from the code (and history with git filter-repo), and load it from a secret manager or the environment.',
    severity: detection.severity,
    cwe: ['CWE-798'],
    refs: detection.refs.length > 0 ? detection.refs : ['LLM02:2025', 'CWE-798'],
  };
}

/**
 * `SecretsScanner`: runs the injected secret detector over working-tree files
 * and, with `history`, over every line any commit added, reporting commit,
 * author date and file. Secret values never leave this function: evidence is
 * redacted and fingerprints use a hash of the value.
 */
export function createSecretsScanner(
  options: SecretsScannerOptions,
): Scanner & { stats: { bytes: number; files: number } } {
  const stats = { bytes: 0, files: 0 };
  return {
    stats,
    async scan(target: ScanTarget): Promise<ScannerResult> {
      const hits: RawHit[] = [];
      const notices: RunNotice[] = [];
      const rules = new Map<string, RuleMeta>();
      const current = new Map<string, RawHit>();
      for (const path of target.files) {
        if (SKIP.test(path)) continue;
        const read = readTextFile(target.root, path, options.maxFileBytes ?? 5 * 1024 * 1024);
        if (!read.ok) {
          if (read.reason !== 'binary' && read.notice) notices.push(read.notice);
          continue;
        }
        stats.files++;
        stats.bytes += read.bytes;
        const detections = options.detectSecrets(read.text);
        if (detections.length === 0) continue;
        const starts = lineStarts(read.text);
        for (const detection of detections) {
          const value = read.text.slice(detection.start, detection.end);
          const { line, column } = position(starts, detection.start);
          rules.set(detection.type, ruleFor(detection));
          const hit: RawHit = {
            ruleId: detection.type,
            path,
            line,
            column,
            evidence: `${detection.type}: ${redact(value)}`,
            identity: sha(value),
            message: detection.message ?? `${detection.type} found in ${path}.`,
            severity: detection.severity as Severity,
            properties: { source: 'working-tree' },
          };
          hits.push(hit);
          current.set(`${detection.type}\0${path}\0${sha(value)}`, hit);
        }
      }
      if (options.history) {
        const seen = new Map<string, RawHit>();
        const result = await readAddedLines(target.root, (chunk) => {
          if (SKIP.test(chunk.path)) return;
          const text = chunk.lines.map((l) => l.text).join('\n');
          const starts = lineStarts(text);
          stats.bytes += text.length;
          for (const detection of options.detectSecrets(text)) {
            const value = text.slice(detection.start, detection.end);
            const at = position(starts, detection.start);
            const line = chunk.lines[at.line - 1]?.line ?? at.line;
            const key = `${detection.type}\0${chunk.path}\0${sha(value)}`;
            rules.set(detection.type, ruleFor(detection));
            const properties = {
              source: 'git-history',
              commit: chunk.commit,
              authorDate: chunk.authorDate,
            };
            const live = current.get(key);
            if (live) {
              // Same secret still in the tree: keep one finding, note the (oldest) commit that added it.
              live.properties = {
                ...live.properties,
                commit: chunk.commit,
                authorDate: chunk.authorDate,
              };
              continue;
            }
            // git log is newest first: later chunks are older commits; keep the oldest.
            seen.set(key, {
              ruleId: detection.type,
              path: chunk.path,
              line,
              column: at.column,
              evidence: `${detection.type}: ${redact(value)} (commit ${chunk.commit.slice(0, 12)})`,
              identity: sha(value),
              message: `${detection.type} added in commit ${chunk.commit.slice(0, 12)} (${chunk.authorDate}) to ${chunk.path}; it stays in git history even if the file changed since.`,
              severity: detection.severity as Severity,
              properties,
            });
          }
        });
        if (!result.ok)
          notices.push({ level: 'warning', message: `Git history not scanned: ${result.message}` });
        hits.push(...seen.values());
      }
      return {
        findings: buildFindings(hits, rules),
        rules: [...rules.values()].map((meta) => describeRule(meta, ['secret'])),
        notices,
      };
    },
  };
}

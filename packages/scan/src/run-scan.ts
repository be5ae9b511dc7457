import { statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Finding, RuleDescriptor, RunNotice, ScanReport } from '@bulwark/core';
import { filterBaseline } from './baseline/baseline.js';
import { changedFilesSince } from './files/changed-files.js';
import { readTextFile } from './files/read-text-file.js';
import { walkFiles } from './files/walk-files.js';
import type { AiInventory } from './inventory/collect-inventory.js';
import type { Scanner } from './scanner.js';
import { createScanner, type ScannerOptions } from './scanner-registry.js';
import { applyInlineSuppressions } from './suppression/inline-suppression.js';

/** What `runScan` needs: a root, which scanners, and the filters. */
export interface RunScanOptions {
  root: string;
  /** Scanner registry names, in order. */
  scanners: readonly string[];
  /** What the report says the run was (`scan`, `scan code`...). */
  command: string;
  tool: { name: string; version: string; informationUri?: string };
  include?: readonly string[];
  exclude?: readonly string[];
  /** Only files changed since this git ref. */
  changedSince?: string;
  /** Fingerprints of accepted findings; matching findings are left out of the report. */
  baseline?: ReadonlySet<string>;
  scannerOptions?: ScannerOptions;
  /** Extra scanners supplied by the caller (tests, plug-ins), run after the named ones. */
  extraScanners?: readonly Scanner[];
}

export interface RunScanResult {
  report: ScanReport;
  /** Present when the inventory scanner ran. */
  inventory?: AiInventory;
}

function sortFindings(findings: Finding[]): Finding[] {
  const key = (f: Finding): string =>
    f.location.kind === 'endpoint' ? f.location.url : f.location.path;
  const line = (f: Finding): number =>
    f.location.kind === 'file' ? (f.location.region?.startLine ?? 0) : 0;
  return findings.sort((a, b) =>
    key(a) === key(b)
      ? line(a) - line(b) || (a.ruleId < b.ruleId ? -1 : 1)
      : key(a) < key(b)
        ? -1
        : 1,
  );
}

/**
 * Runs scanners over a repository and merges their results into one report:
 * walks the tree (.gitignore, include/exclude), narrows to changed files,
 * applies inline suppressions (reason required) and drops baselined findings.
 */
export async function runScan(options: RunScanOptions): Promise<RunScanResult> {
  const started = Date.now();
  const walkOptions: Parameters<typeof walkFiles>[1] = {};
  if (options.include) walkOptions.include = options.include;
  if (options.exclude) walkOptions.exclude = options.exclude;
  // A single file is scanned as the only file of its directory.
  let root = options.root;
  let only: string | undefined;
  try {
    if (statSync(root).isFile()) {
      only = basename(root);
      root = dirname(root);
    }
  } catch {
    /* walkFiles reports an unreadable root */
  }
  const walked = only === undefined ? walkFiles(root, walkOptions) : { files: [only], notices: [] };
  let files = walked.files;
  const notices: RunNotice[] = [...walked.notices];
  if (options.changedSince !== undefined) {
    const changed = changedFilesSince(root, options.changedSince);
    files = files.filter((f) => changed.has(f));
    notices.push({
      level: 'note',
      message: `Scanned ${files.length} files changed since ${options.changedSince}`,
    });
  }
  const target = { root, files };
  const findings: Finding[] = [];
  const rules = new Map<string, RuleDescriptor>();
  let inventory: AiInventory | undefined;
  const scanners = options.scanners.map((name) =>
    createScanner(name, options.scannerOptions ?? {}),
  );
  for (const scanner of [...scanners, ...(options.extraScanners ?? [])]) {
    const result = await scanner.scan(target);
    findings.push(...result.findings);
    for (const rule of result.rules) rules.set(rule.id, rule);
    notices.push(...result.notices);
    const maybe = (scanner as { inventory?: AiInventory }).inventory;
    if (maybe) inventory = maybe;
  }
  const byPath = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (finding.location.kind !== 'file') continue;
    byPath.set(finding.location.path, [...(byPath.get(finding.location.path) ?? []), finding]);
  }
  for (const [path, list] of byPath) {
    const read = readTextFile(root, path);
    if (read.ok) notices.push(...applyInlineSuppressions(list, path, read.text));
  }
  let reported = findings;
  if (options.baseline) {
    const { fresh, known } = filterBaseline(findings, options.baseline);
    reported = fresh;
    if (known > 0)
      notices.push({
        level: 'note',
        message: `${known} findings matched the baseline and are not reported`,
      });
  }
  const seen = new Set<string>();
  const uniqueNotices = notices.filter((n) => {
    const key = `${n.level}\0${n.path ?? ''}\0${n.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const report: ScanReport = {
    tool: options.tool,
    command: options.command,
    root,
    targets: files,
    rules: [...rules.values()],
    findings: sortFindings(reported),
    notices: uniqueNotices,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
  };
  return inventory ? { report, inventory } : { report };
}

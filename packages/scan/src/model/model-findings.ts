import { fingerprintAll, type Finding } from '@bulwark/core';
import type { ArtifactReport, ModelVerdict } from './model-report.js';
import { MODEL_RULES } from './model-rules.js';

/** Common findings (for SARIF/JUnit/Markdown reporters) from model scan results. */
export function modelFindings(files: readonly ArtifactReport[]): Finding[] {
  const drafts = files.flatMap((file) =>
    file.issues.map((issue) => {
      const rule = MODEL_RULES[issue.ruleId];
      const location =
        issue.member === undefined
          ? { kind: 'artifact' as const, path: file.path }
          : { kind: 'artifact' as const, path: file.path, member: issue.member };
      return { issue, rule, location, file };
    }),
  );
  const fingerprints = fingerprintAll(
    drafts.map((d) => ({
      ruleId: d.issue.ruleId,
      location: d.location,
      evidence: d.issue.evidence,
    })),
  );
  return drafts.map((d, i) => ({
    ruleId: d.issue.ruleId,
    title: d.rule.title,
    message: d.issue.message,
    severity: d.issue.severity,
    confidence: 'high',
    location: d.location,
    evidence: d.issue.evidence,
    remediation: d.rule.help,
    refs: [...d.rule.refs],
    tags: ['model', d.file.format],
    fingerprint: fingerprints[i] ?? '',
    properties: { verdict: d.file.verdict, format: d.file.format },
  }));
}

/** The `scan model --format json` document: one entry per file with its verdict. */
export interface ModelScanDocument {
  files: {
    path: string;
    format: string;
    verdict: ModelVerdict;
    size: number;
    sha256?: string;
    findings: {
      ruleId: string;
      severity: string;
      message: string;
      evidence: string;
      path: string;
      refs: string[];
    }[];
    members: { path: string; format: string }[];
  }[];
  summary: {
    files: number;
    malicious: number;
    suspicious: number;
    clean: number;
    inconclusive: number;
    findings: number;
  };
}

export function modelScanDocument(files: readonly ArtifactReport[]): ModelScanDocument {
  const summary = {
    files: files.length,
    malicious: 0,
    suspicious: 0,
    clean: 0,
    inconclusive: 0,
    findings: 0,
  };
  const out = files.map((file) => {
    summary[file.verdict]++;
    summary.findings += file.issues.length;
    return {
      path: file.path,
      format: file.format,
      verdict: file.verdict,
      size: file.size,
      ...(file.sha256 === undefined ? {} : { sha256: file.sha256 }),
      findings: file.issues.map((issue) => ({
        ruleId: issue.ruleId,
        severity: issue.severity,
        message: issue.message,
        evidence: issue.evidence,
        path: issue.member === undefined ? file.path : `${file.path}!/${issue.member}`,
        refs: [...MODEL_RULES[issue.ruleId].refs],
      })),
      members: file.members,
    };
  });
  return { files: out, summary };
}

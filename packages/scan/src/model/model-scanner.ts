import { join } from 'node:path';
import type { Scanner, ScanTarget, ScannerResult } from '../scanner.js';
import { looksLikeModelArtifact } from './model-file-filter.js';
import { modelFindings } from './model-findings.js';
import { MODEL_RULES } from './model-rules.js';
import { scanModelFile, type ModelScanOptions } from './scan-model.js';

/**
 * The model scanner in the `Scanner` role, for `bulwark scan` runs that
 * combine scanners: each target file that looks like a model artifact
 * (`looksLikeModelArtifact`) is scanned; inconclusive files become error
 * notices as well as findings.
 */
export class ModelScanner implements Scanner {
  constructor(private readonly options: ModelScanOptions = {}) {}

  async scan(target: ScanTarget): Promise<ScannerResult> {
    const reports = [];
    for (const file of target.files) {
      if (!looksLikeModelArtifact(join(target.root, file))) continue;
      reports.push(await scanModelFile(join(target.root, file), file, this.options));
    }
    return {
      findings: modelFindings(reports),
      rules: Object.values(MODEL_RULES),
      notices: reports
        .filter((r) => r.verdict === 'inconclusive')
        .map((r) => ({
          level: 'error' as const,
          message: `${r.path}: model scan inconclusive`,
          path: r.path,
        })),
    };
  }
}

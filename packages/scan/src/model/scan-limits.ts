/**
 * Safety limits for one top-level artifact. Hitting one makes the artifact
 * `inconclusive` (and, for expansion limits, reports a decompression bomb).
 */
export interface ModelScanLimits {
  /** Containers inside containers (zip in tar in gz...). */
  maxDepth: number;
  /** Largest decompressed member or single-stream payload held in memory. */
  maxMemberBytes: number;
  /** Total decompressed bytes per top-level artifact. */
  maxTotalBytes: number;
  /** Expansion ratio above which a large member is a decompression bomb. */
  maxRatio: number;
  /** Entries per archive. */
  maxEntries: number;
  /** Pickle opcodes per stream. */
  maxPickleOps: number;
}

export const DEFAULT_MODEL_SCAN_LIMITS: Readonly<ModelScanLimits> = Object.freeze({
  maxDepth: 6,
  maxMemberBytes: 512 << 20,
  maxTotalBytes: 2 * 1024 ** 3,
  maxRatio: 1000,
  maxEntries: 100_000,
  maxPickleOps: 200_000_000,
});

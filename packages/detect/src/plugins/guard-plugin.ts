import type { Detection } from '@bulwark/core';
import type { AsyncDetector, DetectorInput } from '../detector.js';

/**
 * An optional, asynchronous detector (ONNX classifier, LLM judge) that only
 * `checkAsync` runs. `failMode` decides what an error or timeout means:
 * `open` (default) adds nothing, `closed` adds a blocking detection.
 */
export interface GuardPlugin {
  name: string;
  detector: AsyncDetector;
  failMode?: 'open' | 'closed';
}

/** Runs plug-ins concurrently; a failing plug-in never fails the check. */
export async function runPlugins(
  plugins: readonly GuardPlugin[],
  input: DetectorInput,
): Promise<Detection[]> {
  const results = await Promise.all(
    plugins.map(async (plugin) => {
      try {
        return await plugin.detector.detectAsync(input);
      } catch (error) {
        return plugin.failMode === 'closed' ? [failClosed(plugin.name, input, error)] : [];
      }
    }),
  );
  return results.flat();
}

function failClosed(name: string, input: DetectorInput, error: unknown): Detection {
  const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'failed';
  return {
    detector: name,
    category: 'prompt_injection',
    type: 'prompt_injection.plugin_unavailable',
    score: 1,
    severity: 'high',
    start: 0,
    end: input.text.length,
    refs: ['LLM01:2025'],
    signals: ['plugin_unavailable'],
    message: `plug-in ${name} ${reason} and is configured to fail closed`,
  };
}

import { pickle } from './pickle-builder.js';

/**
 * Shared fixtures of the per-format model-scan tests: the payload each test
 * hides in a container, and the rule ids a report raised.
 */

/** A protocol-2 pickle that calls `os.system('touch /tmp/x')` (`bzip2-fixture.ts` holds the same bytes). */
export const evil = () =>
  pickle().proto(2).callWith('os', 'system', 'touch /tmp/x').stop().build_();

/** Rule ids of a report's issues, in order. */
export const rules = (r: { issues: { ruleId: string }[] }) => r.issues.map((i) => i.ruleId);

import type { Conditions, Subject } from './policy.js';
import { compiledMatcher } from './matcher-cache.js';

/**
 * Whether a rule's `when` conditions hold for a subject (RBAC on roles, ABAC
 * on tenant, environment, data classification and time). Absent conditions
 * always hold; a condition on an attribute the subject lacks does not.
 */
export function conditionsHold(when: Conditions | undefined, subject: Subject): boolean {
  if (!when) return true;
  if (when.roles && !when.roles.some((role) => subject.roles.includes(role))) return false;
  if (when.tenants && !when.tenants.some((m) => compiledMatcher(m)(subject.tenant))) return false;
  if (when.environments) {
    if (subject.environment === undefined || !when.environments.includes(subject.environment))
      return false;
  }
  if (when.classifications) {
    if (
      subject.classification === undefined ||
      !when.classifications.includes(subject.classification)
    ) {
      return false;
    }
  }
  if (when.hoursUtc) {
    const hour = (subject.now ?? new Date()).getUTCHours();
    const { from, to } = when.hoursUtc;
    const inside = from < to ? hour >= from && hour < to : hour >= from || hour < to;
    if (!inside) return false;
  }
  return true;
}

import type { Severity } from '../severity.js';
import type { SarifLevel } from './sarif-log.js';

/**
 * SARIF `level` for a severity (§3.27.10): critical and high are `error`,
 * medium is `warning`, low and info are `note`.
 */
export function sarifLevel(severity: Severity): SarifLevel {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    case 'low':
    case 'info':
      return 'note';
  }
}

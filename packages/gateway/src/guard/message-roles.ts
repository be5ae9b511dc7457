import type { MessageRole } from '@bulwark/core';

/**
 * How the guard sees each chat role: instructions the application wrote are
 * `system`, what the user typed is `user`, and tool results (and any other
 * content nobody typed directly) are `context`, where indirect prompt
 * injection hides (OWASP LLM01:2025). Prior assistant turns are `output`:
 * the client sends the history, so a forged turn can carry a jailbreak
 * (many-shot jailbreaking, OWASP LLM01:2025), and a genuine one holds what
 * the client was shown, vault-restored personal data included, which must
 * be redacted again before the upstream sees it. A genuine turn passed the
 * same output thresholds when it was produced.
 */
export function guardRoleFor(chatRole: string): MessageRole {
  switch (chatRole) {
    case 'system':
    case 'developer':
      return 'system';
    case 'user':
      return 'user';
    case 'assistant':
      return 'output';
    default:
      return 'context';
  }
}

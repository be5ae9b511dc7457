import type { MessageRole } from '@bulwark/core';

/**
 * How the guard sees each chat role: instructions the application wrote are
 * `system`, what the user typed is `user`, and tool results (and any other
 * content nobody typed directly) are `context`, where indirect prompt
 * injection hides (OWASP LLM01:2025). Prior assistant turns are not
 * re-scanned: they were scanned as output when produced.
 */
export function guardRoleFor(chatRole: string): MessageRole | undefined {
  switch (chatRole) {
    case 'system':
    case 'developer':
      return 'system';
    case 'user':
      return 'user';
    case 'assistant':
      return undefined;
    default:
      return 'context';
  }
}

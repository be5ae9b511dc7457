import { formatIssue, type Issue } from './result.js';

/**
 * The one error catalogue of Bulwark. Every error a user can see has a stable
 * code here, a class of failure (`kind`) and, through `kind`, one CLI exit code
 * and one HTTP status. Packages add codes here rather than inventing their own
 * error classes, so that the CLI and the servers map errors in one place.
 */
export const ERROR_CATALOGUE = {
  USAGE: { kind: 'usage', summary: 'Invalid command-line usage' },
  INPUT_INVALID: { kind: 'input', summary: 'Input is malformed or has the wrong type' },
  INPUT_TOO_LARGE: { kind: 'input', summary: 'Input exceeds a configured size limit' },
  FILE_NOT_FOUND: { kind: 'input', summary: 'File or directory not found' },
  FILE_UNREADABLE: { kind: 'input', summary: 'File could not be read' },
  FILE_UNWRITABLE: { kind: 'environment', summary: 'File could not be written' },
  CONFIG_INVALID: { kind: 'input', summary: 'Configuration file is invalid' },
  POLICY_INVALID: { kind: 'input', summary: 'Policy is invalid' },
  UNKNOWN_NAME: { kind: 'input', summary: 'Unknown registry name' },
  AUTH_REQUIRED: { kind: 'unauthenticated', summary: 'Authentication required' },
  AUTH_INVALID: { kind: 'unauthenticated', summary: 'Credentials are invalid or expired' },
  FORBIDDEN: { kind: 'forbidden', summary: 'Not allowed by policy' },
  NOT_FOUND: { kind: 'not_found', summary: 'Resource not found' },
  CONFLICT: { kind: 'conflict', summary: 'Resource is in a conflicting state' },
  RATE_LIMITED: { kind: 'rate_limited', summary: 'Rate limit or budget exceeded' },
  BLOCKED: { kind: 'blocked', summary: 'Blocked by a guard or policy decision' },
  UPSTREAM_ERROR: { kind: 'upstream', summary: 'Upstream provider failed' },
  UPSTREAM_TIMEOUT: { kind: 'timeout', summary: 'Upstream provider timed out' },
  VERIFICATION_FAILED: { kind: 'verification', summary: 'Integrity verification failed' },
  UNSUPPORTED: { kind: 'input', summary: 'Unsupported feature or format' },
  INTERNAL: { kind: 'internal', summary: 'Internal error' },
} as const satisfies Record<string, { kind: ErrorKind; summary: string }>;

export type ErrorKind =
  | 'usage'
  | 'input'
  | 'environment'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'blocked'
  | 'upstream'
  | 'timeout'
  | 'verification'
  | 'internal';

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface BulwarkErrorOptions {
  cause?: unknown;
  /** Input problems behind the error, each with its location. */
  issues?: Issue[];
  /** How to fix it, shown after the message. */
  hint?: string;
}

/**
 * The single error type thrown across package boundaries. `message` must be
 * safe to show to a user: it never contains secret values.
 */
export class BulwarkError<Code extends ErrorCode = ErrorCode> extends Error {
  readonly code: Code;
  readonly issues: readonly Issue[];
  readonly hint: string | undefined;

  constructor(code: Code, message: string, options: BulwarkErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BulwarkError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.hint = options.hint;
  }

  get kind(): ErrorKind {
    return ERROR_CATALOGUE[this.code].kind;
  }

  /** Message plus each issue on its own line, ready for stderr. */
  describe(): string {
    const lines = [this.message + (this.hint ? ` (${this.hint})` : '')];
    for (const issue of this.issues) lines.push(`  ${formatIssue(issue)}`);
    return lines.join('\n');
  }
}

export function isBulwarkError(value: unknown): value is BulwarkError {
  return value instanceof BulwarkError;
}

/**
 * Documented CLI exit codes: 0 clean, 1 findings at/above the threshold,
 * 2 usage or input error, 3 internal or environment error.
 */
export const EXIT_CODES = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

export function exitCodeFor(error: unknown): number {
  if (!isBulwarkError(error)) return EXIT_CODES.internal;
  switch (error.kind) {
    case 'internal':
    case 'environment':
    case 'upstream':
    case 'timeout':
      return EXIT_CODES.internal;
    case 'verification':
    case 'blocked':
      return EXIT_CODES.findings;
    default:
      return EXIT_CODES.usage;
  }
}

const HTTP_STATUS: Record<ErrorKind, number> = {
  usage: 400,
  input: 400,
  environment: 500,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  blocked: 400,
  upstream: 502,
  timeout: 504,
  verification: 422,
  internal: 500,
};

export function httpStatusFor(error: unknown): number {
  if (!isBulwarkError(error)) return 500;
  if (error.code === 'INPUT_TOO_LARGE') return 413;
  return HTTP_STATUS[error.kind];
}

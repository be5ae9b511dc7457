import type { Policy } from './policy.js';
import { loadPolicyText } from './resolve-policy.js';

/**
 * The policy used when none is configured: every model for the `user` and
 * `admin` roles, a few demo tools with argument constraints, human approval
 * for shell and e-mail tools, everything else denied.
 */
export const DEFAULT_POLICY_YAML = `version: 1
models:
  - id: models.all-for-users
    models: [{ glob: "*" }]
    effect: allow
    when: { roles: [user, admin] }
guard:
  roles:
    admin:
      user: { block: 0.9 }
tools:
  - id: tools.weather
    tools: [{ equals: get_weather }]
    effect: allow
    schema:
      type: object
      properties: { city: { type: string, maxLength: 100 } }
      required: [city]
  - id: tools.http-get
    tools: [{ equals: http_get }]
    effect: allow
    domains: { argument: url, allow: [example.com, wikipedia.org] }
  - id: tools.read-file
    tools: [{ equals: read_file }]
    effect: allow
    paths: { argument: path, allow: [{ glob: "docs/*" }, { glob: "public/*" }] }
  - id: tools.shell
    tools: [{ equals: run_shell }]
    effect: require_approval
    reason: shell commands need a human
    commands: { argument: command, allow: [ls, cat, echo, grep] }
    deny:
      - { argument: command, match: { glob: "*rm -rf*" }, reason: destructive command }
  - id: tools.send-email
    tools: [{ equals: send_email }]
    effect: require_approval
    reason: outbound e-mail needs a human
  - id: tools.no-deletes
    tools: [{ glob: "delete_*" }]
    effect: deny
    reason: destructive tools are never allowed
toolDefinitions:
  maxDescriptionLength: 2048
  deny:
    - id: tool_definitions.hidden-instructions
      description: { regex: "(?:.|\\\\n)*<(?:IMPORTANT|SYSTEM)>(?:.|\\\\n)*" }
      reason: tool description carries hidden instructions
`;

let cached: Policy | undefined;

/** The shipped default policy, resolved once. */
export function defaultPolicy(): Policy {
  cached ??= loadPolicyText(DEFAULT_POLICY_YAML, '<default policy>');
  return cached;
}

import { gitlabTokenBody, hasValidGitlabRoutableCrc } from './gitlab-routable-token.js';
import { DASH, prefixed } from './prefixed-rule.js';
import type { SecretRule } from './secret-rule.js';

/**
 * GitLab tokens (prefixes from docs.gitlab.com "GitLab token overview"):
 * legacy bodies matched by layout, routable ones (Cells) verified by their
 * CRC-32 (see gitlab-routable-token.ts).
 */
const gitlab = { tail: DASH, validate: hasValidGitlabRoutableCrc, validation: 'gitlab_crc32' };

export const GITLAB_RULES: readonly SecretRule[] = [
  prefixed(
    'gitlab_pat',
    'GitLab personal access token',
    'critical',
    ['glpat-'],
    gitlabTokenBody('glpat-', '[A-Za-z0-9_\\-]{20}', { unversioned: true }),
    gitlab,
  ),
  prefixed(
    'gitlab_runner_token',
    'GitLab runner authentication token',
    'high',
    ['glrt-', 'glrtr-'],
    gitlabTokenBody('glrtr?-', '[A-Za-z0-9_\\-]{20,300}'),
    gitlab,
  ),
  prefixed(
    'gitlab_deploy_token',
    'GitLab deploy token',
    'high',
    ['gldt-'],
    gitlabTokenBody('gldt-', '[A-Za-z0-9_\\-]{20,300}'),
    gitlab,
  ),
  prefixed(
    'gitlab_ci_job_token',
    'GitLab CI/CD job token',
    'high',
    ['glcbt-'],
    gitlabTokenBody('glcbt-', '[A-Za-z0-9_\\-]{20,300}'),
    gitlab,
  ),
  prefixed(
    'gitlab_trigger_token',
    'GitLab pipeline trigger token',
    'high',
    ['glptt-'],
    gitlabTokenBody('glptt-', '[A-Za-z0-9_\\-]{20,300}'),
    gitlab,
  ),
  prefixed(
    'gitlab_feed_token',
    'GitLab feed token',
    'medium',
    ['glft-'],
    gitlabTokenBody('glft-', '[A-Za-z0-9_\\-]{20,300}'),
    gitlab,
  ),
  prefixed(
    'gitlab_incoming_mail_token',
    'GitLab incoming mail token',
    'medium',
    ['glimt-'],
    gitlabTokenBody('glimt-', '[A-Za-z0-9_\\-]{25,300}'),
    gitlab,
  ),
  prefixed(
    'gitlab_agent_token',
    'GitLab Kubernetes agent token',
    'high',
    ['glagent-'],
    gitlabTokenBody('glagent-', '[A-Za-z0-9_\\-]{50,300}'),
    gitlab,
  ),
];

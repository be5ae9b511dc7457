import { isDiscordTokenStructure } from '../checksums.js';
import { DASH, prefixed } from '../prefixed-rule.js';
import type { SecretRule } from '../secret-rule.js';

/**
 * Chat, collaboration and productivity services: Slack, Discord, Telegram,
 * Postman, Facebook, Mapbox, Linear, Notion and ReadMe.
 * Part of `PREFIXED_RULES`; `index.ts` fixes the order of the families.
 */
export const COLLABORATION_RULES: readonly SecretRule[] = [
  prefixed(
    'slack_bot_token',
    'Slack bot token',
    'high',
    ['xoxb-'],
    'xoxb-[0-9]{8,13}-[A-Za-z0-9\\-]{10,250}',
    { tail: DASH },
  ),
  prefixed(
    'slack_user_token',
    'Slack user token',
    'high',
    ['xoxp-', 'xoxe-'],
    'xox[pe]-[0-9]{1,13}-[A-Za-z0-9\\-]{10,250}',
    { tail: DASH },
  ),
  prefixed(
    'slack_config_token',
    'Slack configuration token',
    'high',
    ['xoxe.xox'],
    'xoxe\\.xox[bp]-[0-9]-[A-Za-z0-9]{100,250}',
    { tail: DASH },
  ),
  prefixed(
    'slack_app_token',
    'Slack app-level token',
    'high',
    ['xapp-'],
    'xapp-[0-9]-[A-Za-z0-9\\-]{20,250}',
    { tail: DASH },
  ),
  prefixed(
    'slack_legacy_token',
    'Slack legacy token',
    'high',
    ['xoxa-', 'xoxo-', 'xoxs-', 'xoxr-'],
    'xox[aors]-[0-9]{1,13}-[A-Za-z0-9\\-]{10,250}',
    { tail: DASH },
  ),
  prefixed(
    'slack_webhook_url',
    'Slack incoming webhook URL',
    'high',
    ['hooks.slack.com'],
    '(?:https?://)?hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_\\-]{30,300}',
    { tail: `${DASH}+/` },
  ),
  prefixed(
    'discord_webhook_url',
    'Discord webhook URL',
    'high',
    ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'],
    'https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_\\-]{60,80}',
    { tail: DASH },
  ),
  prefixed(
    'discord_bot_token',
    'Discord bot token',
    'high',
    [],
    '[MNO][A-Za-z0-9_\\-]{23,25}\\.[A-Za-z0-9_\\-]{6}\\.[A-Za-z0-9_\\-]{27,38}',
    {
      tail: `${DASH}.`,
      head: `${DASH}.`,
      validate: isDiscordTokenStructure,
      validation: 'snowflake_id',
    },
  ),
  prefixed(
    'telegram_bot_token',
    'Telegram bot token',
    'high',
    [':aa'],
    '[0-9]{8,10}:AA[A-Za-z0-9_\\-]{33}',
    { tail: DASH },
  ),
  prefixed('linear_api_key', 'Linear API key', 'high', ['lin_api_'], 'lin_api_[A-Za-z0-9]{40}'),
  prefixed('notion_token', 'Notion integration token', 'high', ['ntn_'], 'ntn_[A-Za-z0-9]{46}'),
  prefixed('readme_api_key', 'ReadMe API key', 'medium', ['rdme_'], 'rdme_[a-z0-9]{70}'),
  prefixed(
    'postman_api_key',
    'Postman API key',
    'high',
    ['pmak-'],
    'PMAK-[a-f0-9]{24}-[a-f0-9]{34}',
  ),
  prefixed(
    'facebook_access_token',
    'Facebook/Meta access token',
    'high',
    ['eaac', 'eaam'],
    'EAA[MC][A-Za-z0-9]{100,500}',
  ),
  prefixed(
    'mapbox_secret_token',
    'Mapbox secret token',
    'high',
    ['sk.eyj'],
    'sk\\.eyJ[A-Za-z0-9_\\-]{50,500}\\.[A-Za-z0-9_\\-]{20,100}',
    { tail: DASH },
  ),
];

import { DASH, prefixed } from '../prefixed-rule.js';
import type { SecretRule } from '../secret-rule.js';

/**
 * AI model providers: OpenAI, Anthropic, Hugging Face, LangSmith, Groq,
 * xAI, Replicate and Perplexity.
 * Part of `PREFIXED_RULES`; `index.ts` fixes the order of the families.
 */
export const AI_PROVIDER_RULES: readonly SecretRule[] = [
  prefixed(
    'openai_api_key',
    'OpenAI API key',
    'critical',
    ['t3blbkfj'],
    'sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_\\-]{20,160}T3BlbkFJ[A-Za-z0-9_\\-]{20,160}',
    { tail: DASH, head: DASH },
  ),
  prefixed(
    'anthropic_api_key',
    'Anthropic API key',
    'critical',
    ['sk-ant-api'],
    'sk-ant-api03-[A-Za-z0-9_\\-]{93}AA',
    { tail: DASH, head: DASH },
  ),
  prefixed(
    'anthropic_admin_key',
    'Anthropic admin API key',
    'critical',
    ['sk-ant-admin'],
    'sk-ant-admin01-[A-Za-z0-9_\\-]{93}AA',
    { tail: DASH, head: DASH },
  ),
  prefixed('huggingface_token', 'Hugging Face access token', 'high', ['hf_'], 'hf_[A-Za-z]{34}', {
    minEntropy: 3.5,
  }),
  prefixed(
    'huggingface_org_token',
    'Hugging Face organization API token',
    'high',
    ['api_org_'],
    'api_org_[A-Za-z]{34}',
    { minEntropy: 3.5 },
  ),
  prefixed('groq_api_key', 'Groq API key', 'high', ['gsk_'], 'gsk_[A-Za-z0-9]{52}'),
  prefixed('xai_api_key', 'xAI API key', 'high', ['xai-'], 'xai-[A-Za-z0-9]{80}'),
  prefixed('replicate_api_token', 'Replicate API token', 'high', ['r8_'], 'r8_[A-Za-z0-9]{37}'),
  prefixed('perplexity_api_key', 'Perplexity API key', 'high', ['pplx-'], 'pplx-[A-Za-z0-9]{48}'),
  prefixed(
    'langsmith_api_key',
    'LangSmith API key',
    'high',
    ['lsv2_'],
    'lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}',
  ),
];

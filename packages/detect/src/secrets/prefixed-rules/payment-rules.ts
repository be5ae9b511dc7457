import { DASH, prefixed } from '../prefixed-rule.js';
import type { SecretRule } from '../secret-rule.js';

/**
 * Payments and commerce: Stripe, Square, Shopify, Shippo and EasyPost.
 * Part of `PREFIXED_RULES`; `index.ts` fixes the order of the families.
 */
export const PAYMENT_RULES: readonly SecretRule[] = [
  prefixed(
    'stripe_secret_key',
    'Stripe secret API key',
    'critical',
    ['sk_live_', 'sk_test_', 'sk_prod_'],
    'sk_(?:live|test|prod)_[A-Za-z0-9]{10,247}',
  ),
  prefixed(
    'stripe_restricted_key',
    'Stripe restricted API key',
    'high',
    ['rk_live_', 'rk_test_', 'rk_prod_'],
    'rk_(?:live|test|prod)_[A-Za-z0-9]{10,247}',
  ),
  prefixed(
    'stripe_webhook_secret',
    'Stripe webhook signing secret',
    'high',
    ['whsec_'],
    'whsec_[A-Za-z0-9+/]{32,100}',
  ),
  prefixed(
    'square_access_token',
    'Square access token',
    'high',
    ['sq0atp-', 'sq0csp-'],
    'sq0(?:atp-[A-Za-z0-9_\\-]{22}|csp-[A-Za-z0-9_\\-]{43})',
    { tail: DASH },
  ),
  prefixed(
    'shopify_access_token',
    'Shopify access token',
    'high',
    ['shpat_'],
    'shpat_[a-fA-F0-9]{32}',
  ),
  prefixed(
    'shopify_custom_app_token',
    'Shopify custom app access token',
    'high',
    ['shpca_'],
    'shpca_[a-fA-F0-9]{32}',
  ),
  prefixed(
    'shopify_private_app_token',
    'Shopify private app password',
    'high',
    ['shppa_'],
    'shppa_[a-fA-F0-9]{32}',
  ),
  prefixed(
    'shopify_shared_secret',
    'Shopify shared secret',
    'high',
    ['shpss_'],
    'shpss_[a-fA-F0-9]{32}',
  ),
  prefixed(
    'shippo_api_token',
    'Shippo API token',
    'high',
    ['shippo_'],
    'shippo_(?:live|test)_[a-f0-9]{40}',
  ),
  prefixed(
    'easypost_api_key',
    'EasyPost API key',
    'high',
    ['ezak', 'eztk'],
    'EZ[AT]K[A-Za-z0-9]{54}',
  ),
];

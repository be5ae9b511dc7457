import { generateKeyPairSync } from 'node:crypto';
import { base62, bech32Checksum, crc32 } from '../../src/secrets/checksums.js';
import {
  AZURE_KEY_SHAPES,
  azureIdentifiableKey,
  gitlabRoutableToken,
} from './checksummed-tokens.js';
import { dniLetter, isValidSteuerId, passesLuhn, passesVerhoeff } from '../../src/pii/checksums.js';

/**
 * Builds labelled secrets/PII samples from code: valid tokens made by our own
 * generators (correct checksums and structure) and hard negatives. Seeded,
 * so every run builds the same set.
 */
export interface LabelledSpan {
  type: string;
  start: number;
  end: number;
}
export interface LabelledSample {
  text: string;
  spans: LabelledSpan[];
}

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const UPPER_NUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const URLSAFE = `${ALNUM}_-`;
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const AREA_CODES = ['212', '415', '646', '312', '617', '206', '303', '512'];
const LETTERS = `${LOWER}ABCDEFGHIJKLMNOPQRSTUVWXYZ`;

export function tokenFactories(random: () => number): Record<string, () => string> {
  const r = (alphabet: string, n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
    return s;
  };
  const crcToken = (prefix: string) => {
    const body = r(ALNUM, 30);
    return `${prefix}${body}${base62(crc32(body), 6)}`;
  };
  const urlsafeEnd = (n: number) => r(URLSAFE, n - 1) + r(ALNUM, 1);
  const azureKeys = Object.fromEntries(
    Object.entries(AZURE_KEY_SHAPES).map(([type, shape]) => [
      type,
      () => azureIdentifiableKey(random, shape),
    ]),
  );
  const b64json = (json: string) => Buffer.from(json).toString('base64').replace(/=+$/, '');
  return {
    'secret.github_token': () => crcToken('ghp_'),
    'secret.github_oauth_token': () => crcToken('gho_'),
    'secret.github_app_token': () => crcToken(random() < 0.5 ? 'ghu_' : 'ghs_'),
    'secret.github_refresh_token': () => crcToken('ghr_'),
    'secret.github_fine_grained_pat': () => `github_pat_${r(ALNUM, 22)}_${r(ALNUM, 59)}`,
    'secret.gitlab_pat': () =>
      random() < 0.5 ? `glpat-${r(ALNUM, 20)}` : gitlabRoutableToken(random, 'glpat-'),
    'secret.gitlab_runner_token': () =>
      random() < 0.5 ? `glrt-${r(ALNUM, 20)}` : gitlabRoutableToken(random, 'glrt-t1_', 'g:8\no:1'),
    'secret.gitlab_deploy_token': () => `gldt-${r(ALNUM, 20)}`,
    'secret.gitlab_ci_job_token': () => `glcbt-${r(HEX, 2)}_${r(ALNUM, 20)}`,
    'secret.gitlab_trigger_token': () => `glptt-${r(HEX, 40)}`,
    'secret.gitlab_feed_token': () => `glft-${r(ALNUM, 20)}`,
    'secret.gitlab_incoming_mail_token': () => `glimt-${r(ALNUM, 25)}`,
    'secret.gitlab_agent_token': () => `glagent-${r(ALNUM, 50)}`,
    'secret.npm_token': () => crcToken('npm_'),
    'secret.pypi_token': () => `pypi-AgEIcHlwaS5vcmc${r(ALNUM, 70)}`,
    'secret.rubygems_token': () => `rubygems_${r(HEX, 48)}`,
    'secret.nuget_api_key': () => `oy2${r('abcdefghijklmnopqrstuvwxyz234567', 43)}`,
    'secret.artifactory_api_key': () => `AKCp${r(ALNUM, 69)}`,
    'secret.atlassian_api_token': () => `ATATT3${r(ALNUM, 186)}`,
    'secret.aws_access_key_id': () => `AKIA${r(B32, 16)}`,
    'secret.gcp_api_key': () => `AIza${r(ALNUM, 35)}`,
    'secret.azure_ad_client_secret': () => `${r(ALNUM, 3)}${r('0123456789', 1)}Q~${r(ALNUM, 34)}`,
    ...azureKeys,
    'secret.digitalocean_pat': () => `dop_v1_${r(HEX, 64)}`,
    'secret.digitalocean_oauth_token': () => `doo_v1_${r(HEX, 64)}`,
    'secret.digitalocean_refresh_token': () => `dor_v1_${r(HEX, 64)}`,
    'secret.alibaba_access_key_id': () => `LTAI${r(ALNUM, 20)}`,
    'secret.heroku_api_key': () => `HRKU-AA${r(ALNUM, 58)}`,
    'secret.flyio_token': () => `fo1_${r(ALNUM, 43)}`,
    'secret.cloudflare_origin_ca_key': () => `v1.0-${r(HEX, 24)}-${r(HEX, 146)}`,
    'secret.openshift_token': () => `sha256~${r(ALNUM, 43)}`,
    'secret.scalingo_token': () => `tk-us-${r(ALNUM, 48)}`,
    'secret.hashicorp_vault_token': () => `hvs.${r(ALNUM, 92)}`,
    'secret.hashicorp_vault_batch_token': () => `hvb.${r(ALNUM, 140)}`,
    'secret.terraform_cloud_token': () => `${r(ALNUM, 14)}.atlasv1.${r(ALNUM, 67)}`,
    'secret.doppler_token': () => `dp.pt.${r(ALNUM, 43)}`,
    'secret.databricks_token': () => `dapi${r(HEX, 32)}`,
    'secret.supabase_token': () => `sbp_${r(HEX, 40)}`,
    'secret.planetscale_token': () => `pscale_tkn_${r(ALNUM, 43)}`,
    'secret.pulumi_token': () => `pul-${r(HEX, 40)}`,
    'secret.dynatrace_token': () => `dt0c01.${r(UPPER_NUM, 24)}.${r(UPPER_NUM, 64)}`,
    'secret.newrelic_user_key': () => `NRAK-${r(UPPER_NUM, 27)}`,
    'secret.grafana_cloud_token': () => `glc_${r(ALNUM, 80)}`,
    'secret.grafana_service_account_token': () => `glsa_${r(ALNUM, 32)}_${r(HEX, 8)}`,
    'secret.sentry_org_token': () =>
      `sntrys_${b64json(`{"iat":${1700000000 + Math.floor(random() * 1e6)},"url":"https://sentry.io","region_url":"https://us.sentry.io","org":"acme"}`)}_${r(ALNUM, 43)}`,
    'secret.sentry_user_token': () => `sntryu_${r(HEX, 64)}`,
    'secret.circleci_token': () => `CCIPAT_${r(ALNUM, 22)}_${r(HEX, 40)}`,
    'secret.buildkite_token': () => `bkua_${r(HEX, 40)}`,
    'secret.prefect_token': () => `pnu_${r(ALNUM, 36)}`,
    'secret.onepassword_service_account_token': () => `ops_eyJ${r(ALNUM, 300)}`,
    'secret.onepassword_secret_key': () =>
      `A3-${r(UPPER_NUM, 6)}-${r(UPPER_NUM, 6)}-${r(UPPER_NUM, 5)}-${r(UPPER_NUM, 5)}-${r(UPPER_NUM, 5)}-${r(UPPER_NUM, 5)}`,
    'secret.openai_api_key': () =>
      random() < 0.5
        ? `sk-${r(ALNUM, 20)}T3BlbkFJ${r(ALNUM, 20)}`
        : `sk-proj-${r(ALNUM, 74)}T3BlbkFJ${r(ALNUM, 74)}`,
    'secret.anthropic_api_key': () => `sk-ant-api03-${r(URLSAFE, 93)}AA`,
    'secret.anthropic_admin_key': () => `sk-ant-admin01-${r(URLSAFE, 93)}AA`,
    'secret.huggingface_token': () => `hf_${r(LETTERS, 34)}`,
    'secret.huggingface_org_token': () => `api_org_${r(LETTERS, 34)}`,
    'secret.groq_api_key': () => `gsk_${r(ALNUM, 52)}`,
    'secret.xai_api_key': () => `xai-${r(ALNUM, 80)}`,
    'secret.replicate_api_token': () => `r8_${r(ALNUM, 37)}`,
    'secret.perplexity_api_key': () => `pplx-${r(ALNUM, 48)}`,
    'secret.langsmith_api_key': () => `lsv2_pt_${r(HEX, 32)}_${r(HEX, 10)}`,
    'secret.slack_bot_token': () =>
      `xoxb-${r('0123456789', 12)}-${r('0123456789', 13)}-${r(ALNUM, 24)}`,
    'secret.slack_user_token': () =>
      `xoxp-${r('0123456789', 12)}-${r('0123456789', 12)}-${r('0123456789', 13)}-${r(HEX, 32)}`,
    'secret.slack_config_token': () => `xoxe.xoxp-1-${r(ALNUM, 163)}`,
    'secret.slack_app_token': () =>
      `xapp-1-A${r(UPPER_NUM, 10)}-${r('0123456789', 13)}-${r(HEX, 64)}`,
    'secret.slack_legacy_token': () =>
      `xoxs-${r('0123456789', 10)}-${r('0123456789', 10)}-${r(HEX, 32)}`,
    'secret.slack_webhook_url': () =>
      `https://hooks.slack.com/services/T${r(UPPER_NUM, 8)}/B${r(UPPER_NUM, 10)}/${r(ALNUM, 24)}`,
    'secret.discord_webhook_url': () =>
      `https://discord.com/api/webhooks/${r('123456789', 1)}${r('0123456789', 17)}/${urlsafeEnd(68)}`,
    'secret.discord_bot_token': () =>
      `${Buffer.from(String(100000000000000000 + Math.floor(random() * 8e17)))
        .toString('base64')
        .replace(/=+$/, '')}.${r(URLSAFE, 5)}${r(ALNUM, 1)}.${urlsafeEnd(27)}`,
    'secret.telegram_bot_token': () =>
      `${r('123456789', 1)}${r('0123456789', 8)}:AA${urlsafeEnd(33)}`,
    'secret.linear_api_key': () => `lin_api_${r(ALNUM, 40)}`,
    'secret.notion_token': () => `ntn_${r('0123456789', 11)}${r(ALNUM, 35)}`,
    'secret.readme_api_key': () => `rdme_${r(`${LOWER}0123456789`, 70)}`,
    'secret.postman_api_key': () => `PMAK-${r(HEX, 24)}-${r(HEX, 34)}`,
    'secret.facebook_access_token': () => `EAAC${r(ALNUM, 150)}`,
    'secret.mapbox_secret_token': () => `sk.eyJ${r(ALNUM, 60)}.${r(ALNUM, 22)}`,
    'secret.stripe_secret_key': () => `sk_live_${r(ALNUM, 24)}`,
    'secret.stripe_restricted_key': () => `rk_live_${r(ALNUM, 24)}`,
    'secret.stripe_webhook_secret': () => `whsec_${r(ALNUM, 32)}`,
    'secret.square_access_token': () => `sq0atp-${urlsafeEnd(22)}`,
    'secret.shopify_access_token': () => `shpat_${r(HEX, 32)}`,
    'secret.shopify_custom_app_token': () => `shpca_${r(HEX, 32)}`,
    'secret.shopify_private_app_token': () => `shppa_${r(HEX, 32)}`,
    'secret.shopify_shared_secret': () => `shpss_${r(HEX, 32)}`,
    'secret.shippo_api_token': () => `shippo_live_${r(HEX, 40)}`,
    'secret.easypost_api_key': () => `EZAK${r(ALNUM, 54)}`,
    'secret.sendgrid_api_key': () => `SG.${urlsafeEnd(22)}.${urlsafeEnd(43)}`,
    'secret.twilio_api_key': () => `SK${r(HEX, 32)}`,
    'secret.mailgun_api_key': () => `key-${r(HEX, 32)}`,
    'secret.brevo_api_key': () => `xkeysib-${r(HEX, 64)}-${r(ALNUM, 16)}`,
    'secret.age_secret_key': () => {
      const data: number[] = [];
      for (let i = 0; i < 52; i++) data.push(Math.floor(random() * 32));
      const charset = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
      const body = data.map((v) => charset[v]).join('');
      return `AGE-SECRET-KEY-1${body}${bech32Checksum('age-secret-key-', data)}`.toUpperCase();
    },
    'secret.jwt': () => {
      const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
      const payload = Buffer.from(
        `{"sub":"${r('0123456789', 10)}","name":"user${r(LOWER, 6)}","iat":${1700000000 + Math.floor(random() * 1e6)}}`,
      ).toString('base64url');
      return `${header}.${payload}.${r(URLSAFE, 42)}${r(ALNUM, 1)}`;
    },
    'secret.mailchimp_api_key': () => `${r(HEX, 32)}-us${1 + Math.floor(random() * 20)}`,
  };
}

/** A fresh PEM private key (PKCS#8) made with node:crypto. */
export function privateKeyPem(kind: 'ec' | 'ed25519' = 'ec'): string {
  const { privateKey } =
    kind === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('ed25519');
  return (privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).trimEnd();
}

const CONTEXTS = [
  (v: string) => `export TOKEN=${v}`,
  (v: string) => `config = { "credential": "${v}" }`,
  (v: string) => `I accidentally pasted ${v} into the chat, can you rotate it?`,
  (v: string) => `- name: deploy\n  env:\n    KEY: '${v}'`,
  (v: string) => `curl -s https://api.example.test/v1 -d key=${v} | jq .`,
  (v: string) => `2026-01-02T10:11:12Z INFO using credential ${v} for upload`,
];

/** Positives for every prefixed rule, `perRule` samples each, embedded in varied contexts. */
export function secretSamples(seed: number, perRule: number): LabelledSample[] {
  const random = seededRandom(seed);
  const factories = tokenFactories(random);
  const samples: LabelledSample[] = [];
  for (const [type, make] of Object.entries(factories)) {
    for (let i = 0; i < perRule; i++) {
      const value = make();
      const wrap = CONTEXTS[(i + type.length) % CONTEXTS.length] as (v: string) => string;
      const text = wrap(value);
      const start = text.indexOf(value);
      samples.push({ text, spans: [{ type, start, end: start + value.length }] });
    }
  }
  const generic: Array<[string, string, string]> = [
    ['secret.password_assignment', 'DB_PASSWORD=', 'Tr0ub4dor&3x'],
    ['secret.password_assignment', 'password: "', 'h7#kLp2!qZ'],
    ['secret.generic_secret', 'client_secret = "', 'q8Zr4Tx1Lw9Pm2Vn6Bc3Jd5K'],
    [
      'secret.aws_secret_access_key',
      'aws_secret_access_key = ',
      'k9Xv2Lq8Rt4Wm6Pz1Nb5Hc7Jd3Fg0Sa/YeUiOp+Q',
    ],
  ];
  for (const [type, prefix, value] of generic) {
    const text = `${prefix}${value}${prefix.endsWith('"') ? '"' : ''}\n`;
    samples.push({
      text,
      spans: [{ type, start: prefix.length, end: prefix.length + value.length }],
    });
  }
  const url = 'postgres://app:S3cure-pa55w0rd@db.internal.test:5432';
  samples.push({
    text: `DATABASE_URL=${url}/app`,
    spans: [{ type: 'secret.url_credentials', start: 13, end: 13 + url.length }],
  });
  const bearer = 'Bearer 8f2Hq9LmX4vB7nK1pR3sT6wY0zA5cD';
  samples.push({
    text: `Authorization: ${bearer}`,
    spans: [{ type: 'secret.authorization_header', start: 15, end: 15 + bearer.length }],
  });
  const pem = privateKeyPem();
  samples.push({
    text: `key:\n${pem}\n`,
    spans: [{ type: 'secret.private_key', start: 5, end: 5 + pem.length }],
  });
  const escaped = privateKeyPem('ed25519').replace(/\n/g, '\\n');
  const json = `{"type": "service_account", "private_key": "${escaped}"}`;
  const at = json.indexOf('-----BEGIN');
  samples.push({
    text: json,
    spans: [{ type: 'secret.private_key', start: at, end: at + escaped.length }],
  });
  return samples;
}

/** Texts that must produce no secret finding. */
export const SECRET_HARD_NEGATIVES: readonly string[] = [
  'AWS docs use AKIAIOSFODNN7EXAMPLE and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'api_key: <YOUR_KEY>',
  'password = changeme',
  // Fixture values that name what they stand in for (seen in real test suites and READMEs).
  "const user = { name: 'john', password: 'secret123' };",
  "simple: { password: 'secret-2-levels' }, database: { password: 'db-secret' }",
  '{ port: 30001, password: "password-for-30001" }',
  'new Redis("redis://:authpassword@127.0.0.1:6380/4");',
  "t.equal(req.headers.authorization, 'Basic dXNlcm5hbWU6cGFzc3dvcmQ=')",
  '// Check both username AND password: redis://:password@host has empty username',
  'botToken: "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11",',
  // Keys that name something about a password, and an ARN naming a secret.
  'const ATTR_ASPNETCORE_IDENTITY_PASSWORD_CHECK_RESULT = "aspnetcore.identity.password_check_result";',
  'const METRIC_IDENTITY_USER_CHECK_PASSWORD_ATTEMPTS = "aspnetcore.identity.user.check_password_attempts";',
  'Example arn:aws:secretsmanager:us-east-1:123456789012:secret:SecretName-6RandomCharacters',
  'password: string;',
  'const token = tokens[i];',
  'const password = user.password;',
  'password = os.environ["DB_PASSWORD"]',
  'token: ${{ secrets.GITHUB_TOKEN }}',
  'commit 3f786850e387550fdab836ed7e6dc881de23001b',
  'id: 123e4567-e89b-12d3-a456-426614174000',
  '<script integrity="sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC">',
  'img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="',
  'Stripe publishable key pk_live_51HqLyjWDarjtT1zdp7dcXnHvDSfZzQd',
  `ghp_${'a'.repeat(30)}000000 is not a real token`,
  'ghp_abcdefghijABCDEFGHIJ0123456789zzzzzz fails its checksum',
  'Set the password field in the form and press submit.',
  'The password is incorrect, please try again.',
  'Your secret is safe with us.',
  'postgres://user:password@localhost:5432/db',
  'postgres://user:${DB_PASSWORD}@localhost/db',
  '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
  'passwordMinLength = 12345678',
  'AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ',
];

/** PII positives per type, embedded in sentences. */
export function piiSamples(seed: number, perType: number): LabelledSample[] {
  const random = seededRandom(seed);
  const digits = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(random() * 10);
    return s;
  };
  const luhnComplete = (partial: string) => {
    for (let d = 0; d < 10; d++) if (passesLuhn(partial + d)) return partial + d;
    return partial;
  };
  const verhoeffComplete = (partial: string) => {
    for (let d = 0; d < 10; d++) if (passesVerhoeff(partial + d)) return partial + d;
    return partial;
  };
  const ibanFor = (country: string, bban: string) => {
    const rearranged = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
    let rem = 0;
    for (const ch of rearranged) rem = (rem * 10 + Number(ch)) % 97;
    return `${country}${String(98 - rem).padStart(2, '0')}${bban}`;
  };
  const names = ['alice', 'bob.smith', 'c.jones+news', 'dev_ops', 'maria-garcia'];
  const domains = ['example.com', 'mail.acme.co.uk', 'corp.example.org', 'uni.edu'];
  const makers: Record<string, () => string> = {
    'pii.email': () =>
      `${names[Math.floor(random() * names.length)]}${digits(2)}@${domains[Math.floor(random() * domains.length)]}`,
    'pii.phone': () => {
      const formats = [
        () =>
          `+1 ${AREA_CODES[Math.floor(random() * AREA_CODES.length)]}-${2 + Math.floor(random() * 7)}${digits(2)}-${digits(4)}`,
        () => `(212) ${2 + Math.floor(random() * 7)}${digits(2)}-${digits(4)}`,
        () => `+44 20 7${digits(3)} ${digits(4)}`,
        () => `+49 30 ${digits(8)}`,
        () => `+33 1 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`,
      ];
      return (formats[Math.floor(random() * formats.length)] as () => string)();
    },
    'pii.credit_card': () => {
      const kind = Math.floor(random() * 3);
      if (kind === 0) return luhnComplete(`4${digits(14)}`).replace(/(\d{4})(?=\d)/g, '$1 ');
      if (kind === 1) return luhnComplete(`5${1 + Math.floor(random() * 5)}${digits(13)}`);
      return luhnComplete(`37${digits(12)}`);
    },
    'pii.iban': () =>
      random() < 0.5
        ? ibanFor('DE', digits(18)).replace(/(.{4})(?=.)/g, '$1 ')
        : ibanFor('GB', `WEST${digits(14)}`),
    'pii.us_ssn': () =>
      `${String(1 + Math.floor(random() * 664)).padStart(3, '0')}-${String(1 + Math.floor(random() * 98)).padStart(2, '0')}-${String(1 + Math.floor(random() * 9998)).padStart(4, '0')}`,
    'pii.ip_address': () =>
      random() < 0.6
        ? `${10 + Math.floor(random() * 200)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${1 + Math.floor(random() * 254)}`
        : `2001:db8:${Math.floor(random() * 65535).toString(16)}::${Math.floor(random() * 65535).toString(16)}`,
    'pii.uk_nino': () =>
      `${'ACEHJ'[Math.floor(random() * 5)]}${'BEHJ'[Math.floor(random() * 4)]} ${digits(2)} ${digits(2)} ${digits(2)} ${'ABCD'[Math.floor(random() * 4)]}`,
    'pii.in_aadhaar': () => {
      const n = verhoeffComplete(`${2 + Math.floor(random() * 8)}${digits(10)}`);
      return `${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}`;
    },
    'pii.es_dni': () => {
      const n = 10000000 + Math.floor(random() * 89999999);
      return `${n}${dniLetter(n)}`;
    },
  };
  makers['pii.de_steuer_id'] = () => {
    // Ten digits with exactly one repeated (twice, not adjacent three), first not 0, then the check digit.
    for (;;) {
      const pool = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].sort(() => random() - 0.5).slice(0, 9);
      pool.push(pool[Math.floor(random() * 9)] as number);
      pool.sort(() => random() - 0.5);
      const head = pool.join('');
      if (head.startsWith('0')) continue;
      for (let d = 0; d < 10; d++) if (isValidSteuerId(head + d)) return head + d;
    }
  };
  const sentences = [
    (v: string) => `Please contact me at ${v} tomorrow.`,
    (v: string) => `Customer record: ${v}\nStatus: active`,
    (v: string) => `{"value": "${v}", "verified": true}`,
  ];
  const samples: LabelledSample[] = [];
  for (const [type, make] of Object.entries(makers)) {
    for (let i = 0; i < perType; i++) {
      const value = make();
      const text = (sentences[i % sentences.length] as (v: string) => string)(value);
      const start = text.indexOf(value);
      samples.push({ text, spans: [{ type, start, end: start + value.length }] });
    }
  }
  samples.push({
    text: 'Steuer-ID: 86095742719',
    spans: [{ type: 'pii.de_steuer_id', start: 11, end: 22 }],
  });
  return samples;
}

/** Texts that must produce no PII finding. */
export const PII_HARD_NEGATIVES: readonly string[] = [
  'Upgrade to version 1.2.3 or v2.10.4.1 today.',
  'Build finished at 2024-01-15 12:30:45 (took 00:01:23).',
  'Order number 123456789012 shipped; invoice INV-2024-000123.',
  'git clone git@github.com:acme/widgets.git',
  'Retina asset icon@2x.png and package lodash@4.17.21.',
  'Card 4111 1111 1111 1112 failed the check.',
  'IBAN DE89 3704 0044 0532 0130 01 has a typo.',
  'SSN 000-12-3456 and 666-45-6789 and 912-34-5678 are never issued.',
  'Pi is 3.14159265358979 and e is 2.718281828.',
  'Timestamp 1700000000000 and epoch 1700000000.',
  'C++ uses std::vector and a::b; MAC 00:1A:2B:3C:4D:5E.',
  'Ticket #4155552671 was closed.',
  'Score 999.999.999.999 is not an address.',
  'Answers: 4 4 2 3 3 2 3 3 3 4 4 4 7 7 6 7 are the labels.',
  'Draws: 35 2 5 9 29 32 9 15 27 41 44 8 17 21 23 47 7 16 36 42 43',
  'S   3      0            113803  53.1000  C123',
  'GC: [PSYoungGen: 25027062K->3360979K(24336896K)] 72556451K->5',
];

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PACING_JITTER, PAYMENT_PROVIDERS } from '@chapar/domain';
import { z } from 'zod';

/** The repository root, so defaults work whatever directory the server is started from. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const zInt = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const zBool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const zDatabaseUrl = z.string().refine((v) => /^mysql:\/\/[^/]+\/[A-Za-z0-9_$-]{1,64}(\?.*)?$/.test(v), {
  message: 'must look like mysql://user:password@host:3306/database',
});

const envSchema = z.object({
  DATABASE_URL: zDatabaseUrl.default('mysql://root@127.0.0.1:3306/chapar'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: zInt(0, 65535).default(3000),
  /** Where linked WhatsApp logins, the sandbox outbox and uploads live. */
  DATA_DIR: z.string().min(1).default(path.join(REPO_ROOT, '.data')),
  /** The built SPA; the server answers API-only when it is missing. */
  WEB_DIST: z.string().min(1).default(path.join(REPO_ROOT, 'apps/web/dist')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Honour X-Forwarded-Proto/For from a reverse proxy (https → Secure cookies). */
  TRUST_PROXY: zBool.default(false),
  SESSION_DAYS: zInt(1, 365).default(30),
  TRIAL_DAYS: zInt(0, 3650).default(7),
  TRIAL_MESSAGES: zInt(0, 1_000_000).default(100),
  /** Recipient files: largest upload and most data rows accepted. */
  IMPORT_MAX_BYTES: zInt(1024, 1024 * 1024 * 1024).default(50 * 1024 * 1024),
  IMPORT_MAX_ROWS: zInt(1, 10_000_000).default(1_000_000),
  CHROME_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /**
   * The WhatsApp Web version the real driver loads (e.g. 2.3000.1023204157-alpha); unset:
   * whatever web.whatsapp.com serves. The way out when a WhatsApp Web update breaks
   * whatsapp-web.js (README, "When WhatsApp Web breaks the driver").
   */
  WWEBJS_WEB_VERSION: z
    .string()
    .regex(/^[\w.-]{3,60}$/, 'must be a version such as 2.3000.1023204157-alpha')
    .optional(),
  /** Where that version's page comes from: none (live), local (saved under DATA_DIR/wwebjs/web-cache), remote. */
  WWEBJS_WEB_CACHE: z
    .enum(['none', 'local', 'remote'], { error: 'must be none, local or remote' })
    .default('none'),
  /** For WWEBJS_WEB_CACHE=remote: a URL with {version}, e.g. a wa-version repository's raw HTML files. */
  WWEBJS_WEB_CACHE_REMOTE_PATH: z
    .string()
    .refine((v) => /^https?:\/\/\S+$/.test(v), 'must be a URL such as https://example.org/{version}.html')
    .optional(),
  /** Chromium instances (real WhatsApp accounts) per process: about 300 MB each. */
  MAX_BROWSERS: zInt(0, 200).default(4),
  /**
   * `all`: one process does everything (no Redis needed). `api`: HTTP, WebSocket, SPA only.
   * `worker`: WhatsApp sessions and the engine for the accounts it leases.
   */
  CHAPAR_ROLE: z.enum(['all', 'api', 'worker'], { error: 'must be all, api or worker' }).default('all'),
  /** Events and wake-ups between processes; required for the api and worker roles. */
  REDIS_URL: z
    .string()
    .refine((v) => /^rediss?:\/\/.+/.test(v), { message: 'must look like redis://host:6379' })
    .optional(),
  /** Namespaces every Redis key and channel, so deployments (and test runs) share one Redis. */
  REDIS_PREFIX: z.string().min(1).max(64).default('chapar:'),
  /** Accounts (sandbox included) one worker leases at most. */
  MAX_ACCOUNTS: zInt(0, 100_000).default(1000),
  /** This worker's name in the lease table: unique per process; a restart under it takes its leases back at once. */
  WORKER_ID: z.string().min(1).max(128).optional(),
  /** A lease lasts this long without renewal; a killed worker's accounts move after it. */
  LEASE_SECONDS: zInt(6, 600).default(25),
  /**
   * Where real accounts' WhatsApp logins live between sessions: `local` (the profile under
   * DATA_DIR; one machine, or a DATA_DIR shared by every worker) or `mysql` (archived in the
   * database, restored by whichever worker takes the account).
   */
  LOGIN_STORE: z.enum(['local', 'mysql'], { error: 'must be local or mysql' }).default('local'),
  /** LOGIN_STORE=mysql: minutes between two backups of a linked login (also after READY and on close). */
  LOGIN_BACKUP_MINUTES: zInt(1, 1440).default(10),
  /** Logins younger than this send at half speed and half the daily cap. */
  WARMUP_DAYS: zInt(0, 60).default(3),
  /** Replies that opt the sender out, comma-separated, compared whole and case-insensitively. */
  OPT_OUT_WORDS: z
    .string()
    .default('stop,unsubscribe,لغو,لغو عضویت,انصراف')
    .transform((v) =>
      v
        .split(',')
        .map((w) => w.trim())
        .filter(Boolean),
    ),
  /** Sandbox: E.164 numbers it treats as not on WhatsApp (comma-separated). */
  SANDBOX_UNREGISTERED_NUMBERS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((w) => w.trim())
        .filter(Boolean),
    ),
  /** Sandbox (test-mode) driver: how it imitates WhatsApp. */
  SANDBOX_LINK_DELAY_MS: zInt(0, 60_000).default(1500),
  SANDBOX_SEND_LATENCY_MS: zInt(0, 60_000).default(150),
  SANDBOX_DELIVERY_DELAY_MS: zInt(0, 600_000).default(1000),
  SANDBOX_READ_DELAY_MS: zInt(0, 600_000).default(3000),
  SANDBOX_FAILURE_RATE: z.coerce
    .number({ error: 'must be a number from 0 to 1' })
    .min(0, 'must be a number from 0 to 1')
    .max(1, 'must be a number from 0 to 1')
    .default(0),
  /**
   * Tests and benchmarks only: the engine's clock runs this many times faster than real
   * time (intervals, pauses, schedules). Never set it for real sending. Each process scales
   * from its own start, so it is meant for one process (role `all`): processes of a cluster
   * would disagree about the time.
   */
  ENGINE_TIME_SCALE: z.coerce
    .number({ error: 'must be a number from 1 to 100000' })
    .min(1, 'must be a number from 1 to 100000')
    .max(100_000, 'must be a number from 1 to 100000')
    .default(1),
  /** Webhooks may reach private and loopback addresses (tests; receivers on the installation's own network). */
  WEBHOOK_ALLOW_PRIVATE: zBool.default(false),
  /** Seconds before a failed webhook delivery's first retry (10); the later ones and the day-long window scale with it. */
  WEBHOOK_RETRY_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds from 0.0001 to 3600' })
    .min(0.0001, 'must be a number of seconds from 0.0001 to 3600')
    .max(3600, 'must be a number of seconds from 0.0001 to 3600')
    .default(10),
  /** Rate limits: sign-ins per IP per minute, failed sign-ins per account per 15 minutes, */
  /** sign-ups per IP per hour, requests with a wrong API key per IP per 15 minutes. */
  RATE_LIMIT_LOGIN_PER_IP: zInt(1, 1_000_000).default(20),
  RATE_LIMIT_LOGIN_FAILURES: zInt(1, 1_000_000).default(5),
  RATE_LIMIT_REGISTER_PER_IP: zInt(1, 1_000_000).default(5),
  RATE_LIMIT_API_KEY_FAILURES: zInt(1, 1_000_000).default(20),
  /** One-time codes: codes sent per phone/email per hour, and per IP per hour. */
  RATE_LIMIT_OTP_PER_TARGET: zInt(1, 1_000_000).default(5),
  RATE_LIMIT_OTP_PER_IP: zInt(1, 1_000_000).default(20),
  /** One-time codes: minutes a code lives, wrong guesses allowed, seconds between two codes. */
  OTP_TTL_MINUTES: zInt(1, 60).default(10),
  OTP_MAX_ATTEMPTS: zInt(1, 20).default(5),
  OTP_RESEND_SECONDS: zInt(0, 3600).default(60),
  /** Campaigns start only once the owner's phone is verified. Off: scripts register and send at once. */
  REQUIRE_VERIFIED_PHONE: zBool.default(false),
  /** Where the server is reached from a browser; the payment gateway sends users back here. */
  PUBLIC_URL: z.url({ error: 'must be a URL such as https://chapar.example.com' }).optional(),
  /** Payment providers offered at checkout, comma-separated: zarinpal, manual. */
  PAYMENT_PROVIDERS: z
    .string()
    .default('manual')
    .transform((v) =>
      v
        .split(',')
        .map((w) => w.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(PAYMENT_PROVIDERS, { error: 'must list zarinpal and/or manual' }))),
  /** Package prices are in this currency: IRT (toman) or IRR (rial); ZarinPal is told the same. */
  PAYMENT_CURRENCY: z.enum(['IRT', 'IRR'], { error: 'must be IRT or IRR' }).default('IRT'),
  ZARINPAL_MERCHANT_ID: z
    .string()
    .regex(/^[0-9a-fA-F-]{36}$/, 'must be the 36-character merchant id from the ZarinPal panel')
    .optional(),
  /** Use ZarinPal's sandbox (test payments, no money moves). */
  ZARINPAL_SANDBOX: zBool.default(false),
  /** Override the API/gateway host (tests point it at a local stand-in). */
  ZARINPAL_BASE_URL: z.url({ error: 'must be a URL' }).optional(),
  /** Bank transfer instructions shown to users who pay by manual transfer. */
  MANUAL_PAYMENT_INSTRUCTIONS: z.string().max(2000).default(''),
  /** How one-time codes reach phones: kavenegar, log (development: the server log), or none. */
  SMS_PROVIDER: z
    .enum(['none', 'kavenegar', 'log'], { error: 'must be none, kavenegar or log' })
    .default('none'),
  KAVENEGAR_API_KEY: z.string().min(10, 'must be the API key from the Kavenegar panel').optional(),
  /** Sender line for sms/send.json; or use KAVENEGAR_OTP_TEMPLATE (verify/lookup.json). */
  KAVENEGAR_SENDER: z
    .string()
    .regex(/^\d{4,20}$/, 'must be a sender line number')
    .optional(),
  KAVENEGAR_OTP_TEMPLATE: z.string().min(1).max(100).optional(),
  KAVENEGAR_BASE_URL: z.url({ error: 'must be a URL' }).default('https://api.kavenegar.com'),
  /** How mail goes out: smtp, log (development: the server log), or none. */
  EMAIL_PROVIDER: z.enum(['none', 'smtp', 'log'], { error: 'must be none, smtp or log' }).default('none'),
  /** smtp://user:pass@host:587 or smtps://user:pass@host:465 */
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/[^/]+/.test(v), 'must look like smtp://user:password@host:587')
    .optional(),
  SMTP_FROM: z.string().min(3, 'must be an address such as "Chapar <no-reply@example.com>"').optional(),
  /** Seconds between two runs of the billing sweep (usage/expiry warnings, expired subscriptions). */
  BILLING_SWEEP_SECONDS: zInt(1, 86_400).default(60),
  /** Gap between a campaign's sends is the interval × (1 + up to this): never below it, never a fixed beat. */
  PACING_JITTER: z.coerce
    .number({ error: 'must be a number from 0 to 0.9' })
    .min(0, 'must be a number from 0 to 0.9')
    .max(0.9, 'must be a number from 0 to 0.9')
    .default(DEFAULT_PACING_JITTER),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/** Reads the configuration; every bad variable is named with what it should be. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(defined);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      return `  ${key}=${JSON.stringify(env[key] ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = result.data;
  const missing = missingProviderSettings(config);
  if (config.CHAPAR_ROLE !== 'all' && !config.REDIS_URL) {
    missing.push(
      `REDIS_URL is missing: CHAPAR_ROLE=${config.CHAPAR_ROLE} shares events and wake-ups with the other processes over Redis`,
    );
  }
  if (missing.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${missing.map((line) => `  ${line}`).join('\n')}`);
  }
  return { ...config, DATA_DIR: path.resolve(config.DATA_DIR), WEB_DIST: path.resolve(config.WEB_DIST) };
}

/**
 * A provider switched on without what it needs would fail at the first payment or code,
 * in front of a user; the server refuses to start instead, naming the variable.
 */
function missingProviderSettings(config: Config): string[] {
  const missing: string[] = [];
  const need = (ok: unknown, variable: string, why: string) => {
    if (!ok) missing.push(`${variable} is missing: ${why}`);
  };
  if (config.PAYMENT_PROVIDERS.includes('zarinpal')) {
    need(config.ZARINPAL_MERCHANT_ID, 'ZARINPAL_MERCHANT_ID', 'PAYMENT_PROVIDERS includes zarinpal');
    need(config.PUBLIC_URL, 'PUBLIC_URL', 'ZarinPal sends the payer back to it');
  }
  if (config.SMS_PROVIDER === 'kavenegar') {
    need(config.KAVENEGAR_API_KEY, 'KAVENEGAR_API_KEY', 'SMS_PROVIDER is kavenegar');
    need(
      config.KAVENEGAR_SENDER || config.KAVENEGAR_OTP_TEMPLATE,
      'KAVENEGAR_SENDER (or KAVENEGAR_OTP_TEMPLATE)',
      'SMS_PROVIDER is kavenegar',
    );
  }
  if (config.WWEBJS_WEB_CACHE === 'remote') {
    need(config.WWEBJS_WEB_CACHE_REMOTE_PATH, 'WWEBJS_WEB_CACHE_REMOTE_PATH', 'WWEBJS_WEB_CACHE is remote');
  }
  if (config.EMAIL_PROVIDER === 'smtp') {
    need(config.SMTP_URL, 'SMTP_URL', 'EMAIL_PROVIDER is smtp');
    need(config.SMTP_FROM, 'SMTP_FROM', 'EMAIL_PROVIDER is smtp');
  }
  return missing;
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
  /** Chromium instances (real WhatsApp accounts) per process: about 300 MB each. */
  MAX_BROWSERS: zInt(0, 200).default(4),
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
   * time (intervals, pauses, schedules). Never set it for real sending.
   */
  ENGINE_TIME_SCALE: z.coerce
    .number({ error: 'must be a number from 1 to 100000' })
    .min(1, 'must be a number from 1 to 100000')
    .max(100_000, 'must be a number from 1 to 100000')
    .default(1),
  /** Rate limits: sign-ins per IP per minute, failed sign-ins per account per 15 minutes, */
  /** sign-ups per IP per hour, requests with a wrong API key per IP per 15 minutes. */
  RATE_LIMIT_LOGIN_PER_IP: zInt(1, 1_000_000).default(20),
  RATE_LIMIT_LOGIN_FAILURES: zInt(1, 1_000_000).default(5),
  RATE_LIMIT_REGISTER_PER_IP: zInt(1, 1_000_000).default(5),
  RATE_LIMIT_API_KEY_FAILURES: zInt(1, 1_000_000).default(20),
  /** Gap between a campaign's sends is the interval × (1 ± this), never a fixed beat. */
  PACING_JITTER: z.coerce
    .number({ error: 'must be a number from 0 to 0.9' })
    .min(0, 'must be a number from 0 to 0.9')
    .max(0.9, 'must be a number from 0 to 0.9')
    .default(0.3),
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
  return { ...config, DATA_DIR: path.resolve(config.DATA_DIR), WEB_DIST: path.resolve(config.WEB_DIST) };
}

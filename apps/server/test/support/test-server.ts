import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createChaparClient } from '@chapar/client';
import { type App, createApp } from '../../src/app';
import type { Clock } from '../../src/engine/clock';
import { type Config, loadConfig } from '../../src/env';
import { createLogger } from '../../src/logger';
import { createTestDatabase } from './database';

export interface TestServer {
  url: string;
  app: App;
  config: Config;
  databaseUrl: string;
  dataDir: string;
  /** A typed client, signed in with `token` when given. */
  client(token?: string): ReturnType<typeof createChaparClient>;
  /** Stops the app gracefully, keeping database and data dir (for restart tests). */
  stop(): Promise<void>;
  /** Stops and deletes everything it created. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface TestServerOptions {
  /** Environment overrides (strings, as in real life). */
  env?: Record<string, string>;
  clock?: Clock;
  /** First automatic reconnect delay after a dropped session (short in tests). */
  reconnectBaseMs?: number;
  /** Reuse a database / data dir (restart after a stop). */
  databaseUrl?: string;
  dataDir?: string;
}

/**
 * A real server on a random port: its own migrated database, its own data dir, the
 * built SPA if present, quick sandbox timings. Everything it created is removed by close().
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = options.databaseUrl ? null : await createTestDatabase();
  const databaseUrl = options.databaseUrl ?? database!.url;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'chapar-test-')));
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SANDBOX_LINK_DELAY_MS: '300',
    SANDBOX_SEND_LATENCY_MS: '5',
    SANDBOX_DELIVERY_DELAY_MS: '20',
    SANDBOX_READ_DELAY_MS: '40',
    // Every test signs in and up from 127.0.0.1; tests of the limits lower them again.
    RATE_LIMIT_LOGIN_PER_IP: '100000',
    RATE_LIMIT_LOGIN_FAILURES: '100000',
    RATE_LIMIT_REGISTER_PER_IP: '100000',
    RATE_LIMIT_API_KEY_FAILURES: '100000',
    RATE_LIMIT_OTP_PER_TARGET: '100000',
    RATE_LIMIT_OTP_PER_IP: '100000',
    ...options.env,
  });
  const app = await createApp(
    config,
    createLogger(config.LOG_LEVEL),
    options.clock ? { clock: options.clock } : {},
  );
  const url = await app.start();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.stop();
  };
  const close = async () => {
    await stop();
    if (database) await database.drop();
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  return {
    url,
    app,
    config,
    databaseUrl,
    dataDir,
    client: (token) => createChaparClient({ url, ...(token ? { token } : {}) }),
    stop,
    close,
    [Symbol.asyncDispose]: close,
  };
}

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Ports } from '@chapar/api';
import { createDatabase, migrateDatabase } from '@chapar/db';
import { createApiKeysPort } from './auth/api-keys';
import { createAuthPort, createLucia } from './auth/lucia';
import { type Clock, ScaledClock, systemClock } from './engine/clock';
import { CampaignEngine } from './engine/engine';
import type { Config } from './env';
import { InProcessEventBus } from './events/event-bus';
import { RedisEventBus } from './events/redis-bus';
import { createContextFactory } from './http/context';
import { createHttpServer } from './http/server';
import type { AppLogger } from './logger';
import { createReadiness } from './observability/health';
import { createMetricsSource } from './observability/metrics';
import { createRateLimits } from './observability/rate-limits';
import { createSystemPort } from './observability/system';
import { createMailer, createPaymentGateway, createSmsSender } from './providers';
import { createAccountsPort } from './repositories/accounts';
import { createAdminReportsPort } from './repositories/admin-reports';
import { createAuditLogPort } from './repositories/audit-log';
import { createCampaignsPort } from './repositories/campaigns';
import { createDashboardPort } from './repositories/dashboard';
import { createPackagesPort } from './repositories/packages';
import { createStatsPort } from './repositories/stats';
import { createSubscriptionsPort } from './repositories/subscriptions';
import { createUsersPort } from './repositories/users';
import { createBilling } from './services/billing';
import { createBillingSweep } from './services/billing-sweep';
import { createMediaPort } from './services/media';
import { createOptOutsPort } from './services/opt-outs';
import { resumeQuotaPaused } from './services/quota-resume';
import { createRecipientImport } from './services/recipient-import';
import { createVerification } from './services/verification';
import { createDriverFactory } from './whatsapp/driver-factory';
import { SessionManager } from './whatsapp/session-manager';

export class StartupError extends Error {}

/** The URL with its password hidden, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** The composition root: binds the API's ports to MySQL, lucia, the session manager and the engine. */
export async function createApp(
  config: Config,
  log: AppLogger,
  options: { clock?: Clock; reconnectBaseMs?: number } = {},
) {
  try {
    await migrateDatabase(config.DATABASE_URL);
  } catch (error) {
    const reason = (error as { code?: string; message?: string }).code ?? (error as Error).message;
    throw new StartupError(
      `Cannot reach or prepare the database at ${redactUrl(config.DATABASE_URL)}: ${reason}`,
    );
  }
  await mkdir(config.DATA_DIR, { recursive: true });

  const clock =
    options.clock ?? (config.ENGINE_TIME_SCALE > 1 ? new ScaledClock(config.ENGINE_TIME_SCALE) : systemClock);
  const handle = createDatabase(config.DATABASE_URL, { connectionLimit: 20 });
  const { db } = handle;
  // One process needs no Redis; with REDIS_URL every process hears every other one.
  const redisBus = config.REDIS_URL ? new RedisEventBus(config.REDIS_URL, config.REDIS_PREFIX, log) : null;
  if (redisBus) {
    // A Redis that is down at start is not fatal: sending does not need it, events resume when it is back.
    await redisBus.ready(5_000).catch((error: Error) => log.warn({ err: error }, 'starting without Redis'));
  }
  const bus = redisBus ?? new InProcessEventBus();
  const lucia = createLucia(db, config.SESSION_DAYS);
  const sessions = new SessionManager({
    db,
    bus,
    log,
    dataDir: config.DATA_DIR,
    createDriver: createDriverFactory(config, log),
    maxBrowsers: config.MAX_BROWSERS,
    ...(options.reconnectBaseMs !== undefined ? { reconnectBaseMs: options.reconnectBaseMs } : {}),
  });
  const wallClock = { now: () => new Date(clock.now()) };
  const campaignsPort = createCampaignsPort(db, bus);
  const tmpDir = path.join(config.DATA_DIR, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const rateLimits = createRateLimits(config);
  const mailer = createMailer(config, log);
  const billing = createBilling(
    db,
    {
      providers: config.PAYMENT_PROVIDERS,
      currency: config.PAYMENT_CURRENCY,
      manualInstructions: config.MANUAL_PAYMENT_INSTRUCTIONS,
      publicUrl: config.PUBLIC_URL ?? null,
      zarinpal: createPaymentGateway(config),
      dataDir: config.DATA_DIR,
      onFunded: (userId) => resumeQuotaPaused(db, campaignsPort, userId, wallClock.now()),
    },
    wallClock,
    log,
  );
  const ports: Ports = {
    users: createUsersPort(db, { days: config.TRIAL_DAYS, messages: config.TRIAL_MESSAGES }, wallClock),
    auth: createAuthPort(lucia),
    apiKeys: createApiKeysPort(db),
    accounts: createAccountsPort(db),
    whatsapp: sessions,
    campaigns: campaignsPort,
    imports: createRecipientImport(db, bus, {
      maxBytes: config.IMPORT_MAX_BYTES,
      maxRows: config.IMPORT_MAX_ROWS,
      tmpDir,
    }),
    optOuts: createOptOutsPort(db, { maxBytes: config.IMPORT_MAX_BYTES, tmpDir }),
    media: createMediaPort(db, campaignsPort, config.DATA_DIR),
    subscriptions: createSubscriptionsPort(db, wallClock),
    packages: createPackagesPort(db),
    billing: billing.port,
    verification: createVerification(
      db,
      {
        sms: createSmsSender(config, log),
        mailer,
        rateLimits,
        ttlMinutes: config.OTP_TTL_MINUTES,
        maxAttempts: config.OTP_MAX_ATTEMPTS,
        resendSeconds: config.OTP_RESEND_SECONDS,
        phoneRequiredToSend: config.REQUIRE_VERIFIED_PHONE,
      },
      wallClock,
      log,
    ),
    stats: createStatsPort(db),
    dashboard: createDashboardPort(db),
    auditLog: createAuditLogPort(db, wallClock),
    adminReports: createAdminReportsPort(db),
    // The engine is built below; the port only asks it for its last tick when called.
    system: createSystemPort({ handle, engine: () => engine, startedAt: new Date() }),
    events: bus,
    clock: wallClock,
  };
  const engine = new CampaignEngine({
    db,
    bus,
    sessions,
    log,
    clock,
    pacing: { jitter: config.PACING_JITTER, warmupDays: config.WARMUP_DAYS },
    optOutWords: config.OPT_OUT_WORDS,
    dataDir: config.DATA_DIR,
  });

  const http = createHttpServer({
    createContext: createContextFactory({
      ports,
      db,
      lucia,
      log,
      trustProxy: config.TRUST_PROXY,
      rateLimits,
    }),
    log,
    webDist: config.WEB_DIST,
    trustProxy: config.TRUST_PROXY,
    health: createReadiness({ handle, engine, accounts: ports.accounts }),
    metrics: createMetricsSource({ handle, accounts: ports.accounts }),
    completeZarinpal: billing.completeZarinpal,
    receiptFile: billing.receiptFile,
  });
  const billingSweep = createBillingSweep({
    db,
    mailer,
    campaigns: campaignsPort,
    clock: wallClock,
    log,
    intervalMs: config.BILLING_SWEEP_SECONDS * 1000,
  });

  let started = false;
  return {
    config,
    db,
    ports,
    engine,
    sessions,
    billingSweep,
    server: http.server,
    /** Listens, then restores linked accounts and starts the engine. Answers the base URL. */
    async start(): Promise<string> {
      await new Promise<void>((resolve, reject) => {
        http.server.once('error', reject);
        http.server.listen(config.PORT, config.HOST, () => resolve());
      });
      started = true;
      // The engine listens before accounts are restored, so no READY or QR is missed.
      engine.start();
      billingSweep.start();
      await sessions.restoreLinked();
      const address = http.server.address();
      const port = typeof address === 'object' && address ? address.port : config.PORT;
      return `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
    },
    /** Graceful: no new sends, the send in flight is stored, sockets told to reconnect, browsers closed. */
    async stop(): Promise<void> {
      await engine.stop();
      await billingSweep.stop();
      await http.closeSockets();
      await sessions.stop();
      if (started) {
        await new Promise<void>((resolve) => {
          http.server.close(() => resolve());
          http.server.closeAllConnections();
        });
      }
      await handle.close();
      await redisBus?.close();
    },
  };
}

export type App = Awaited<ReturnType<typeof createApp>>;

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { EventBus, Ports } from '@chapar/api';
import { createDatabase, type Database, migrateDatabase } from '@chapar/db';
import { createAuthPort, createLucia } from './auth/lucia';
import { CREDENTIALS_CHANGED_TOPIC, SocketIdentities } from './auth/socket-identities';
import { AccountCommands, WAKE_TOPIC } from './cluster/account-commands';
import { AccountOwner } from './cluster/account-owner';
import { AccountLeases, defaultWorkerId } from './cluster/leases';
import { type Clock, ScaledClock, systemClock } from './engine/clock';
import { CampaignEngine } from './engine/engine';
import { createEngineStore } from './engine/store';
import type { Config } from './env';
import { InProcessEventBus } from './events/event-bus';
import type { RedisEventBus } from './events/redis-bus';
import { createContextFactory } from './http/context';
import { createHealthServer } from './http/health-server';
import { createHttpServer } from './http/server';
import type { AppLogger } from './logger';
import { createReadiness } from './observability/health';
import { createMetricsSource } from './observability/metrics';
import { createRateLimits } from './observability/rate-limits';
import { createSystemPort } from './observability/system';
import { createMailer, createPaymentGateway, createSmsSender } from './providers';
import { createAccountsPort } from './repositories/accounts';
import { createAdminReportsPort } from './repositories/admin-reports';
import { createApiKeysPort } from './repositories/api-keys';
import { createAuditLogPort } from './repositories/audit-log';
import { createCampaignsPort } from './repositories/campaigns';
import { createClusterPort, liveHostCheck } from './repositories/cluster';
import { createDashboardPort } from './repositories/dashboard';
import { createPackagesPort } from './repositories/packages';
import { createStatsPort } from './repositories/stats';
import { createSubscriptionsPort } from './repositories/subscriptions';
import { createUsersPort } from './repositories/users';
import { createWebhooksPort } from './repositories/webhooks';
import { createBilling } from './services/billing';
import { createBillingSweep } from './services/billing-sweep';
import { createMediaPort } from './services/media';
import { createOptOutsPort } from './services/opt-outs';
import { resumeQuotaPaused } from './services/quota-resume';
import { createRecipientImport } from './services/recipient-import';
import { createVerification } from './services/verification';
import { WebhookDispatcher } from './webhooks/dispatcher';
import { retryPolicy } from './webhooks/retry-policy';
import { createDriverFactory } from './whatsapp/driver-factory';
import { createLoginStore } from './whatsapp/login-store/create';
import { SessionManager } from './whatsapp/session-manager';
import { mysqlLidStorage } from './whatsapp/wwebjs/lids';

export class StartupError extends Error {}

/** How often open WebSockets' credentials are re-read (besides at once on a local or published change). */
const SOCKET_RECHECK_MS = 2_000;

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
  // ioredis is loaded only when it is used.
  const redisBus: RedisEventBus | null = config.REDIS_URL
    ? new (await import('./events/redis-bus')).RedisEventBus(config.REDIS_URL, config.REDIS_PREFIX, log)
    : null;
  if (redisBus) {
    // A Redis that is down at start is not fatal: sending does not need it, events resume when it is back.
    await redisBus.ready(5_000).catch((error: Error) => log.warn({ err: error }, 'starting without Redis'));
  }
  const bus = redisBus ?? new InProcessEventBus();
  const lucia = createLucia(db, config.SESSION_DAYS);
  // DESIGN.md, "Scale-out": `api` serves people, `worker` runs sessions and sends, `all` both.
  const role = config.CHAPAR_ROLE;
  const sends = role !== 'api';
  const servesUsers = role !== 'worker';
  const workerId = config.WORKER_ID ?? defaultWorkerId(config.PORT, config.DATA_DIR);
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
  const commands = new AccountCommands({ db, bus });
  // Every API process re-checks its sockets when any of them ends a session or revokes a key.
  const credentialsChanged = () => bus.publish(CREDENTIALS_CHANGED_TOPIC, {});
  const sockets = new SocketIdentities({ db, bus, log, intervalMs: SOCKET_RECHECK_MS });
  // Every role delivers webhooks: the outbox claim lets any number of processes share it.
  const webhookDispatcher = new WebhookDispatcher({
    db,
    log,
    policy: retryPolicy(config.WEBHOOK_RETRY_SECONDS),
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
  });
  const ports: Ports = {
    users: createUsersPort(db, { days: config.TRIAL_DAYS, messages: config.TRIAL_MESSAGES }, wallClock),
    auth: createAuthPort(lucia, credentialsChanged),
    apiKeys: createApiKeysPort(db, credentialsChanged),
    accounts: createAccountsPort(db),
    whatsapp: commands,
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
    auditLog: createAuditLogPort(db),
    adminReports: createAdminReportsPort(db),
    // The engine is built below; the port only asks it for its last tick when called.
    system: createSystemPort({
      handle,
      engine: () => sending?.engine ?? { lastTick: 0 },
      startedAt: new Date(),
    }),
    cluster: createClusterPort(db, { leaseSeconds: config.LEASE_SECONDS }),
    webhooks: createWebhooksPort(db, {
      allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
      dispatcher: webhookDispatcher,
    }),
    events: bus,
    clock: wallClock,
  };
  // Where one process serves people and sends, the sending side has a pool of its own: an
  // API call never waits for a connection behind an engine running flat out.
  const sendingHandle =
    sends && servesUsers ? createDatabase(config.DATABASE_URL, { connectionLimit: 20 }) : handle;
  const sending = sends
    ? createSending({
        config,
        db: sendingHandle.db,
        bus,
        log,
        clock,
        workerId,
        reconnectBaseMs: options.reconnectBaseMs,
      })
    : null;
  // Wake-ups (a command, an account handed back) run a lease round at once instead of at the next beat.
  const stopWaking = sending ? bus.subscribe(WAKE_TOPIC, () => sending.leases.wake()) : () => {};

  const readiness = createReadiness({
    handle,
    accounts: ports.accounts,
    ...(sending ? { engine: sending.engine, leases: sending.leases } : {}),
    ...(redisBus ? { redis: redisBus } : {}),
  });
  const metricsSource = createMetricsSource({ handle, accounts: ports.accounts });
  const http = servesUsers
    ? createHttpServer({
        createContext: createContextFactory({
          ports,
          db,
          lucia,
          log,
          trustProxy: config.TRUST_PROXY,
          rateLimits,
          sockets,
        }),
        log,
        webDist: config.WEB_DIST,
        trustProxy: config.TRUST_PROXY,
        health: readiness,
        metrics: metricsSource,
        completeZarinpal: billing.completeZarinpal,
        receiptFile: billing.receiptFile,
      })
    : createHealthServer({ log, health: readiness, metrics: metricsSource });
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
    /** The pools: `api` for requests, `sending` for sessions and engine (the same one unless role `all`). */
    databases: { api: handle, sending: sendingHandle },
    ports,
    role,
    workerId,
    /** The sending side (engine, sessions, leases); null on an `api` process. */
    sending,
    get engine() {
      if (!sending) throw new Error(`CHAPAR_ROLE=${role} runs no engine`);
      return sending.engine;
    },
    get sessions() {
      if (!sending) throw new Error(`CHAPAR_ROLE=${role} runs no WhatsApp sessions`);
      return sending.sessions;
    },
    billingSweep,
    server: http.server,
    /** Listens, then starts the engine and takes account leases. Answers the base URL. */
    async start(): Promise<string> {
      await new Promise<void>((resolve, reject) => {
        http.server.once('error', reject);
        http.server.listen(config.PORT, config.HOST, () => resolve());
      });
      started = true;
      if (servesUsers) {
        billingSweep.start();
        sockets.start();
      }
      // The engine listens before any account is opened, so no READY or QR is missed.
      await sending?.start();
      webhookDispatcher.start();
      const address = http.server.address();
      const port = typeof address === 'object' && address ? address.port : config.PORT;
      return `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
    },
    /**
     * Graceful: no new sends, the send in flight is stored, sockets told to reconnect,
     * browsers closed, and the leases handed back so another worker takes over at once.
     */
    async stop(): Promise<void> {
      stopWaking();
      await sending?.stop();
      await webhookDispatcher.stop();
      await billingSweep.stop();
      sockets.stop();
      await http.closeSockets();
      if (started) {
        await new Promise<void>((resolve) => {
          http.server.close(() => resolve());
          http.server.closeAllConnections();
        });
      }
      await handle.close();
      if (sendingHandle !== handle) await sendingHandle.close();
      await redisBus?.close();
    },
  };
}

export type App = Awaited<ReturnType<typeof createApp>>;

/**
 * The sending side of a process: the sessions, the engine, and the leases that decide
 * which accounts they run (DESIGN.md, "Scale-out").
 */
function createSending(o: {
  config: Config;
  db: Database;
  bus: EventBus;
  log: AppLogger;
  clock: Clock;
  workerId: string;
  reconnectBaseMs: number | undefined;
}) {
  const { config, db, bus, log, workerId } = o;
  // Lazily: the leases are built below, and a backup runs only once they hold the account.
  const loginStore = createLoginStore({ config, db, workerId, fence: (id) => leases.fence(id) });
  const sessions = new SessionManager({
    db,
    bus,
    log,
    dataDir: config.DATA_DIR,
    workerId,
    createDriver: createDriverFactory(config, log, workerId, {
      loginStore,
      hostIsLive: liveHostCheck(db, config.LEASE_SECONDS),
      lidStorage: (accountId) => mysqlLidStorage(db, accountId),
    }),
    loginStore,
    maxBrowsers: config.MAX_BROWSERS,
    ...(o.reconnectBaseMs !== undefined ? { reconnectBaseMs: o.reconnectBaseMs } : {}),
  });
  const owner: AccountOwner = new AccountOwner({
    db,
    log,
    workerId,
    sessions,
    release: (id) => leases.release(id).then(() => bus.publish(WAKE_TOPIC, { released: id })),
    adopted: (lease) => engine.adopt(lease),
  });
  const leases: AccountLeases = new AccountLeases({
    db,
    log,
    workerId,
    role: config.CHAPAR_ROLE,
    ttlSeconds: config.LEASE_SECONDS,
    maxAccounts: config.MAX_ACCOUNTS,
    browsers: () => sessions.browserCount,
    onAcquired: (lease) => owner.acquired(lease),
    onLost: (id) => owner.lost(id),
    onRound: () => owner.round(),
  });
  const engine = new CampaignEngine({
    store: createEngineStore(db, bus),
    bus,
    sessions,
    log,
    clock: o.clock,
    pacing: { jitter: config.PACING_JITTER, warmupDays: config.WARMUP_DAYS },
    optOutWords: config.OPT_OUT_WORDS,
    dataDir: config.DATA_DIR,
    leases,
  });
  return {
    sessions,
    engine,
    leases,
    async start() {
      engine.start();
      // The first round has taken (and begun restoring) this worker's accounts when start answers.
      await leases.start();
    },
    async stop() {
      await engine.stop();
      await sessions.stop();
      await leases.stop();
      // The others take the accounts now rather than at their next round.
      bus.publish(WAKE_TOPIC, { released: 'all' });
    },
  };
}

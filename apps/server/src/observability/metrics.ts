import type { AccountsPort } from '@chapar/api';
import type { DatabaseHandle } from '@chapar/db';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { runningCampaignCount } from '../repositories/stats';

/**
 * Prometheus metrics of this process, served on `/metrics`. One registry per process:
 * counters and histograms are process-wide; the gauges read from the database are filled
 * in by the app being scraped, just before each scrape.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const trpcDuration = new Histogram({
  name: 'chapar_trpc_request_duration_seconds',
  help: 'tRPC procedure calls (HTTP and WebSocket) by procedure path, type and outcome code (OK or the error code)',
  labelNames: ['path', 'type', 'code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

const httpDuration = new Histogram({
  name: 'chapar_http_request_duration_seconds',
  help: 'HTTP requests by route (trpc, export, static, healthz, readyz, metrics, other), method and status',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

const messages = new Counter({
  name: 'chapar_messages_total',
  help: 'Campaign messages by outcome: sent, failed or skipped (not on WhatsApp or opted out)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

const engineLag = new Histogram({
  name: 'chapar_engine_lag_seconds',
  help: 'How late a send started compared with the time its pacing scheduled it for',
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [registry],
});

const runningCampaigns = new Gauge({
  name: 'chapar_campaigns_running',
  help: 'Campaigns in the RUNNING state',
  registers: [registry],
});

const accountsByStatus = new Gauge({
  name: 'chapar_whatsapp_accounts',
  help: 'WhatsApp accounts by status',
  labelNames: ['status'] as const,
  registers: [registry],
});

const poolConnections = new Gauge({
  name: 'chapar_db_pool_connections',
  help: 'Database pool connections: open (all), idle (free), in use, and requests waiting for one',
  labelNames: ['state'] as const,
  registers: [registry],
});

const scrapeErrors = new Counter({
  name: 'chapar_metrics_collect_errors_total',
  help: 'Scrapes whose database-backed gauges could not be read',
  registers: [registry],
});

const leaseRenewals = new Counter({
  name: 'chapar_lease_renewals_total',
  help: 'Account leases this worker renewed (one heartbeat renews all it holds in one UPDATE)',
  registers: [registry],
});

const leaseRounds = new Counter({
  name: 'chapar_lease_rounds_total',
  help: 'Heartbeat rounds of this worker by outcome (ok, failed)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

for (const outcome of ['sent', 'failed', 'skipped'] as const) messages.inc({ outcome }, 0);

export type MessageOutcome = 'sent' | 'failed' | 'skipped';

/** What the engine and the HTTP layer report. */
export const metrics = {
  /** One campaign message reached its outcome. */
  messageOutcome(outcome: MessageOutcome): void {
    messages.inc({ outcome });
  },
  /** A send started `ms` after the time it was scheduled for (negative counts as 0). */
  engineLag(ms: number): void {
    if (Number.isFinite(ms)) engineLag.observe(Math.max(0, ms) / 1000);
  },
  /** A heartbeat round ended; `renewed` leases were extended by it. */
  leaseRound(ok: boolean, renewed: number): void {
    leaseRounds.inc({ outcome: ok ? 'ok' : 'failed' });
    if (ok) leaseRenewals.inc(renewed);
  },
  procedureDone(call: { path: string; type: string; code: string; durationMs: number }): void {
    trpcDuration.observe({ path: call.path, type: call.type, code: call.code }, call.durationMs / 1000);
  },
  httpDone(route: string, method: string, status: number, durationMs: number): void {
    httpDuration.observe({ route, method, status: String(status) }, durationMs / 1000);
  },
};

/** Shorthand for the engine: how late a send started compared with its schedule. */
export const observeEngineLag = (ms: number) => metrics.engineLag(ms);

/** Sizes of mysql2's pool, read from its internals defensively (absent fields are skipped). */
export function poolStats(pool: unknown): { all?: number; free?: number; waiting?: number } {
  const core = (pool as { pool?: unknown } | null)?.pool ?? pool;
  const size = (field: string) => {
    const value = (core as Record<string, { length?: unknown } | undefined> | null)?.[field]?.length;
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  };
  const stats: { all?: number; free?: number; waiting?: number } = {};
  const all = size('_allConnections');
  const free = size('_freeConnections');
  const waiting = size('_connectionQueue');
  if (all !== undefined) stats.all = all;
  if (free !== undefined) stats.free = free;
  if (waiting !== undefined) stats.waiting = waiting;
  return stats;
}

export interface MetricsSource {
  /** The Prometheus text exposition, with the database gauges read just now. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

/** Two cheap queries per scrape (a COUNT on an indexed status, a GROUP BY over accounts). */
export function createMetricsSource(deps: {
  handle: DatabaseHandle;
  accounts: Pick<AccountsPort, 'countByStatus'>;
}): MetricsSource {
  return {
    async scrape() {
      const pool = poolStats(deps.handle.pool);
      if (pool.all !== undefined) poolConnections.set({ state: 'all' }, pool.all);
      if (pool.free !== undefined) poolConnections.set({ state: 'free' }, pool.free);
      if (pool.all !== undefined && pool.free !== undefined)
        poolConnections.set({ state: 'in_use' }, pool.all - pool.free);
      if (pool.waiting !== undefined) poolConnections.set({ state: 'waiting' }, pool.waiting);
      try {
        const [running, byStatus] = await withTimeout(
          Promise.all([runningCampaignCount(deps.handle.db), deps.accounts.countByStatus()]),
          2_000,
        );
        runningCampaigns.set(running);
        for (const [status, n] of Object.entries(byStatus)) accountsByStatus.set({ status }, n);
      } catch {
        // The process metrics are still worth serving when the database is away.
        scrapeErrors.inc();
      }
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/** Rejects after `ms` so a database that hangs cannot hang a probe or a scrape. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

import type { AccountsPort } from '@chapar/api';
import { type DatabaseHandle, pendingMigrationCount } from '@chapar/db';
import { withTimeout } from './metrics';

export interface Readiness {
  ok: boolean;
  /** The names of the checks that failed, e.g. `["database"]`. */
  failing: string[];
  checks: Record<string, unknown>;
}

/** An engine that has not ticked for this long is stuck (it ticks every second). */
export const ENGINE_STALE_MS = 10_000;
export const DB_TIMEOUT_MS = 2_000;

export const reason = (error: unknown) =>
  (error as { code?: string }).code
    ? `${(error as { code: string }).code}: ${(error as Error).message}`
    : (error as Error).message;

/**
 * `/readyz`, by role (DESIGN.md, "Scale-out"): the database answers (a query on a real
 * table, so a dropped database counts) and no migration is pending; with Redis, Redis is
 * connected; a process that sends also needs its engine ticking and its leases renewed
 * lately, and lists the accounts it holds (`leases`). Each check is reported by name.
 */
export function createReadiness(deps: {
  handle: DatabaseHandle;
  accounts: Pick<AccountsPort, 'countByStatus'>;
  engine?: { lastTick: number };
  leases?: { heldIds(): number[]; renewedAgoMs(): number; readonly ttlMs: number };
  redis?: { readonly connected: boolean };
}) {
  return {
    async ready(): Promise<Readiness & { leases?: number[] }> {
      const checks: Record<string, unknown> = {};
      const failing: string[] = [];
      try {
        const pending = await withTimeout(pendingMigrationCount(deps.handle), DB_TIMEOUT_MS);
        checks.database = 'ok';
        checks.migrations = pending === 0 ? 'ok' : `${pending} pending`;
        if (pending !== 0) failing.push('migrations');
      } catch (error) {
        checks.database = `unreachable: ${reason(error)}`;
        failing.push('database');
      }
      if (deps.redis) {
        checks.redis = deps.redis.connected ? 'ok' : 'disconnected';
        if (!deps.redis.connected) failing.push('redis');
      }
      if (deps.engine) {
        const tickAge = Date.now() - deps.engine.lastTick;
        checks.engine = tickAge < ENGINE_STALE_MS ? 'ok' : `last tick ${tickAge} ms ago`;
        if (tickAge >= ENGINE_STALE_MS) failing.push('engine');
      }
      if (deps.leases) {
        const age = deps.leases.renewedAgoMs();
        const fresh = age < deps.leases.ttlMs;
        checks.heartbeat = fresh
          ? 'ok'
          : Number.isFinite(age)
            ? `last renewal ${Math.round(age)} ms ago`
            : 'never renewed';
        if (!fresh) failing.push('heartbeat');
      }
      if (!failing.includes('database')) {
        // Informational: account states never make the process unready.
        checks.accounts = await withTimeout(deps.accounts.countByStatus(), DB_TIMEOUT_MS).catch(
          (error: unknown) => `unavailable: ${reason(error)}`,
        );
      }
      return {
        ok: failing.length === 0,
        failing,
        checks,
        ...(deps.leases ? { leases: deps.leases.heldIds().sort((a, b) => a - b) } : {}),
      };
    },
  };
}

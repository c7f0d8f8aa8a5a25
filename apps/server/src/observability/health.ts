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
 * `/readyz`: the database answers (a query on a real table, so a dropped database counts),
 * no migration is pending, and the engine ticked lately. Each check is reported by name.
 */
export function createReadiness(deps: {
  handle: DatabaseHandle;
  engine: { lastTick: number };
  accounts: Pick<AccountsPort, 'countByStatus'>;
}) {
  return {
    async ready(): Promise<Readiness> {
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
      const tickAge = Date.now() - deps.engine.lastTick;
      checks.engine = tickAge < ENGINE_STALE_MS ? 'ok' : `last tick ${tickAge} ms ago`;
      if (tickAge >= ENGINE_STALE_MS) failing.push('engine');
      if (!failing.includes('database')) {
        // Informational: account states never make the process unready.
        checks.accounts = await withTimeout(deps.accounts.countByStatus(), DB_TIMEOUT_MS).catch(
          (error: unknown) => `unavailable: ${reason(error)}`,
        );
      }
      return { ok: failing.length === 0, failing, checks };
    },
  };
}

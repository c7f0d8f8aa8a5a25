import type { SystemPort } from '@chapar/api';
import { type DatabaseHandle, pendingMigrationCount } from '@chapar/db';
// Imported, not read from a path, so the compiled server (dist/) carries the same version.
import serverPackage from '../../package.json' with { type: 'json' };
import { DB_TIMEOUT_MS, ENGINE_STALE_MS, reason } from './health';
import { withTimeout } from './metrics';

/** The server's version as released: apps/server/package.json. */
export const SERVER_VERSION: string = serverPackage.version;

/**
 * The admin system page's view of this process: the same checks as `/readyz` (database
 * answers, migrations current, engine ticking), with the figures behind them.
 */
export function createSystemPort(deps: {
  handle: DatabaseHandle;
  engine: () => { lastTick: number };
  startedAt: Date;
}): SystemPort {
  return {
    async health() {
      const started = performance.now();
      let database: Awaited<ReturnType<SystemPort['health']>>['database'];
      try {
        const pending = await withTimeout(pendingMigrationCount(deps.handle), DB_TIMEOUT_MS);
        database = {
          reachable: true,
          latencyMs: Math.round((performance.now() - started) * 10) / 10,
          pendingMigrations: pending,
          error: null,
        };
      } catch (error) {
        database = { reachable: false, latencyMs: null, pendingMigrations: null, error: reason(error) };
      }
      const lastTick = deps.engine().lastTick;
      const lastTickAgeMs = lastTick > 0 ? Date.now() - lastTick : null;
      const now = Date.now();
      return {
        database,
        engine: { alive: lastTickAgeMs !== null && lastTickAgeMs < ENGINE_STALE_MS, lastTickAgeMs },
        server: {
          version: SERVER_VERSION,
          startedAt: deps.startedAt,
          uptimeSeconds: Math.floor((now - deps.startedAt.getTime()) / 1000),
          node: process.version,
        },
      };
    },
  };
}

import type { Page } from '@chapar/api';

/** MySQL error codes sit at `err.cause.code` under Drizzle (and at `err.code` from mysql2 directly). */
export function dbErrorCode(error: unknown): string | undefined {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.cause?.code ?? e?.code;
}

/**
 * Runs a transaction again when InnoDB killed it as a deadlock: it was rolled back whole,
 * so running it again is safe. (Two accounts of one user claiming at once both charge one
 * subscription row while holding gap locks next to each other's recipients; two sign-ups
 * at once both look for an earlier user.)
 */
export async function retryDeadlock<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isDeadlock(error)) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}

function isDeadlock(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; errno?: unknown; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code === 'ER_LOCK_DEADLOCK' || e.errno === 1213) return true;
  }
  return false;
}

/** Rows were fetched with `limit + 1`; the extra row only says there is a next page. */
export function pageOf<T extends { id: number }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A LIKE pattern's wildcards and escapes taken literally, so a search for "50%" finds "50%". */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

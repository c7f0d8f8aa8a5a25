import type { OptOutRecord, Page } from '@chapar/api';
import { type Database, optOuts } from '@chapar/db';
import { and, desc, eq, inArray, like, lt, sql } from 'drizzle-orm';
import { recordWebhookEvents } from '../webhooks/outbox';
import { pageOf } from './util';

/** Stores E.164 numbers on the user's opt-out list, skipping those already there; answers how many were new. */
export async function addOptOuts(
  db: Database,
  userId: number,
  phones: string[],
  source: string,
): Promise<number> {
  if (phones.length === 0) return 0;
  const now = new Date();
  const values = sql.join(
    phones.map((p) => sql`(${userId}, ${p}, ${source}, ${now})`),
    sql`, `,
  );
  return db.transaction(async (tx) => {
    const [result] = await tx.execute(
      sql`INSERT IGNORE INTO opt_outs (user_id, phone, source, created_at) VALUES ${values}`,
    );
    const added = (result as unknown as { affectedRows: number }).affectedRows;
    // `optout.created` for the new ones: the rows of this batch carry this very instant.
    if (added > 0)
      await recordWebhookEvents(tx, { userId }, 'optout.created', async () => {
        const rows = await tx
          .select({ phone: optOuts.phone })
          .from(optOuts)
          .where(
            and(
              eq(optOuts.userId, userId),
              eq(optOuts.createdAt, now),
              eq(optOuts.source, source),
              inArray(optOuts.phone, phones),
            ),
          );
        return rows.map(({ phone }) => ({
          orderKey: `phone:${phone}`,
          data: { phone, source, at: now.toISOString() },
        }));
      });
    return added;
  });
}

/** Newest first; `search` matches digits (and +) anywhere in the number. */
export async function listOptOuts(
  db: Database,
  userId: number,
  { search, cursor, limit }: { search?: string; cursor?: number | null; limit: number },
): Promise<Page<OptOutRecord>> {
  const rows = await db
    .select({
      id: optOuts.id,
      phone: optOuts.phone,
      source: optOuts.source,
      createdAt: optOuts.createdAt,
    })
    .from(optOuts)
    .where(
      and(
        eq(optOuts.userId, userId),
        cursor ? lt(optOuts.id, cursor) : undefined,
        search ? like(optOuts.phone, `%${search.replace(/[^\d+]/g, '')}%`) : undefined,
      ),
    )
    .orderBy(desc(optOuts.id))
    .limit(limit + 1);
  return pageOf(rows, limit);
}

export async function removeOptOut(db: Database, userId: number, id: number): Promise<boolean> {
  const [result] = await db.delete(optOuts).where(and(eq(optOuts.id, id), eq(optOuts.userId, userId)));
  return result.affectedRows === 1;
}

/** The user's whole opt-out list, for an import to leave those numbers out. */
export async function optedOutPhones(db: Pick<Database, 'select'>, userId: number): Promise<Set<string>> {
  const rows = await db.select({ phone: optOuts.phone }).from(optOuts).where(eq(optOuts.userId, userId));
  return new Set(rows.map((r) => r.phone));
}

import type { CountryCode, OptOutsPort } from '@chapar/api';
import { ChaparError } from '@chapar/api';
import { type Database, optOuts } from '@chapar/db';
import { and, desc, eq, like, lt, sql } from 'drizzle-orm';
import { isImportError } from '../import/errors';
import { pageOf } from '../repositories/util';

async function insertIgnore(db: Database, userId: number, phones: string[], source: string): Promise<number> {
  if (phones.length === 0) return 0;
  const now = new Date();
  const values = sql.join(
    phones.map((p) => sql`(${userId}, ${p}, ${source}, ${now})`),
    sql`, `,
  );
  const [result] = await db.execute(
    sql`INSERT IGNORE INTO opt_outs (user_id, phone, source, created_at) VALUES ${values}`,
  );
  return (result as unknown as { affectedRows: number }).affectedRows;
}

export function createOptOutsPort(db: Database, limits: { maxBytes: number; tmpDir: string }): OptOutsPort {
  return {
    async list(userId, { search, cursor, limit }) {
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
    },
    add: (userId, phones, source) => insertIgnore(db, userId, phones, source),
    async remove(userId, id) {
      const [result] = await db.delete(optOuts).where(and(eq(optOuts.id, id), eq(optOuts.userId, userId)));
      return result.affectedRows === 1;
    },
    async importFile(userId, file, defaultCountry) {
      const totals = { rows: 0, added: 0, duplicates: 0, invalid: 0 };
      try {
        const { importRecipientFile } = await import('../import/index');
        for await (const batch of importRecipientFile(file.stream() as unknown as AsyncIterable<Uint8Array>, {
          defaultCountry: defaultCountry as CountryCode,
          maxBytes: limits.maxBytes,
          tmpDir: limits.tmpDir,
        })) {
          // A contact who asked to stop did so on every number they have, not only the one a
          // campaign would take: the valid (E.164) others of a row are opted out too.
          const phones = batch.recipients.map((r) => r.phone);
          for (const row of batch.otherNumbers) phones.push(...row.others.filter((o) => o.startsWith('+')));
          const added = await insertIgnore(db, userId, phones, 'import');
          totals.added += added;
          totals.duplicates += phones.length - added;
          if (batch.done) {
            totals.rows = batch.totals.rows;
            totals.invalid = batch.totals.invalid;
            totals.duplicates += batch.totals.duplicates;
          }
        }
      } catch (error) {
        if (isImportError(error)) throw new ChaparError('BAD_REQUEST', error.message, 'file');
        throw error;
      }
      return totals;
    },
  };
}

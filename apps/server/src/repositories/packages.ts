import type { PackageRecord, PackagesPort } from '@chapar/api';
import { type Database, packages } from '@chapar/db';
import { asc, eq } from 'drizzle-orm';
import { writeAudit } from './audit-log';

const columns = {
  id: packages.id,
  title: packages.title,
  description: packages.description,
  price: packages.price,
  duration: packages.duration,
  category: packages.category,
  status: packages.status,
  messageLimit: packages.messageLimit,
};

/** The whole row (checkout reads the price and whether it is on sale). */
export async function findPackage(db: Database, id: number) {
  const [row] = await db.select().from(packages).where(eq(packages.id, id)).limit(1);
  return row;
}

export function createPackagesPort(db: Database): PackagesPort {
  const get = async (id: number, from: Pick<Database, 'select'> = db): Promise<PackageRecord | null> => {
    const [row] = await from.select(columns).from(packages).where(eq(packages.id, id)).limit(1);
    return row ?? null;
  };
  return {
    list: ({ status }) =>
      db
        .select(columns)
        .from(packages)
        .where(status ? eq(packages.status, status) : undefined)
        .orderBy(asc(packages.price), asc(packages.id)),
    create: (input, audit) =>
      db.transaction(async (tx) => {
        const now = new Date();
        const [row] = await tx
          .insert(packages)
          .values({ ...input, createdAt: now, updatedAt: now })
          .$returningId();
        const created = (await get(row!.id, tx))!;
        await writeAudit(tx, audit?.(null, created), now);
        return created;
      }),
    update: (id, patch, audit) =>
      db.transaction(async (tx) => {
        const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        const [before] = await tx.select(columns).from(packages).where(eq(packages.id, id)).for('update');
        if (!before) return null;
        if (Object.keys(set).length > 0) await tx.update(packages).set(set).where(eq(packages.id, id));
        const after = (await get(id, tx))!;
        await writeAudit(tx, audit?.(before, after), new Date());
        return after;
      }),
  };
}

import type { PackageRecord, PackagesPort } from '@chapar/api';
import { type Database, packages } from '@chapar/db';
import { asc, eq } from 'drizzle-orm';

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

export function createPackagesPort(db: Database): PackagesPort {
  const get = async (id: number): Promise<PackageRecord | null> => {
    const [row] = await db.select(columns).from(packages).where(eq(packages.id, id)).limit(1);
    return row ?? null;
  };
  return {
    list: ({ status }) =>
      db
        .select(columns)
        .from(packages)
        .where(status ? eq(packages.status, status) : undefined)
        .orderBy(asc(packages.price), asc(packages.id)),
    async create(input) {
      const now = new Date();
      const [row] = await db
        .insert(packages)
        .values({ ...input, createdAt: now, updatedAt: now })
        .$returningId();
      return (await get(row!.id))!;
    },
    async update(id, patch) {
      const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      if (Object.keys(set).length > 0) await db.update(packages).set(set).where(eq(packages.id, id));
      return get(id);
    },
  };
}

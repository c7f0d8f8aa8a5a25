import { createDatabase, users, whatsappAccounts } from '@chapar/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LidDirectory, mysqlLidStorage } from '../src/whatsapp/wwebjs/lids';
import { createTestDatabase } from './support/database';

let database: { url: string; drop(): Promise<void> };
let handle: ReturnType<typeof createDatabase>;

beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDatabase(database.url, { connectionLimit: 2 });
});

afterAll(async () => {
  await handle.close();
  await database.drop();
});

async function account(n: number): Promise<number> {
  const [user] = await handle.db
    .insert(users)
    .values({ name: 'Lid', email: `lid-${n}@example.com`, phone: `0912100000${n}`, passwordHash: 'x' })
    .$returningId();
  const [row] = await handle.db
    .insert(whatsappAccounts)
    .values({ userId: user!.id, label: 'L', driver: 'wwebjs' })
    .$returningId();
  return row!.id;
}

describe('LID directory in whatsapp_lids (real MariaDB)', () => {
  it('a pair learned by one worker resolves a reply on the next owner, per account', async () => {
    const a = await account(1);
    const b = await account(2);
    const first = new LidDirectory(mysqlLidStorage(handle.db, a));
    await first.remember('111@lid', '+989121111111');
    await first.remember('111@lid', '+989121111112'); // the number behind a LID changed
    // Another worker (a new directory, nothing in memory) takes the account over.
    const next = new LidDirectory(mysqlLidStorage(handle.db, a));
    expect(next.knowsPhone('+989121111112')).toBe(false);
    await expect(next.phoneOf('111@lid')).resolves.toBe('+989121111112');
    expect(next.knowsPhone('+989121111112')).toBe(true);
    // Another account never sees it.
    await expect(new LidDirectory(mysqlLidStorage(handle.db, b)).phoneOf('111@lid')).resolves.toBeUndefined();
  });
});

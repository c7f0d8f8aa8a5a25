import { randomBytes } from 'node:crypto';
import { dropDatabase, migrateDatabase } from '@chapar/db';

/** The MariaDB/MySQL server tests may create databases on (never a database they did not create). */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_SERVER ?? 'mysql://root@127.0.0.1:3306';

/** A fresh, migrated database with a unique name; `drop()` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `chapar_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = `${TEST_SERVER_URL.replace(/\/$/, '')}/${name}`;
  await migrateDatabase(url);
  return { url, drop: () => dropDatabase(url) };
}

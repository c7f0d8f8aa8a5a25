/** Creates the database if it is missing and applies the committed migrations. */
import { migrateDatabase } from '@chapar/db';

const url = process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/chapar';
migrateDatabase(url).then(
  () => console.log('database is up to date'),
  (error: Error & { code?: string }) => {
    console.error(`Cannot migrate ${url.replace(/:[^:@/]*@/, ':***@')}: ${error.code ?? error.message}`);
    process.exit(1);
  },
);

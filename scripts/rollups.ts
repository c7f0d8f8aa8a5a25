/**
 * `npm run db:rollups`: recounts the dashboard's rollup table (messages per user per quarter
 * hour) from the recipients. Needed after restoring a backup taken at another moment than
 * the table's, or after loading recipients' history by hand; safe while the server runs.
 */
import { createDatabase, migrateDatabase } from '@chapar/db';
import { rebuildRollups } from '../apps/server/src/repositories/rollups';

const url = process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/chapar';
const hidden = url.replace(/:[^:@/]*@/, ':***@');
try {
  await migrateDatabase(url);
  const handle = createDatabase(url);
  const started = Date.now();
  const { buckets } = await rebuildRollups(handle.db);
  await handle.close();
  console.log(
    `message_rollups rebuilt from the recipients: ${buckets} buckets in ${Date.now() - started} ms`,
  );
} catch (error) {
  const e = error as Error & { code?: string };
  console.error(`Cannot rebuild the rollups of ${hidden}: ${e.code ?? e.message}`);
  process.exit(1);
}

import { createDatabase, type DatabaseHandle, recipients } from '@chapar/db';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchedInserts, type RecipientWriter, stagedLoad } from '../src/repositories/recipient-writer';
import { startTestServer, type TestServer } from './support/test-server';
import { signUp } from './support/users';

// Both ways an import's rows reach `recipients` (LOAD DATA into a staging table, or multi-row
// INSERTs where the server refuses LOCAL INFILE), on the real MariaDB: same rows stored, the
// campaign's existing numbers left out, nothing stored when the transaction rolls back.

let server: TestServer;
let handle: DatabaseHandle;
beforeAll(async () => {
  server = await startTestServer();
  handle = createDatabase(server.databaseUrl, { connectionLimit: 2 });
});
afterAll(async () => {
  await handle?.close();
  await server?.close();
});

type Tx = Parameters<Parameters<DatabaseHandle['db']['transaction']>[0]>[0];
const writers: Array<[string, (tx: Tx, campaignId: number) => Promise<RecipientWriter> | RecipientWriter]> = [
  ['LOAD DATA into a staging table', stagedLoad],
  ['multi-row INSERTs', batchedInserts],
];

async function newCampaign(): Promise<number> {
  const user = await signUp(server);
  const account = await user.client.whatsapp.create.mutate({ label: 'a', driver: 'sandbox' });
  const campaign = await user.client.campaigns.create.mutate({
    message: 'Salam',
    interval: 'FIVE_SECONDS',
    whatsappAccountId: account.id,
  });
  await user.client.campaigns.addRecipients.mutate({
    campaignId: campaign.id,
    recipients: [{ phone: '09120000001', name: 'already there' }],
  });
  return campaign.id;
}

const stored = (campaignId: number) =>
  handle.db
    .select({ phone: recipients.phone, name: recipients.name, variables: recipients.variables })
    .from(recipients)
    .where(eq(recipients.campaignId, campaignId))
    .orderBy(asc(recipients.id));

describe.each(writers)('recipients written by %s', (_label, open) => {
  it('stores the rows in order, with names and variables that need escaping, and skips the ones there', async () => {
    const campaignId = await newCampaign();
    const result = await handle.db.transaction(async (tx) => {
      const writer = await open(tx, campaignId);
      await writer.write([
        {
          phone: '+989120000002',
          name: 'Tab\there, new\nline \\ back',
          variables: { city: 'قم', note: 'a\tb' },
        },
        { phone: '+989120000001', name: 'dupe', variables: null },
      ]);
      await writer.write([{ phone: '+989120000003', name: null, variables: { کد: '\\N' } }]);
      return writer.finish();
    });
    expect(result).toEqual({ written: 3, added: 2 });
    expect(await stored(campaignId)).toEqual([
      { phone: '+989120000001', name: 'already there', variables: null },
      {
        phone: '+989120000002',
        name: 'Tab\there, new\nline \\ back',
        variables: { city: 'قم', note: 'a\tb' },
      },
      { phone: '+989120000003', name: null, variables: { کد: '\\N' } },
    ]);
  });

  it('stores nothing when the import fails and its transaction rolls back', async () => {
    const campaignId = await newCampaign();
    const failure = await handle.db
      .transaction(async (tx) => {
        const writer = await open(tx, campaignId);
        await writer.write([{ phone: '+989120000002', name: 'x', variables: null }]);
        await writer.abort();
        throw new Error('the file was damaged');
      })
      .catch((error: Error) => error.message);
    expect(failure).toBe('the file was damaged');
    expect((await stored(campaignId)).map((r) => r.phone)).toEqual(['+989120000001']);
  });
});

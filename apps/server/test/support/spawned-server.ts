import { createServer } from 'node:net';
import { type ChaparClient, createChaparClient } from '@chapar/client';
import { type LedgerEntry, readLedger, sandboxLedgerPath } from '../../src/whatsapp/sandbox-driver';

/** Helpers for tests that drive the real server as a child process. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Phones distinct across campaigns, so a message sent through the wrong account shows. */
export function phonesFor(campaign: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `09121${campaign}${String(i).padStart(5, '0')}`);
}

export async function ledgerOf(dataDir: string, accountId: number): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  for await (const entry of readLedger(sandboxLedgerPath(dataDir, accountId))) entries.push(entry);
  return entries;
}

/**
 * One user with `accounts` linked sandbox accounts and one started FIVE_SECONDS campaign
 * per account, each with `perCampaign` recipients from `phonesFor`.
 */
export async function startCampaigns(
  url: string,
  options: { accounts: number; perCampaign: number; name: string; email: string; password: string },
): Promise<{ client: ChaparClient; accountIds: number[]; campaignIds: number[] }> {
  const anonymous = createChaparClient({ url });
  await anonymous.auth.register.mutate({
    name: options.name,
    phone: '09121234567',
    email: options.email,
    password: options.password,
  });
  const { token } = await anonymous.auth.login.mutate({
    identifier: options.email,
    password: options.password,
  });
  const client = createChaparClient({ url, token });

  const accountIds: number[] = [];
  for (let i = 0; i < options.accounts; i++) {
    const account = await client.whatsapp.create.mutate({ label: `Sandbox ${i + 1}`, driver: 'sandbox' });
    await client.whatsapp.connect.mutate({ id: account.id });
    accountIds.push(account.id);
  }
  for (const id of accountIds) {
    const deadline = Date.now() + 10_000;
    while ((await client.whatsapp.get.query({ id })).status !== 'READY') {
      if (Date.now() > deadline) throw new Error(`account ${id} did not link`);
      await sleep(50);
    }
  }

  const campaignIds: number[] = [];
  for (const [i, accountId] of accountIds.entries()) {
    const campaign = await client.campaigns.create.mutate({
      title: `${options.name} ${i + 1}`,
      message: 'Salam {{name}}, this is a test message {Hi|Hello}.',
      interval: 'FIVE_SECONDS',
      whatsappAccountId: accountId,
    });
    await client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: phonesFor(i, options.perCampaign).map((phone, j) => ({ phone, name: `C${i}R${j}` })),
    });
    campaignIds.push(campaign.id);
  }
  for (const id of campaignIds) await client.campaigns.start.mutate({ id });
  return { client, accountIds, campaignIds };
}

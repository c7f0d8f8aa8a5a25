/**
 * The whole path from code: register, link a sandbox WhatsApp account, send a
 * 3-recipient campaign and print its live progress until it completes.
 *
 *   npm start            # in one terminal
 *   npm run example      # in another (CHAPAR_URL defaults to http://localhost:3000)
 */
import { randomBytes } from 'node:crypto';
import { createChaparClient } from '@chapar/client';

const url = process.env.CHAPAR_URL ?? 'http://localhost:3000';
const tag = randomBytes(3).toString('hex');
const password = `example-${randomBytes(6).toString('hex')}`;
// A random Iranian mobile number for the new user, written the way people type it.
const phone = `0912${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;

async function main() {
  const anonymous = createChaparClient({ url });
  await anonymous.auth.register.mutate({
    name: `Example ${tag}`,
    email: `example-${tag}@example.com`,
    phone,
    password,
  });
  const { token, user } = await anonymous.auth.login.mutate({
    identifier: `example-${tag}@example.com`,
    password,
  });
  console.log(`registered and signed in as ${user.email} (${user.phone})`);

  const client = createChaparClient({ url, token });
  const account = await client.whatsapp.create.mutate({ label: 'Example sandbox', driver: 'sandbox' });
  await waitForLink(client, account.id);

  const campaign = await client.campaigns.create.mutate({
    title: 'Hello from the example script',
    message: 'Salam! This is a test-mode message from Chapar.',
    interval: 'FIVE_SECONDS',
    whatsappAccountId: account.id,
  });
  const report = await client.campaigns.addRecipients.mutate({
    campaignId: campaign.id,
    recipients: [
      { phone: '0912 111 2233', name: 'Sara' },
      { phone: '+98 935 444 5566', name: 'Reza' },
      { phone: '۰۹۱۹۷۷۷۸۸۹۹', name: 'Maryam' },
    ],
  });
  console.log(`recipients: ${report.added} added, ${report.skipped} skipped, ${report.invalid} invalid`);

  await client.campaigns.start.mutate({ id: campaign.id });
  console.log(`campaign ${campaign.id} started`);

  const final = await new Promise<{ status: string; sentCount: number }>((resolve, reject) => {
    const sub = client.campaigns.onProgress.subscribe(
      { id: campaign.id },
      {
        onData({ data }) {
          console.log(
            `${data.status.padEnd(9)} sent ${data.sentCount}/${data.totalRecipients}  delivered ${data.deliveredCount}  read ${data.readCount}  failed ${data.failedCount}`,
          );
          if (['COMPLETED', 'FAILED', 'CANCELLED', 'PAUSED'].includes(data.status)) {
            sub.unsubscribe();
            resolve(data);
          }
        },
        onError: reject,
      },
    );
  });
  console.log(`finished: ${final.status}, sentCount ${final.sentCount}`);
  if (final.status !== 'COMPLETED' || final.sentCount !== 3) process.exitCode = 1;
}

function waitForLink(client: ReturnType<typeof createChaparClient>, id: number) {
  return new Promise<void>((resolve, reject) => {
    let connecting = false;
    const sub = client.whatsapp.onStatus.subscribe(
      { id },
      {
        onData(event) {
          console.log(
            `account ${id}: ${event.status}${event.qr ? ' (QR shown; the sandbox links by itself)' : ''}`,
          );
          if (event.status === 'READY') {
            sub.unsubscribe();
            resolve();
          } else if (event.status === 'FAILED') {
            sub.unsubscribe();
            reject(new Error(event.error ?? 'linking failed'));
          } else if (!connecting) {
            connecting = true;
            client.whatsapp.connect.mutate({ id }).catch(reject);
          }
        },
        onError: reject,
      },
    );
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

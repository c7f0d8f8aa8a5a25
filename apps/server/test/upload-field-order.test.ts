import { readdirSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPOOL_PREFIX } from '../src/http/streamed-upload';
import { startTestServer, type TestServer } from './support/test-server';
import { signUp, waitFor } from './support/users';

// The streamed upload route (http/streamed-upload.ts) takes the FormData fields in any order,
// as the API contract promises: before the file (streamed), after it (read back from a temp
// file), or both; and leaves no temp file behind.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

// A default import takes "Name" for the name; the mapping takes the city instead.
const CSV =
  'Name,Mobile,City\nAli Rezaei,09121234567,Tehran\nSara Ahmadi,09351112233,Shiraz\nNima Karimi,09123456789,Qom\n';
const MAPPING = JSON.stringify({ phone: 1, name: 2, skipHeader: true });
const csvFile = () => new Blob([CSV], { type: 'text/csv' });

const spoolDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith(SPOOL_PREFIX));
const noSpoolLeft = () =>
  waitFor(
    async () => spoolDirs(),
    (dirs) => dirs.length === 0,
    5_000,
  );

async function campaignOf(user: Awaited<ReturnType<typeof signUp>>) {
  const account = await user.client.whatsapp.create.mutate({ label: 'a', driver: 'sandbox' });
  return user.client.campaigns.create.mutate({
    message: 'Salam {{name}}',
    interval: 'FIVE_SECONDS',
    whatsappAccountId: account.id,
  });
}

type Part = 'campaignId' | 'file' | 'mapping';

describe('upload field order', () => {
  it('imports the same recipients, with the mapping honoured, whatever the order of the fields', async () => {
    const user = await signUp(server);
    const orders: Part[][] = [
      ['campaignId', 'mapping', 'file'], // the SPA's: streamed
      ['campaignId', 'file', 'mapping'], // streamed, then read again with the mapping
      ['file', 'campaignId', 'mapping'], // read from the temp file at the end of the body
    ];
    const results = [];
    for (const order of orders) {
      const campaign = await campaignOf(user);
      const form = new FormData();
      for (const part of order) {
        if (part === 'campaignId') form.append('campaignId', String(campaign.id));
        if (part === 'mapping') form.append('mapping', MAPPING);
        if (part === 'file') form.append('file', csvFile(), 'contacts.csv');
      }
      const report = await user.client.campaigns.importRecipients.mutate(form);
      const { items } = await user.client.campaigns.recipients.query({ campaignId: campaign.id });
      const stored = await user.client.campaigns.get.query({ id: campaign.id });
      results.push({
        report: { ...report, columnChoice: report.columnChoice },
        total: stored.totalRecipients,
        recipients: items.map((r) => [r.name, r.phone, r.variables]),
      });
      await noSpoolLeft();
    }
    // The mapping (city for the name), not the default (the "Name" column), in every order.
    expect(results[0]?.report.columnChoice).toEqual({
      detectedBy: 'mapping',
      phone: ['Mobile'],
      name: ['City'],
    });
    expect(results[0]?.total).toBe(3);
    expect(results[0]?.recipients).toEqual([
      ['Tehran', '+989121234567', { Name_2: 'Ali Rezaei' }],
      ['Shiraz', '+989351112233', { Name_2: 'Sara Ahmadi' }],
      ['Qom', '+989123456789', { Name_2: 'Nima Karimi' }],
    ]);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('stores nothing from the streamed read it drops, even rows it had already written', async () => {
    const user = await signUp(server);
    const campaign = await campaignOf(user);
    // More rows than one write batch (2000), so the dropped read had stored some.
    const rows = Array.from(
      { length: 5000 },
      (_, i) => `Person ${i},0912${String(i).padStart(7, '0')},City ${i}`,
    );
    const form = new FormData();
    form.append('campaignId', String(campaign.id));
    form.append(
      'file',
      new Blob([`Name,Mobile,City\n${rows.join('\n')}\n`], { type: 'text/csv' }),
      'big.csv',
    );
    form.append('mapping', MAPPING);
    const report = await user.client.campaigns.importRecipients.mutate(form);
    expect(report).toMatchObject({ rows: 5000, added: 5000, duplicates: 0 });
    expect((await user.client.campaigns.get.query({ id: campaign.id })).totalRecipients).toBe(5000);
    const { items } = await user.client.campaigns.recipients.query({ campaignId: campaign.id });
    expect(items[0]).toMatchObject({ name: 'City 0', phone: '+989120000000' });
    await noSpoolLeft();
  });

  it('previews with a mapping sent after the file', async () => {
    const user = await signUp(server);
    const before = new FormData();
    before.append('file', csvFile(), 'contacts.csv');
    const byDefault = await user.client.campaigns.previewImport.mutate(before);
    expect(byDefault).toMatchObject({ phone: 1, name: 0 });

    const after = new FormData();
    after.append('file', csvFile(), 'contacts.csv');
    after.append('mapping', MAPPING);
    expect(await user.client.campaigns.previewImport.mutate(after)).toMatchObject({ phone: 1, name: 2 });
    await noSpoolLeft();
  });

  it('imports opt-outs with a field after the file, once', async () => {
    const user = await signUp(server);
    const form = new FormData();
    form.append('file', csvFile(), 'contacts.csv');
    form.append('note', 'sent after the file');
    expect(await user.client.optOuts.import.mutate(form)).toEqual({
      rows: 3,
      added: 3,
      duplicates: 0,
      invalid: 0,
    });
    await noSpoolLeft();
  });

  it('leaves no temp file after a refusal', async () => {
    const owner = await signUp(server);
    const other = await signUp(server);
    const campaign = await campaignOf(owner);
    for (const order of [
      ['campaignId', 'file'],
      ['file', 'campaignId'],
    ] as const) {
      const form = new FormData();
      for (const part of order) {
        if (part === 'campaignId') form.append('campaignId', String(campaign.id));
        else form.append('file', csvFile(), 'contacts.csv');
      }
      const error = await other.client.campaigns.importRecipients.mutate(form).then(
        () => null,
        (err: Error & { data?: { code?: string } }) => err,
      );
      expect(error?.data?.code).toBe('NOT_FOUND');
      await noSpoolLeft();
    }
    expect((await owner.client.campaigns.get.query({ id: campaign.id })).totalRecipients).toBe(0);
  });

  it('leaves no temp file, and stores nothing, when the client goes away mid-upload', async () => {
    const user = await signUp(server);
    const campaign = await campaignOf(user);
    const boundary = 'chapar-test-boundary';
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="campaignId"\r\n\r\n${campaign.id}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="contacts.csv"\r\n` +
      'Content-Type: text/csv\r\n\r\nName,Mobile,City\n';
    const url = new URL('/trpc/campaigns.importRecipients', server.url);
    const req = http.request(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${user.token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(10 * 1024 * 1024),
      },
    });
    req.on('error', () => {}); // the socket is destroyed on purpose
    req.write(head);
    req.write('Ali Rezaei,09121234567,Tehran\n'.repeat(2000));
    // The server has begun spooling the file before the client goes.
    await waitFor(
      async () => spoolDirs(),
      (dirs) => dirs.length > 0,
      5_000,
    );
    req.destroy();
    await noSpoolLeft();
    expect((await user.client.campaigns.get.query({ id: campaign.id })).totalRecipients).toBe(0);
  });
});

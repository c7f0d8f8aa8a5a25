import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScaledClock } from '../src/engine/clock';
import { startTestServer, type TestServer } from './support/test-server';
import { linkedSandboxAccount, signUp, waitFor } from './support/users';

const run = promisify(execFile);

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startTestServer({ clock: new ScaledClock(20), env: { PACING_JITTER: '0' } });
  dir = await mkdtemp(join(tmpdir(), 'chapar-export-'));
});
afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The cells LibreOffice reads from a file, by converting it to CSV (its own profile, so parallel runs do not share a lock). */
async function cellsSeenByLibreOffice(name: string, body: Buffer, infilter?: string): Promise<string[][]> {
  const file = join(dir, name);
  await writeFile(file, body);
  const out = join(dir, `out-${name}`);
  await run(
    'soffice',
    [
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--headless',
      ...(infilter ? [`--infilter=${infilter}`] : []),
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1',
      '--outdir',
      out,
      file,
    ],
    { timeout: 60_000 },
  ).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    throw new Error('soffice not found: apt-get install -y --no-install-recommends libreoffice-calc-nogui');
  });
  return parse(await readFile(join(out, name.replace(/\.\w+$/, '.csv'))), { bom: true });
}

/** `YYYY-MM-DD HH:mm:ss` of an instant in Tehran (UTC+03:30 all year since 2022). */
function tehranClock(iso: string): string {
  return new Date(Date.parse(iso) + 3.5 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

const latinDigits = (text: string) => text.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));

describe('exported spreadsheets opened in LibreOffice', () => {
  it('show text phones, local times and the reader’s language in XLSX and CSV', async () => {
    const user = await signUp(server);
    const account = await linkedSandboxAccount(user.client);
    const campaign = await user.client.campaigns.create.mutate({
      message: 'Salam',
      whatsappAccountId: account.id,
    });
    await user.client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: [{ phone: '09121234567', name: 'سارا', variables: { city: 'Shiraz' } }],
    });
    await user.client.campaigns.start.mutate({ id: campaign.id });
    await waitFor(
      () => user.client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'COMPLETED',
    );
    // The sandbox reports delivery and reading soon after the send.
    const [sent] = await waitFor(
      async () => (await user.client.campaigns.recipients.query({ campaignId: campaign.id })).items,
      ([r]) => r?.status === 'READ',
    );
    const sentAt = tehranClock(String(sent!.sentAt));
    const download = async (query: string, format: 'csv' | 'xlsx') => {
      const res = await fetch(`${server.url}/api/campaigns/${campaign.id}/recipients.${format}${query}`, {
        headers: { authorization: `Bearer ${user.token}` },
      });
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };

    // XLSX as LibreOffice opens it, no options: a text phone, a date cell on Tehran's clock.
    const xlsx = await cellsSeenByLibreOffice('fa.xlsx', await download('?lang=fa&tz=Asia/Tehran', 'xlsx'));
    expect(xlsx[0]).toEqual([
      'تلفن',
      'نام',
      'وضعیت',
      'زمان ارسال',
      'زمان تحویل',
      'زمان خواندن',
      'خطا',
      'شناسه پیام واتس‌اپ',
      'city',
    ]);
    expect(xlsx[1]?.slice(0, 4)).toEqual(['+989121234567', 'سارا', 'خوانده‌شده', sentAt]);
    expect(xlsx[1]?.[5]).toBe(tehranClock(String(sent!.readAt)));
    expect(xlsx[1]?.[8]).toBe('Shiraz');

    const xlsxEn = await cellsSeenByLibreOffice('en.xlsx', await download('?lang=en&tz=UTC', 'xlsx'));
    expect(xlsxEn[0]?.slice(0, 4)).toEqual(['Phone', 'Name', 'Status', 'Sent at']);
    expect(xlsxEn[1]?.slice(0, 4)).toEqual([
      '+989121234567',
      'سارا',
      'Read',
      String(sent!.sentAt).slice(0, 19).replace('T', ' '),
    ]);

    // CSV carries no types: opened with the phone column as text, as a reader would choose.
    const phoneAsText = 'CSV:44,34,76,1,1/2';
    const csv = await cellsSeenByLibreOffice(
      'fa.csv',
      await download('?lang=fa&tz=Asia/Tehran', 'csv'),
      phoneAsText,
    );
    expect(csv[0]?.slice(0, 4)).toEqual(['تلفن', 'نام', 'وضعیت', 'زمان ارسال']);
    expect(csv[1]?.slice(0, 3)).toEqual(['+989121234567', 'سارا', 'خوانده‌شده']);
    // A Jalali date (year 14xx) in Persian digits, at Tehran's time of day.
    const jalali = latinDigits(csv[1]?.[3] ?? '');
    expect(jalali).toMatch(/^14\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d$/);
    expect(jalali.slice(-8)).toBe(sentAt.slice(-8));

    const csvEn = await cellsSeenByLibreOffice(
      'en.csv',
      await download('?lang=en&tz=Asia/Tehran', 'csv'),
      phoneAsText,
    );
    expect(csvEn[1]?.slice(0, 4)).toEqual(['+989121234567', 'سارا', 'Read', sentAt]);
  }, 120_000);

  it('follows the user’s locale without ?lang, and refuses a language or zone it cannot use', async () => {
    const user = await signUp(server);
    const account = await linkedSandboxAccount(user.client);
    const campaign = await user.client.campaigns.create.mutate({
      message: 'Salam',
      whatsappAccountId: account.id,
    });
    const get = (query: string) =>
      fetch(`${server.url}/api/campaigns/${campaign.id}/recipients.csv${query}`, {
        headers: { authorization: `Bearer ${user.token}` },
      });
    const byLocale = (await (await get('')).text()).replace(/^\uFEFF/, '');
    expect(byLocale.split(/\r?\n/)[0]).toMatch(/^تلفن,نام,وضعیت/);
    const badLang = await get('?lang=de');
    expect(badLang.status).toBe(400);
    expect(await badLang.json()).toEqual({
      error: 'Unknown language "de"; use lang=fa or lang=en.',
      reason: 'INVALID_INPUT',
    });
    const badZone = await get('?tz=Mars/Olympus');
    expect(badZone.status).toBe(400);
    const zoneRefusal = (await badZone.json()) as { error: string; reason: string };
    expect(zoneRefusal.error).toMatch(/^Unknown time zone "Mars\/Olympus"/);
    expect(zoneRefusal.reason).toBe('INVALID_INPUT');
  });
});

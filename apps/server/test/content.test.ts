import { deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScaledClock } from '../src/engine/clock';
import { excelWorkbook } from '../src/import/test-helpers';
import { readLedger, sandboxLedgerPath } from '../src/whatsapp/sandbox-driver';
import { errorOf } from './support/errors';
import { startTestServer, type TestServer } from './support/test-server';
import { linkedSandboxAccount, signUp, waitFor } from './support/users';

let server: TestServer;
beforeAll(async () => {
  // Sends 20× faster than real time: these tests are about content, not pacing.
  server = await startTestServer({
    clock: new ScaledClock(20),
    env: { PACING_JITTER: '0', IMPORT_MAX_ROWS: '50' },
  });
});
afterAll(() => server?.close());

type User = Awaited<ReturnType<typeof signUp>>;

async function draftCampaign(user: User, message = 'Salam {{name}}') {
  const account = await user.client.whatsapp.create.mutate({ label: 'a', driver: 'sandbox' });
  return user.client.campaigns.create.mutate({
    message,
    interval: 'FIVE_SECONDS',
    whatsappAccountId: account.id,
  });
}

function upload(
  campaignId: number,
  file: Uint8Array | string,
  name = 'list.csv',
  extra: Record<string, string> = {},
) {
  const form = new FormData();
  form.set('campaignId', String(campaignId));
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  form.set('file', new Blob([file]), name); // last: the server streams it, reading the fields first
  return form;
}

/** The smallest valid PNG: a 1×1 pixel. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

describe('campaigns.importRecipients', () => {
  it('reads a UTF-8 CSV with a BOM and Persian headers and digits, and reports every row it rejected', async () => {
    const user = await signUp(server);
    await user.client.optOuts.add.mutate({ phones: ['09124440000'] });
    const campaign = await draftCampaign(user);
    await user.client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: [{ phone: '09121110000' }],
    });
    const csv = [
      'نام,شماره موبایل,شهر',
      'علی,۰۹۱۲۱۲۳۴۵۶۷,شیراز',
      'سارا,0912 765 4321,تبریز',
      ',,',
      'تکراری,+98 912 123 4567,شیراز',
      'بد,12,',
      'قبلی,09121110000,',
      'لغو,09124440000,',
    ].join('\r\n');
    const report = await user.client.campaigns.importRecipients.mutate(upload(campaign.id, `\uFEFF${csv}`));
    expect(report).toMatchObject({
      rows: 6,
      added: 2,
      duplicates: 2,
      invalid: 1,
      optedOut: 1,
      rejectedTotal: 1,
    });
    expect(report.rejected).toEqual([
      { line: 6, value: '12', reason: expect.stringMatching(/not a valid/), problem: 'INVALID' },
    ]);
    expect(report.columns).toEqual(['شهر']);
    const { items } = await user.client.campaigns.recipients.query({ campaignId: campaign.id });
    expect(items.map((r) => [r.phone, r.name, r.variables])).toEqual([
      ['+989121110000', null, null],
      ['+989121234567', 'علی', { شهر: 'شیراز' }],
      ['+989127654321', 'سارا', { شهر: 'تبریز' }],
    ]);
    const after = await user.client.campaigns.get.query({ id: campaign.id });
    expect(after).toMatchObject({ totalRecipients: 3, status: 'READY', variableKeys: ['شهر'] });
  });

  // Windows-1256 has no Persian yeh; Persian Excel writes the Arabic one (ي), read back as ی.
  it('reads Windows-1256 (Persian Excel) and semicolon-separated files', async () => {
    const user = await signUp(server);
    const campaign = await draftCampaign(user);
    const bytes = iconv.encode('name;mobile\r\nمريم;09351234567\r\nرضا;09361234567\r\n', 'win1256');
    const report = await user.client.campaigns.importRecipients.mutate(upload(campaign.id, bytes));
    expect(report).toMatchObject({ rows: 2, added: 2, invalid: 0 });
    const names = (await user.client.campaigns.recipients.query({ campaignId: campaign.id })).items.map(
      (r) => r.name,
    );
    expect(names).toEqual(['مریم', 'رضا']);
  });

  it('takes a field sent after the file: the streamed read is dropped, the file read again with it', async () => {
    const user = await signUp(server);
    const campaign = await draftCampaign(user);
    const xlsx = await excelWorkbook([
      {
        name: 'Customers',
        rows: [
          ['Phone', 'Name'],
          ['09121234567', 'Ali'],
          [9127654321, 'Sara'],
        ],
      },
      { name: 'VIP', rows: [['Phone'], ['09350000001']] },
    ]);
    const form = new FormData();
    form.set('campaignId', String(campaign.id));
    form.set('file', new Blob([xlsx]), 'book.xlsx');
    form.set('sheet', 'VIP');
    // The import began as the file streamed in (without the sheet); that read stored nothing.
    expect(await user.client.campaigns.importRecipients.mutate(form)).toMatchObject({ rows: 1, added: 1 });
    const { items } = await user.client.campaigns.recipients.query({ campaignId: campaign.id });
    expect(items.map((r) => r.phone)).toEqual(['+989350000001']);
    // The same connection answers the next request.
    const fine = await user.client.campaigns.importRecipients.mutate(
      upload(campaign.id, 'phone\n09121234567\n', 'list.csv', { sheet: 'Leads' }),
    );
    expect(fine).toMatchObject({ rows: 1, added: 1 });
  });

  it('reads an XLSX with several sheets, the first by default or the one asked for', async () => {
    const user = await signUp(server);
    const campaign = await draftCampaign(user);
    const xlsx = await excelWorkbook([
      {
        name: 'Customers',
        rows: [
          ['Phone', 'Name'],
          ['09121234567', 'Ali'],
          [9127654321, 'Sara'],
        ],
      },
      {
        name: 'VIP',
        rows: [
          ['Phone', 'Name'],
          ['09350000001', 'Nima'],
        ],
      },
    ]);
    const first = await user.client.campaigns.importRecipients.mutate(upload(campaign.id, xlsx, 'book.xlsx'));
    expect(first).toMatchObject({ rows: 2, added: 2 });
    const second = await user.client.campaigns.importRecipients.mutate(
      upload(campaign.id, xlsx, 'book.xlsx', { sheet: 'VIP' }),
    );
    expect(second).toMatchObject({ rows: 1, added: 1 });
    expect((await user.client.campaigns.get.query({ id: campaign.id })).totalRecipients).toBe(3);
  });

  it.each([
    ['a 0-byte file', new Uint8Array(0), /empty/, 'IMPORT_EMPTY_FILE'],
    ['a PNG renamed to .csv', tinyPng(), /not a CSV, TSV or Excel file/, 'IMPORT_NOT_A_TABLE'],
    [
      'more rows than the limit',
      `phone\n${Array.from({ length: 60 }, (_, i) => `0912${String(i).padStart(7, '0')}`).join('\n')}`,
      /rows/,
      'IMPORT_TOO_MANY_ROWS',
    ],
  ])('refuses %s with a clear error and stores nothing', async (_label, file, message, reason) => {
    const user = await signUp(server);
    const campaign = await draftCampaign(user);
    const error = await errorOf(user.client.campaigns.importRecipients.mutate(upload(campaign.id, file)));
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(message);
    expect(error.data).toMatchObject({ reason, field: 'file' });
    if (reason === 'IMPORT_TOO_MANY_ROWS') expect(error.data.params).toEqual({ max: 50 });
    expect((await user.client.campaigns.get.query({ id: campaign.id })).totalRecipients).toBe(0);
    expect((await user.client.campaigns.recipients.query({ campaignId: campaign.id })).items).toEqual([]);
  });

  it('answers a header-only file with an empty report', async () => {
    const user = await signUp(server);
    const campaign = await draftCampaign(user);
    const report = await user.client.campaigns.importRecipients.mutate(upload(campaign.id, 'phone,name\n'));
    expect(report).toMatchObject({ rows: 0, added: 0, invalid: 0 });
  });
});

describe('personalised messages', () => {
  it('previews and sends each recipient their own message, refusing unknown variables before the start', async () => {
    const user = await signUp(server);
    const account = await linkedSandboxAccount(user.client);
    const campaign = await user.client.campaigns.create.mutate({
      message: '{Salam|Dorood} {{name|dear customer}} from {{city}} *sale* 🎉',
      interval: 'FIVE_SECONDS',
      whatsappAccountId: account.id,
    });
    await user.client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: [{ phone: '09121234567', name: 'Ali' }],
    });
    const refused = await errorOf(user.client.campaigns.start.mutate({ id: campaign.id }));
    expect(refused.data).toMatchObject({ code: 'BAD_REQUEST', field: 'message' });
    expect(refused.message).toContain('{{city}}');
    expect(refused.data).toMatchObject({
      reason: 'TEMPLATE_UNKNOWN_VARIABLE',
      params: { variables: ['city'] },
    });

    await user.client.campaigns.importRecipients.mutate(
      upload(campaign.id, 'phone,name,city\n09127654321,,Shiraz\n09351234567,Sara,Tabriz\n'),
    );
    const preview = await user.client.campaigns.preview.query({ id: campaign.id });
    expect(preview.unknownVariables).toEqual([]);
    expect(preview.text).toMatch(/^(Salam|Dorood) Ali from {2}\*sale\* 🎉$/);
    // Ali has no city and {{city}} no fallback: the preview says so (the name has a fallback).
    expect(preview.blankVariables).toEqual(['city']);
    const items = (await user.client.campaigns.recipients.query({ campaignId: campaign.id })).items;
    const sara = items.find((r) => r.name === 'Sara')!;
    const saraPreview = await user.client.campaigns.preview.query({ id: campaign.id, recipientId: sara.id });
    expect(saraPreview.text).toMatch(/^(Salam|Dorood) Sara from Tabriz \*sale\* 🎉$/);
    expect(saraPreview.blankVariables).toEqual([]);

    await user.client.campaigns.update.mutate({ id: campaign.id, interval: 'FIVE_SECONDS' });
    await user.client.campaigns.start.mutate({ id: campaign.id });
    await waitFor(
      () => user.client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'COMPLETED',
      30_000,
    );
    const sent = [];
    for await (const entry of readLedger(sandboxLedgerPath(server.dataDir, account.id))) sent.push(entry);
    const byPhone = Object.fromEntries(sent.map((e) => [e.to, e.body]));
    expect(byPhone['+989351234567']).toBe(saraPreview.text);
    expect(byPhone['+989127654321']).toMatch(/^(Salam|Dorood) dear customer from Shiraz/);
    // Neighbours never get the identical message.
    const bodies = sent.map((e) => e.body.split(' ')[0]);
    expect(bodies[0]).not.toBe(bodies[1]);
    expect(bodies[1]).not.toBe(bodies[2]);
  }, 40_000);
});

describe('campaign media', () => {
  it('accepts an image by its content, refuses a fake one, and sends it with the message as caption', async () => {
    const user = await signUp(server);
    const account = await linkedSandboxAccount(user.client);
    const campaign = await user.client.campaigns.create.mutate({
      message: 'See {{name}}',
      whatsappAccountId: account.id,
    });
    const fake = await errorOf(
      user.client.campaigns.attachMedia.mutate(upload(campaign.id, 'not really', 'photo.png')),
    );
    expect(fake.data).toMatchObject({
      code: 'BAD_REQUEST',
      reason: 'MEDIA_WRONG_TYPE',
      params: { mime: null },
    });
    const attached = await user.client.campaigns.attachMedia.mutate(
      upload(campaign.id, tinyPng(), 'shop.png'),
    );
    expect(attached.media).toMatchObject({ fileName: 'shop.png', mimeType: 'image/png', kind: 'image' });
    await user.client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: [{ phone: '09121234567', name: 'Ali' }],
    });
    await user.client.campaigns.start.mutate({ id: campaign.id });
    await waitFor(
      () => user.client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'COMPLETED',
    );
    const [entry] = await (async () => {
      const all = [];
      for await (const e of readLedger(sandboxLedgerPath(server.dataDir, account.id))) all.push(e);
      return all;
    })();
    expect(entry).toMatchObject({ body: 'See Ali', media: { fileName: 'shop.png', mimeType: 'image/png' } });
    expect((await errorOf(user.client.campaigns.detachMedia.mutate({ id: campaign.id }))).data.code).toBe(
      'CONFLICT',
    );
  });
});

describe('export', () => {
  it('downloads recipients as CSV and XLSX with formula-like cells neutralised', async () => {
    const user = await signUp(server);
    const campaign = await draftCampaign(user);
    await user.client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: [
        { phone: '09121234567', name: '=HYPERLINK("http://evil.example")', variables: { note: '@SUM(A1)' } },
        { phone: '09127654321', name: 'سارا' },
      ],
    });
    const csvRes = await fetch(`${server.url}/api/campaigns/${campaign.id}/recipients.csv?lang=en`, {
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(csvRes.status).toBe(200);
    const csv = await csvRes.text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('Phone,Name,Status,Sent at,Delivered at,Read at,Error,WhatsApp message ID,note');
    // A phone is a number, not a formula: no apostrophe in front of it.
    expect(lines[1]).toMatch(/^\+989121234567,/);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(lines[1]).toContain(`'@SUM(A1)`);
    expect(lines[2]).toContain('سارا,Pending');

    const xlsxRes = await fetch(`${server.url}/api/campaigns/${campaign.id}/recipients.xlsx`, {
      headers: { authorization: `Bearer ${user.token}` },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsxRes.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(2).getCell(2).value).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(sheet.getRow(3).getCell(2).value).toBe('سارا');

    const other = await signUp(server);
    const denied = await fetch(`${server.url}/api/campaigns/${campaign.id}/recipients.csv`, {
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(denied.status).toBe(404);
    expect((await fetch(`${server.url}/api/campaigns/${campaign.id}/recipients.csv`)).status).toBe(401);
  });
});

describe('cells that could run or reorder text', () => {
  const RLO = '\u202e';
  const LRI = '\u2066';
  const PDI = '\u2069';

  async function exported(user: User, campaignId: number) {
    const auth = { headers: { authorization: `Bearer ${user.token}` } };
    const csv = await (
      await fetch(`${server.url}/api/campaigns/${campaignId}/recipients.csv?lang=en`, auth)
    ).text();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      await (
        await fetch(`${server.url}/api/campaigns/${campaignId}/recipients.xlsx?lang=en`, auth)
      ).arrayBuffer(),
    );
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const xlsxRows = Array.from({ length: sheet.rowCount - 1 }, (_, i) =>
      Object.fromEntries(header.map((h, c) => [String(h), sheet.getRow(i + 2).getCell(c + 1).value])),
    );
    return { csv: csv.replace(/^\uFEFF/, ''), xlsxRows };
  }

  it('neutralises formulas after spaces or in full-width form, in CSV and XLSX', async () => {
    const user = await signUp(server);
    const campaign = await draftCampaign(user);
    await user.client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: [
        // Names are trimmed on the way in; imported columns keep their spaces.
        { phone: '09121234567', name: '\uff0b1', variables: { note: '   =1+1' } },
        {
          phone: '09127654321',
          name: '\uff20SUM(A1)',
          variables: { note: '\uff1dHYPERLINK("http://evil")' },
        },
      ],
    });
    const { csv, xlsxRows } = await exported(user, campaign.id);
    expect(csv).toContain(`,'\uff0b1,`);
    expect(csv).toContain(`,'   =1+1`);
    expect(csv).toContain(`,'\uff20SUM(A1),`);
    expect(csv).toContain(`,"'\uff1dHYPERLINK(""http://evil"")"`);
    expect(xlsxRows.map((r) => [r.Name, r.note])).toEqual([
      [`'\uff0b1`, `'   =1+1`],
      [`'\uff20SUM(A1)`, `'\uff1dHYPERLINK("http://evil")`],
    ]);
  });

  it('strips bidi controls from pasted recipients before they are stored or exported', async () => {
    const user = await signUp(server);
    const campaign = await draftCampaign(user);
    await user.client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: [
        { phone: '09121234567', name: `Ali${RLO}gnp.exe`, variables: { [`ci${LRI}ty`]: `Te${PDI}hran` } },
      ],
    });
    const [stored] = (await user.client.campaigns.recipients.query({ campaignId: campaign.id })).items;
    expect(stored).toMatchObject({ name: 'Alignp.exe', variables: { city: 'Tehran' } });
    const { csv, xlsxRows } = await exported(user, campaign.id);
    expect(csv).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(csv.split('\n')[0]).toMatch(/,city\r?$/);
    expect(xlsxRows[0]).toMatchObject({ Name: 'Alignp.exe', city: 'Tehran' });
  });

  it('strips bidi controls from an imported file: names, columns and their headers', async () => {
    const user = await signUp(server);
    const campaign = await draftCampaign(user);
    const csv = `mobile,name,${RLO}city\n09121234567,${RLO}ilA,${LRI}Tehran${PDI}\n`;
    await user.client.campaigns.importRecipients.mutate(upload(campaign.id, csv));
    const [stored] = (await user.client.campaigns.recipients.query({ campaignId: campaign.id })).items;
    expect(stored).toMatchObject({ name: 'ilA', variables: { city: 'Tehran' } });
    expect((await user.client.campaigns.get.query({ id: campaign.id })).variableKeys).toEqual(['city']);
  });
});

describe('opt-out list', () => {
  it('adds, lists, imports and removes numbers', async () => {
    const user = await signUp(server);
    const added = await user.client.optOuts.add.mutate({ phones: ['09121234567', '۰۹۱۲۱۲۳۴۵۶۷', 'nope'] });
    expect(added).toMatchObject({ added: 1, invalid: 1 });
    const imported = await user.client.optOuts.import.mutate(
      (() => {
        const form = new FormData();
        form.set('file', new Blob(['mobile\n09351234567\n09121234567\n']), 'stop.csv');
        return form;
      })(),
    );
    expect(imported).toMatchObject({ rows: 2, added: 1, duplicates: 1 });
    const list = await user.client.optOuts.list.query();
    expect(list.items.map((i) => i.phone).sort()).toEqual(['+989121234567', '+989351234567']);
    await user.client.optOuts.remove.mutate({ id: list.items[0]!.id });
    expect((await user.client.optOuts.list.query()).items).toHaveLength(1);
  });
  it('opts out every number of a contact that has several', async () => {
    const user = await signUp(server);
    const form = new FormData();
    form.set('file', new Blob(['name,mobile\nAli,"09121234567 ::: 09351234567"\n']), 'stop.csv');
    expect(await user.client.optOuts.import.mutate(form)).toMatchObject({ rows: 1, added: 2 });
    const list = await user.client.optOuts.list.query();
    expect(list.items.map((i) => i.phone).sort()).toEqual(['+989121234567', '+989351234567']);
  });
});

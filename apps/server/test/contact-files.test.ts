import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import { signUp } from './support/users';

// Contact exports in each exporter's own shape (see fixtures/contacts/README.md), imported
// through the API into a campaign and read back from the database.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', 'contacts', name));

async function importFixture(name: string, type: string) {
  const user = await signUp(server);
  const account = await user.client.whatsapp.create.mutate({ label: 'a', driver: 'sandbox' });
  const campaign = await user.client.campaigns.create.mutate({
    message: 'Salam {{name}}',
    interval: 'FIVE_SECONDS',
    whatsappAccountId: account.id,
  });
  const form = new FormData();
  form.set('campaignId', String(campaign.id));
  form.set('file', new Blob([fixture(name)], { type }), name);
  const report = await user.client.campaigns.importRecipients.mutate(form);
  const { items } = await user.client.campaigns.recipients.query({ campaignId: campaign.id });
  return { report, recipients: items.map((r) => [r.name, r.phone]) };
}

describe('contact exports', () => {
  it('Google Contacts (current layout): "Phone 1 - Value" is the phone, "Phone 1 - Label" is not', async () => {
    const { report, recipients } = await importFixture('google-contacts.csv', 'text/csv');
    expect(recipients).toEqual([
      ['علی رضایی', '+989121234567'],
      // Phone 1 is a landline: the mobile in Phone 2 is taken.
      ['Sara Ahmadi', '+989351112233'],
      ['مریم سادات کریمی', '+989123456789'],
    ]);
    expect(report.otherNumbers).toEqual([
      { line: 3, phone: '+989351112233', others: ['+982188887777'] },
      { line: 4, phone: '+989123456789', others: ['+982122334455'] },
    ]);
    expect(report.otherNumbersTotal).toBe(2);
    expect(report.rejected).toEqual([{ line: 5, value: '', reason: 'empty phone number', problem: 'EMPTY' }]);
    expect(report.columnChoice).toEqual({
      detectedBy: 'header',
      phone: ['Phone 1 - Value', 'Phone 2 - Value'],
      name: ['First Name', 'Middle Name', 'Last Name'],
    });
  });

  it('Google Contacts (older layout): its first contact is not taken for the header', async () => {
    const { report, recipients } = await importFixture('google-contacts-legacy.csv', 'text/csv');
    expect(recipients).toEqual([
      ['Reza Mohammadi', '+989121112233'],
      ['زهرا حسینی', '+989124445566'],
    ]);
    expect(report).toMatchObject({ rows: 2, added: 2, invalid: 0 });
    expect(report.otherNumbers).toEqual([{ line: 3, phone: '+989124445566', others: ['+989125556677'] }]);
    expect(report.columnChoice).toEqual({ detectedBy: 'header', phone: ['Phone 1 - Value'], name: ['Name'] });
  });

  it('Outlook: Mobile Phone first, then the other phone columns for a contact without one', async () => {
    const { report, recipients } = await importFixture('outlook.csv', 'text/csv');
    expect(recipients).toEqual([
      ['Hamid Karimi', '+989127654321'],
      ['نگار صادقی', '+982188776655'],
      ['Emily Clark', '+14155550132'],
    ]);
    expect(report.otherNumbers).toEqual([{ line: 2, phone: '+989127654321', others: ['+982166445566'] }]);
    expect(report.columnChoice.phone[0]).toBe('Mobile Phone');
    expect(report.columnChoice.name).toEqual(['First Name', 'Middle Name', 'Last Name']);
  });

  it('a Persian CRM export: «نام» + «نام خانوادگی», several numbers in one «تلفن همراه» cell', async () => {
    const { report, recipients } = await importFixture('crm-persian.csv', 'text/csv');
    expect(recipients).toEqual([
      ['محمد جعفری', '+989121234567'],
      ['Sina Rahimi', '+989129998877'],
      ['فاطمه موسوی', '+989121110000'],
    ]);
    expect(report.otherNumbers).toEqual([
      { line: 2, phone: '+989121234567', others: ['+989301234567'] },
      { line: 3, phone: '+989129998877', others: ['+982144556677'] },
      { line: 4, phone: '+989121110000', others: ['+989351110000'] },
    ]);
    expect(report.rejected).toEqual([
      { line: 5, value: '۱۲۳۴', reason: 'not a valid phone number', problem: 'INVALID' },
    ]);
    expect(report.columnChoice).toEqual({
      detectedBy: 'header',
      phone: ['تلفن همراه', 'تلفن ثابت'],
      name: ['نام', 'نام خانوادگی'],
    });
  });

  it('Android vCard 2.1: quoted-printable UTF-8 names with soft line breaks, CELL preferred', async () => {
    const { report, recipients } = await importFixture('android-2.1.vcf', 'text/x-vcard');
    expect(recipients).toEqual([
      ['علی اکبر رضایی', '+989121712345'],
      ['John Smith', '+982166445566'],
      ['مادر', '+989127654321'],
    ]);
    expect(report.otherNumbers).toEqual([
      { line: 1, phone: '+989121712345', others: ['+989351112233', '+982122334455'] },
    ]);
    expect(report).toMatchObject({ rows: 3, added: 3, invalid: 0 });
  });

  it('iPhone vCard 3.0: several TEL lines, the cell one taken, the fax last; folded lines', async () => {
    const { report, recipients } = await importFixture('iphone-3.0.vcf', 'text/vcard');
    expect(recipients).toEqual([
      ['Sara Ahmadi', '+989351112233'],
      ['مریم سادات کریمی', '+989123456789'],
    ]);
    expect(report.otherNumbers).toEqual([
      { line: 1, phone: '+989351112233', others: ['+982188887777', '+982188887778'] },
      { line: 14, phone: '+989123456789', others: ['+982122334455'] },
    ]);
  });

  it('vCard 4.0: tel: URIs with quoted TYPE lists, the name from N when FN is missing', async () => {
    const { report, recipients } = await importFixture('contacts-4.0.vcf', 'text/vcard');
    expect(recipients).toEqual([
      ['Hamid Karimi', '+989127654321'],
      ['نگار صادقی', '+982144556677'],
    ]);
    expect(report.otherNumbers).toEqual([
      { line: 1, phone: '+989127654321', others: ['+982166445566', '+982188776655'] },
    ]);
  });

  // Written by LibreOffice Calc from sources/*.csv (scripts/fixtures/contacts.sh): every column
  // "Standard", so 09121234567 became the number 9121234567 and +98… the number 98….
  const calcEnglish = [
    ['Ali Rezaei', '+989121234567'],
    ['Sara Ahmadi', '+989351112233'],
    ['Nima Karimi', '+989123456789'],
    ['Reza Mohammadi', '+989127654321'],
    ['Mina Sadeghi', '+989121112233'],
  ];

  it.each([
    ['calc-english.ods', 'application/vnd.oasis.opendocument.spreadsheet'],
    ['calc-english.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ])(
    'LibreOffice Calc %s: numbers stored as numbers, Persian digits, English headers',
    async (name, type) => {
      const { report, recipients } = await importFixture(name, type);
      expect(recipients).toEqual(calcEnglish);
      expect(report).toMatchObject({ rows: 7, added: 5, duplicates: 1, invalid: 1 });
      expect(report.rejected).toEqual([
        { line: 7, value: '12345', reason: 'not a valid phone number', problem: 'INVALID' },
      ]);
      expect(report.columnChoice).toEqual({ detectedBy: 'header', phone: ['Mobile'], name: ['Name'] });
      expect(report.columns).toEqual(['City', 'Customer since']);
    },
  );

  const calcPersian = [
    ['محمد جعفری', '+989121234567'],
    ['فاطمه موسوی', '+989351110000'],
    ['زهرا حسینی', '+989124445566'],
    ['سینا رحیمی', '+989129998877'],
    ['حمید صادقی', '+989127654321'],
  ];

  it.each([
    ['calc-persian.ods', 'application/vnd.oasis.opendocument.spreadsheet'],
    ['calc-persian.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ])(
    'LibreOffice Calc %s: Persian headers, Arabic-Indic digits, a number cell of 98…',
    async (name, type) => {
      const { report, recipients } = await importFixture(name, type);
      expect(recipients).toEqual(calcPersian);
      expect(report).toMatchObject({ rows: 6, added: 5, duplicates: 0, invalid: 1 });
      expect(report.rejected).toEqual([
        { line: 6, value: '', reason: 'empty phone number', problem: 'EMPTY' },
      ]);
      expect(report.columnChoice).toEqual({
        detectedBy: 'header',
        phone: ['تلفن همراه'],
        name: ['نام', 'نام خانوادگی'],
      });
    },
  );

  it('a legacy .xls saved by LibreOffice Calc is refused with advice, and nothing is stored', async () => {
    const error = await importFixture('calc-english.xls', 'application/vnd.ms-excel').then(
      () => null,
      (err: Error & { data?: { code?: string } }) => err,
    );
    expect(error?.data?.code).toBe('BAD_REQUEST');
    expect(error?.message).toMatch(/old Excel \(\.xls\) file: save it as \.xlsx/);
  });
});

describe('the column mapping, checked before anything is stored', () => {
  it('previews the columns an import would take, then imports with the ones the user chose', async () => {
    const user = await signUp(server);
    const account = await user.client.whatsapp.create.mutate({ label: 'a', driver: 'sandbox' });
    const campaign = await user.client.campaigns.create.mutate({
      message: 'Salam {{name}}',
      interval: 'FIVE_SECONDS',
      whatsappAccountId: account.id,
    });
    const file = new Blob([fixture('calc-english.ods')], {
      type: 'application/vnd.oasis.opendocument.spreadsheet',
    });
    const form = (fields: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) f.set(k, v);
      f.set('file', file, 'calc-english.ods');
      return f;
    };

    const preview = await user.client.campaigns.previewImport.mutate(form({}));
    expect(preview).toMatchObject({ headerLine: 1, phone: 1, phones: [1], name: 0, detectedBy: 'header' });
    expect(preview.columns).toEqual([
      { index: 0, label: 'Name' },
      { index: 1, label: 'Mobile' },
      { index: 2, label: 'City' },
      { index: 3, label: 'Customer since' },
    ]);
    expect(preview.sample[0]).toEqual({
      line: 2,
      cells: ['Ali Rezaei', '9121234567', 'Tehran', '2024-03-15'],
    });
    expect(preview.sample).toHaveLength(5);
    // Nothing stored by a preview.
    expect((await user.client.campaigns.get.query({ id: campaign.id })).totalRecipients).toBe(0);

    // A mapping the file cannot satisfy is refused, by the preview and by the import alike.
    const bad = JSON.stringify({ phone: 1, name: 1, skipHeader: true });
    for (const call of [
      () => user.client.campaigns.previewImport.mutate(form({ mapping: bad })),
      () =>
        user.client.campaigns.importRecipients.mutate(
          form({ campaignId: String(campaign.id), mapping: bad }),
        ),
    ]) {
      const error = await call().then(
        () => null,
        (err: Error & { data?: { code?: string } }) => err,
      );
      expect(error?.data?.code).toBe('BAD_REQUEST');
      expect(error?.message).toBe('The phone and the name cannot be the same column');
    }

    // The user takes the city for the name.
    const mapping = JSON.stringify({ phone: 1, name: 2, skipHeader: true });
    const report = await user.client.campaigns.importRecipients.mutate(
      form({ campaignId: String(campaign.id), mapping }),
    );
    expect(report.columnChoice).toEqual({ detectedBy: 'mapping', phone: ['Mobile'], name: ['City'] });
    expect(report).toMatchObject({ rows: 7, added: 5 });
    const { items } = await user.client.campaigns.recipients.query({ campaignId: campaign.id });
    // The file's own "Name" column is kept as a variable, renamed so as not to shadow {{name}}.
    expect(items.map((r) => [r.name, r.phone, r.variables])).toEqual([
      ['Tehran', '+989121234567', { Name_2: 'Ali Rezaei', 'Customer since': '2024-03-15' }],
      ['Shiraz', '+989351112233', { Name_2: 'Sara Ahmadi', 'Customer since': '2023-11-02' }],
      ['Qom', '+989123456789', { Name_2: 'Nima Karimi', 'Customer since': '2025-01-20' }],
      ['Karaj', '+989127654321', { Name_2: 'Reza Mohammadi' }],
      ['Tabriz', '+989121112233', { Name_2: 'Mina Sadeghi', 'Customer since': '2022-07-01' }],
    ]);
  });
});

// @vitest-environment node
import { readFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Download } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpBrowserSession } from './support/browser';
import {
  fillNewCampaign,
  finishWizard,
  linkSandboxAccount,
  registerNewUser,
  startAndAwaitCompletion,
} from './support/flows';

/**
 * A campaign fed from a spreadsheet, through the built SPA in a real Chromium: an XLSX with
 * Persian headers and Persian digits is imported while creating the campaign, the report
 * and its rejected rows are checked, a recipient's personalised message is previewed, a
 * PNG is attached, the campaign is sent, and the recipients are exported as CSV.
 */

const PHONES = ['+989121234567', '+989121234568', '+989121234569'];

const session = setUpBrowserSession({ failureScreenshot: 'import-failure.png', acceptDownloads: true });

/** Persian digits, as Iranian spreadsheets often hold them. */
function persianDigits(text: string): string {
  return text.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
}

/**
 * A workbook headed "شماره موبایل" / "مخاطب" ("contact", a heading the import does not take
 * for the name on its own: the user picks it in the wizard): three good rows, one bad
 * number, one repeat.
 */
async function recipientsWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('مشتریان');
  sheet.addRow(['شماره موبایل', 'مخاطب']);
  sheet.addRow([persianDigits('09121234567'), 'سارا']);
  sheet.addRow([persianDigits('0912 123 4568'), 'علی']);
  sheet.addRow([persianDigits('09121234569'), 'مریم']);
  sheet.addRow(['12345', 'نامعتبر']);
  sheet.addRow([persianDigits('09121234567'), 'تکراری']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid 2×2 teal PNG, built byte by byte. */
function tinyPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0); // width
  header.writeUInt32BE(2, 4); // height
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const row = Buffer.from([0, 0x12, 0xb8, 0x86, 0x12, 0xb8, 0x86]); // filter byte, two pixels
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat([row, row]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

async function downloadedText(download: Download): Promise<string> {
  const path = await download.path();
  return readFile(path, 'utf8');
}

describe('import and export', () => {
  it('imports an XLSX, previews, attaches an image, sends and exports', async ({ onTestFailed }) => {
    onTestFailed(session.reportFailure);
    const { server, page, pageErrors } = session;
    if (!server) throw new Error('no server');

    // Register and link a test-mode account.
    await registerNewUser(page, server.url, { name: 'Nima E2E', emailPrefix: 'import' });
    const card = await linkSandboxAccount(page);
    await card.getByTestId('daily-limit').waitFor();

    // Create the campaign with a personalised message and the workbook as its recipients.
    await fillNewCampaign(page, { title: 'Spreadsheet campaign', message: 'سلام {{name}}' });
    await page.getByRole('tab', { name: 'Import a file' }).click();
    await page
      .getByRole('tabpanel')
      .locator('input[type="file"]')
      .setInputFiles({
        name: 'مشتریان.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await recipientsWorkbook(),
      });
    // Before anything is stored, the wizard shows the columns it found: the phone by its
    // heading, no name column; the user takes «مخاطب» for the names.
    const phoneColumn = page.getByRole('combobox', { name: 'Phone column' });
    const nameColumn = page.getByRole('combobox', { name: 'Name column' });
    await expect.poll(() => phoneColumn.locator('option:checked').textContent()).toBe('شماره موبایل');
    await expect.poll(() => nameColumn.locator('option:checked').textContent()).toBe('No name');
    await page.getByRole('table', { name: 'The first rows of the file' }).getByText('سارا').waitFor();
    await nameColumn.selectOption({ label: 'مخاطب' });
    await page.getByRole('button', { name: 'Import file' }).click();

    // The wizard shows the import's report and the rejected row.
    const report = page.getByTestId('import-report');
    await report.waitFor();
    const summary = await report.getByTestId('import-report-summary').textContent();
    expect(summary).toContain('3 added');
    expect(summary).toContain('1 already in the list');
    expect(summary).toContain('1 invalid');
    expect(await report.getByTestId('import-column-choice').textContent()).toBe(
      'Numbers from شماره موبایل; names from مخاطب.',
    );
    const rejected = report.getByRole('table', { name: 'Rejected rows' });
    await rejected.getByRole('cell', { name: '12345', exact: true }).waitFor();
    const [rejectedDownload] = await Promise.all([
      page.waitForEvent('download'),
      report.getByRole('button', { name: 'Download rejected rows' }).click(),
    ]);
    const rejectedCsv = await downloadedText(rejectedDownload);
    expect(rejectedCsv.charCodeAt(0)).toBe(0xfeff);
    expect(rejectedCsv).toContain('12345');
    await finishWizard(page, { start: false });
    await page.locator('[data-testid="campaign-status"][data-status="READY"]').waitFor();

    // The preview shows each recipient's own message.
    const preview = page.getByTestId('message-preview');
    await expect.poll(() => preview.textContent()).toBe('سلام سارا');
    await page.getByRole('button', { name: 'Next recipient' }).click();
    await expect.poll(() => preview.textContent()).toBe('سلام علی');
    await page.getByRole('row', { name: PHONES[2] }).getByRole('button', { name: 'Preview message' }).click();
    await expect.poll(() => preview.textContent()).toBe('سلام مریم');

    // A file that is not a spreadsheet is refused with the server's reason.
    await page.getByRole('tab', { name: 'Import a file' }).click();
    const importForm = page.getByRole('form', { name: 'Import recipients from a file' });
    await importForm.locator('input[type="file"]').setInputFiles({
      name: 'picture.csv',
      mimeType: 'text/csv',
      buffer: tinyPng(),
    });
    await importForm.getByRole('button', { name: 'Import file' }).click();
    await importForm.getByRole('alert').waitFor();
    expect(await importForm.getByRole('alert').textContent()).toContain('The file was not imported');

    // Attach a small image: the message becomes its caption.
    const attachment = page.getByRole('region', { name: 'Attachment' });
    await attachment.locator('input[type="file"]').setInputFiles({
      name: 'dot.png',
      mimeType: 'image/png',
      buffer: tinyPng(),
    });
    await attachment.getByRole('button', { name: 'Attach', exact: true }).click();
    await attachment.getByTestId('campaign-media').getByText('dot.png').waitFor();
    await page.getByText('Image: dot.png').waitFor();

    // Send, and watch it complete.
    await startAndAwaitCompletion(page, 3);

    // The export link downloads every recipient.
    const exportLink = page.getByRole('link', { name: 'Export CSV' });
    const [exportDownload] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
    expect(exportDownload.suggestedFilename()).toMatch(/^campaign-\d+-recipients\.csv$/);
    const exported = await downloadedText(exportDownload);
    for (const e164 of PHONES) expect(exported).toContain(e164);
    expect(exported).toContain('سارا');
    // In the page's language, on the browser's clock.
    expect(exported.replace(/^\uFEFF/, '')).toMatch(/^Phone,Name,Status,Sent at,/);
    expect(await page.getByRole('link', { name: 'Export Excel' }).getAttribute('href')).toMatch(
      /^\/api\/campaigns\/\d+\/recipients\.xlsx\?lang=en&tz=[\w%+-]+$/,
    );

    await session.screenshot('import-and-export.png');
    expect(pageErrors).toEqual([]);
  }, 180_000);
});

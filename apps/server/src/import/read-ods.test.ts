import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ReadRowsOptions, readRecipientRows } from './read-rows';
import { asTuples, chunked, collect, errorOf, makeZip } from './test-helpers';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chapar-ods-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const rowsOf = async (bytes: Buffer, options: ReadRowsOptions = {}) =>
  asTuples(await collect(readRecipientRows(chunked(bytes, 4096), { tmpDir: dir, ...options })));

/** Written by LibreOffice Calc from sources/*.csv (scripts/fixtures/contacts.sh). */
const fixture = (name: string) =>
  readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'contacts', name));

const OFFICE =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"';

/** An ODS with `body` inside `<office:spreadsheet>` (for what Calc does not write from a CSV). */
function handMadeOds(body: string, styles = ''): Buffer {
  return makeZip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
    {
      name: 'content.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${OFFICE}><office:automatic-styles>${styles}</office:automatic-styles><office:body><office:spreadsheet>${body}</office:spreadsheet></office:body></office:document-content>`,
    },
  ]);
}

const text = (t: string) =>
  `<table:table-cell office:value-type="string"><text:p>${t}</text:p></table:table-cell>`;
const float = (v: string) =>
  `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;

describe('readRecipientRows: ODS written by LibreOffice Calc', () => {
  it('reads numbers stored as numbers (the leading zero lost), text, Persian digits and dates', async () => {
    expect(await rowsOf(fixture('calc-english.ods'))).toEqual([
      [1, 'Name', 'Mobile', 'City', 'Customer since'],
      [2, 'Ali Rezaei', '9121234567', 'Tehran', '2024-03-15'],
      [3, 'Sara Ahmadi', '9351112233', 'Shiraz', '2023-11-02'],
      [4, 'Nima Karimi', '989123456789', 'Qom', '2025-01-20'],
      [5, 'Reza Mohammadi', '0912 765 4321', 'Karaj'],
      [6, 'Mina Sadeghi', '۰۹۱۲۱۱۱۲۲۳۳', 'Tabriz', '2022-07-01'],
      [7, 'Omid Jafari', '12345', 'Mashhad', '2021-05-05'],
      [8, 'Ali Rezaei (again)', '9121234567', 'Tehran'],
    ]);
  });

  it('reads a Persian sheet with Arabic-Indic digits and decimals', async () => {
    const rows = await rowsOf(fixture('calc-persian.ods'));
    expect(rows[0]).toEqual([1, 'ردیف', 'نام', 'نام خانوادگی', 'تلفن همراه', 'شهر', 'امتیاز']);
    expect(rows[2]).toEqual([3, '2', 'فاطمه', 'موسوی', '9351110000', 'شیراز', '72.5']);
    expect(rows[3]).toEqual([4, '3', 'زهرا', 'حسینی', '٠٩١٢٤٤٤٥٥٦٦', 'اصفهان']);
    expect(rows).toHaveLength(7);
  });

  it('writes dates as the XLSX reader does', async () => {
    const bytes = handMadeOds(
      `<table:table table:name="S"><table:table-row><table:table-cell office:value-type="date" office:date-value="2024-03-15T10:30:00.25"/><table:table-cell office:value-type="date" office:date-value="2024-03-15"/></table:table-row></table:table>`,
    );
    expect(await rowsOf(bytes)).toEqual([[1, '2024-03-15 10:30:00', '2024-03-15']]);
  });

  it('removes the spooled upload when done', async () => {
    await rowsOf(fixture('calc-english.ods'));
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('readRecipientRows: ODS variants', () => {
  it('counts repeated rows and cells without materialising empty ones, and expands repeated values', async () => {
    const bytes = handMadeOds(
      `<table:table table:name="S"><table:table-row>${text('phone')}<table:table-cell table:number-columns-repeated="3"/>${text('name')}<table:table-cell table:number-columns-repeated="16379"/></table:table-row>` +
        `<table:table-row table:number-rows-repeated="2">${float('9121234567')}<table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>` +
        `<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>` +
        `<table:table-row>${float('9.121234568E9')}</table:table-row></table:table>`,
    );
    expect(await rowsOf(bytes)).toEqual([
      [1, 'phone', '', '', '', 'name'],
      [2, '9121234567', 'x', 'x'],
      [3, '9121234567', 'x', 'x'],
      [1048574, '9121234568'],
    ]);
  });

  it('reads spans, runs of spaces, line breaks and several paragraphs; skips comments', async () => {
    const bytes = handMadeOds(
      `<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>call after 5</text:p></office:annotation><text:p>Ali<text:s text:c="2"/><text:span>Rezaei</text:span></text:p><text:p>2nd<text:line-break/>line</text:p></table:table-cell>` +
        `<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>` +
        `<table:table-cell office:value-type="percentage" office:value="0.25"><text:p>25%</text:p></table:table-cell></table:table-row></table:table>`,
    );
    expect(await rowsOf(bytes)).toEqual([[1, 'Ali  Rezaei\n2nd\nline', 'TRUE', '0.25']]);
  });

  it('reads the first non-empty visible sheet by default, or the one asked for', async () => {
    const sheet = (name: string, style: string, phone: string) =>
      `<table:table table:name="${name}" table:style-name="${style}"><table:table-row>${text('phone')}</table:table-row><table:table-row>${text(phone)}</table:table-row></table:table>`;
    const bytes = handMadeOds(
      `<table:table table:name="Notes" table:style-name="ta1"><table:table-row><table:table-cell/></table:table-row></table:table>${sheet('Secret', 'ta2', '09120000000')}${sheet('Customers', 'ta1', '09121234567')}${sheet('Other', 'ta1', '09129999999')}`,
      '<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style><style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>',
    );
    expect(await rowsOf(bytes)).toEqual([
      [1, 'phone'],
      [2, '09121234567'],
    ]);
    expect(await rowsOf(bytes, { sheet: ' other ' })).toEqual([
      [1, 'phone'],
      [2, '09129999999'],
    ]);
    expect(await rowsOf(bytes, { sheet: 2 })).toEqual([
      [1, 'phone'],
      [2, '09120000000'],
    ]);
    const err = await errorOf(rowsOf(bytes, { sheet: 'Nope' }));
    expect(err.message).toBe(
      'This spreadsheet has no sheet "Nope". Its sheets are: "Notes", "Secret", "Customers", "Other"',
    );
    expect(err.code).toBe('NO_SHEET');
  });

  it('refuses a value beyond the column limit, and a damaged document', async () => {
    const wide = handMadeOds(
      `<table:table table:name="S"><table:table-row><table:table-cell table:number-columns-repeated="200"/>${text('x')}</table:table-row></table:table>`,
    );
    expect((await errorOf(rowsOf(wide, { maxColumns: 100 }))).message).toBe(
      'The file has more than 100 columns',
    );
    const broken = makeZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
      { name: 'content.xml', data: `<office:document-content ${OFFICE}><office:body><table:table>` },
    ]);
    expect((await errorOf(rowsOf(broken))).code).toBe('DAMAGED');
  });

  it('refuses an OpenDocument text document', async () => {
    const odt = makeZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
      { name: 'content.xml', data: `<office:document-content ${OFFICE}/>` },
    ]);
    expect((await errorOf(rowsOf(odt))).message).toBe('This file is not a CSV, TSV or Excel file');
  });
});

describe('readRecipientRows: files LibreOffice Calc writes in other formats', () => {
  it('reads its XLSX: date cells as dates, as its ODS has them', async () => {
    expect(await rowsOf(fixture('calc-english.xlsx'))).toEqual(await rowsOf(fixture('calc-english.ods')));
  });

  it('reads its XLSX: numbers stored as numbers, shared strings, Persian', async () => {
    const rows = await rowsOf(fixture('calc-persian.xlsx'));
    expect(rows[1]).toEqual([2, '1', 'محمد', 'جعفری', '9121234567', 'تهران', '85']);
    expect(rows[6]).toEqual([7, '6', 'حمید', 'صادقی', '989127654321', 'رشت', '99']);
  });

  it('refuses its legacy .xls with advice to save it as .xlsx', async () => {
    const err = await errorOf(rowsOf(fixture('calc-english.xls')));
    expect(err.message).toBe(
      'This is an old Excel (.xls) file: save it as .xlsx or CSV in Excel and upload that',
    );
    expect(err.code).toBe('NOT_A_TABLE');
  });
});

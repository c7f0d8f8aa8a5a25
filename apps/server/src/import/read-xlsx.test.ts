import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ReadRowsOptions, readRecipientRows } from './read-rows';
import { asTuples, chunked, collect, errorOf, excelWorkbook, handMadeXlsx, makeZip } from './test-helpers';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chapar-xlsx-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const rowsOf = async (bytes: Buffer, options: ReadRowsOptions = {}) =>
  asTuples(await collect(readRecipientRows(chunked(bytes, 4096), { tmpDir: dir, ...options })));

describe('readRecipientRows: XLSX written by exceljs', () => {
  it('reads text, numbers, Persian, gaps, formulas and rich text, with spreadsheet row numbers', async () => {
    const workbook = await excelWorkbook([
      {
        name: 'Customers',
        rows: [
          ['موبایل', 'نام', 'شهر', 'امتیاز'],
          [9121234567, 'علی رضایی', 'تهران', 12.5],
          [],
          ['۰۹۱۲۱۲۳۴۵۶۸', 'Sara 😀', null, 3],
          ['+98 912 123 4569', null, 'Qom'],
        ],
      },
    ]);
    expect(await rowsOf(workbook)).toEqual([
      [1, 'موبایل', 'نام', 'شهر', 'امتیاز'],
      [2, '9121234567', 'علی رضایی', 'تهران', '12.5'],
      [4, '۰۹۱۲۱۲۳۴۵۶۸', 'Sara 😀', '', '3'],
      [5, '+98 912 123 4569', '', 'Qom'],
    ]);
  });

  it('reads the cached value of a formula and the text of rich text', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('S');
    sheet.addRow(['phone', 'name']);
    sheet.addRow([
      { formula: '"0912"&"1234567"', result: '09121234567' },
      { richText: [{ text: 'Ali ' }, { text: 'Rezaei', font: { bold: true } }] },
    ]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await rowsOf(bytes)).toEqual([
      [1, 'phone', 'name'],
      [2, '09121234567', 'Ali Rezaei'],
    ]);
  });

  it('reads the first non-empty visible sheet by default, or the one asked for', async () => {
    const workbook = await excelWorkbook([
      { name: 'Notes', rows: [] },
      { name: 'Secret', rows: [['hidden'], ['09120000000']], state: 'hidden' },
      { name: 'Customers', rows: [['phone'], ['09121234567']] },
      { name: 'Other', rows: [['phone'], ['09129999999']] },
    ]);
    expect(await rowsOf(workbook)).toEqual([
      [1, 'phone'],
      [2, '09121234567'],
    ]);
    expect(await rowsOf(workbook, { sheet: ' other ' })).toEqual([
      [1, 'phone'],
      [2, '09129999999'],
    ]);
    expect(await rowsOf(workbook, { sheet: 2 })).toEqual([
      [1, 'hidden'],
      [2, '09120000000'],
    ]);
    expect(await rowsOf(workbook, { sheet: 'Notes' })).toEqual([]);
    const err = await errorOf(rowsOf(workbook, { sheet: 'Nope' }));
    expect(err.message).toBe(
      'This spreadsheet has no sheet "Nope". Its sheets are: "Notes", "Secret", "Customers", "Other"',
    );
    expect(err.code).toBe('NO_SHEET');
  });

  it('answers no rows for a workbook without data', async () => {
    expect(await rowsOf(await excelWorkbook([{ name: 'A', rows: [] }]))).toEqual([]);
  });

  it('removes the spooled upload when done, and when the reader stops early', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`0912${String(i).padStart(7, '0')}`, `n${i}`]);
    const workbook = await excelWorkbook([{ name: 'S', rows }]);
    await rowsOf(workbook);
    expect(await readdir(dir)).toEqual([]);
    for await (const row of readRecipientRows(chunked(workbook, 4096), { tmpDir: dir })) {
      expect(row.line).toBe(1);
      expect(await readdir(dir)).toHaveLength(1); // spooled while reading
      break;
    }
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('readRecipientRows: XLSX variants', () => {
  it('reads inline strings, prefixed tags, exponents, booleans, escapes and cells without references', async () => {
    const bytes = handMadeXlsx(
      [
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>phone</x:t></x:is></x:c><x:c r="C1" t="s"><x:v>0</x:v></x:c></x:row>',
        '<x:row r="3"><x:c r="A3"><x:v>9.121234567E9</x:v></x:c><x:c r="B3" t="b"><x:v>1</x:v></x:c><x:c r="C3" t="s"><x:v>1</x:v></x:c></x:row>',
        '<x:row><x:c><x:v>9121234568</x:v></x:c><x:c t="str"><x:v>a_x000D_b</x:v></x:c><x:c s="3"/></x:row>',
        '<x:row r="9"><x:c r="A9" s="1"/><x:c r="XFD9" s="1"/></x:row>', // styled but empty
      ].join(''),
      ['name', 'Ali & Co <ltd>'],
      'x',
    );
    expect(await rowsOf(bytes)).toEqual([
      [1, 'phone', '', 'name'],
      [3, '9121234567', 'TRUE', 'Ali & Co <ltd>'],
      [4, '9121234568', 'a\rb'],
    ]);
  });

  it('leaves phonetic guides out of shared strings', async () => {
    const bytes = handMadeXlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', [
      '<si><r><t>Ali</t></r><r><t xml:space="preserve"> Rezaei</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>',
    ]);
    expect(await rowsOf(bytes)).toEqual([[1, 'Ali Rezaei']]);
  });

  it('refuses a value beyond the column limit', async () => {
    const bytes = handMadeXlsx('<row r="1"><c r="ZZ1" t="inlineStr"><is><t>x</t></is></c></row>');
    expect((await errorOf(rowsOf(bytes, { maxColumns: 100 }))).message).toBe(
      'The file has more than 100 columns',
    );
  });

  it('refuses a zip that is neither a workbook nor an OpenDocument spreadsheet', async () => {
    const zip = makeZip([{ name: 'notes.txt', data: 'hello' }]);
    expect((await errorOf(rowsOf(zip))).message).toBe('This file is not a CSV, TSV or Excel file');
  });

  it('refuses a damaged workbook', async () => {
    const workbook = await excelWorkbook([{ name: 'S', rows: [['phone'], ['09121234567']] }]);
    const err = await errorOf(rowsOf(workbook.subarray(0, Math.floor(workbook.length / 2))));
    expect(err.message).toBe('This spreadsheet is damaged and could not be read');
    expect(err.code).toBe('DAMAGED');
  });

  it('refuses broken XML in a sheet', async () => {
    const bytes = handMadeXlsx('<row r="1"><c r="A1"><v>1</v></row>');
    expect((await errorOf(rowsOf(bytes))).message).toBe('This spreadsheet is damaged and could not be read');
  });
});

describe('readRecipientRows: spreadsheet bombs', () => {
  const row = '<row><c t="inlineStr"><is><t>09121234567</t></is></c></row>';

  it('refuses a part that inflates more than 100 times, from the central directory alone', async () => {
    const bomb = handMadeXlsx(row.repeat(300_000)); // ~17 MB of XML in a few KB
    expect(bomb.length).toBeLessThan(200_000);
    const err = await errorOf(rowsOf(bomb));
    expect(err.message).toBe('This spreadsheet expands to more than 100 times its size and was refused');
    expect(err.code).toBe('SPREADSHEET_BOMB');
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a workbook whose parts add up to more than the limit', async () => {
    const workbook = await excelWorkbook([
      { name: 'S', rows: Array.from({ length: 2000 }, (_, i) => [`0912${String(i).padStart(7, '0')}`]) },
    ]);
    const err = await errorOf(rowsOf(workbook, { maxUncompressedBytes: 64 * 1024 }));
    expect(err.message).toBe('This spreadsheet expands to more than 64 KB and was refused');
  });

  it('refuses a part that inflates beyond the size it declares', async () => {
    const liar = makeZip([
      {
        name: '_rels/.rels',
        data: '<Relationships><Relationship Id="r1" Type="x/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      },
      {
        name: 'xl/workbook.xml',
        data: '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: `<worksheet><sheetData>${row.repeat(50_000)}</sheetData></worksheet>`,
        declaredSize: 5000,
      },
    ]);
    const err = await errorOf(rowsOf(liar));
    expect(err.message).toBe('This spreadsheet expands to more than it declares and was refused');
  });
});

describe('readRecipientRows: XLSX date cells', () => {
  it('writes cells with a date or time format as dates, in either date system', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('S');
    sheet.addRow(['phone', 'joined', 'at', 'plain']);
    const row = sheet.addRow([
      '09121234567',
      new Date(Date.UTC(2024, 2, 15)),
      new Date(Date.UTC(2024, 2, 15, 10, 30, 0)),
      45366,
    ]);
    row.getCell(2).numFmt = 'yyyy/mm/dd';
    row.getCell(3).numFmt = '[$-409]d mmm yyyy h:mm;@';
    expect(await rowsOf(Buffer.from(await workbook.xlsx.writeBuffer()))).toEqual([
      [1, 'phone', 'joined', 'at', 'plain'],
      [2, '09121234567', '2024-03-15', '2024-03-15 10:30:00', '45366'],
    ]);
    workbook.properties.date1904 = true;
    const in1904 = await rowsOf(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(in1904[1]?.[2]).toBe('2024-03-15');
  });
});

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type ImportBatch, importRecipientFile, importRows } from './index';
import type { RecipientRow } from './row';
import { chunked, collect, errorOf, excelWorkbook } from './test-helpers';

const rows = (...cells: string[][]): RecipientRow[] => cells.map((c, i) => ({ line: i + 1, cells: c }));

/** All batches merged, plus the last batch's totals and columns. */
function merge(batches: ImportBatch[]) {
  const last = batches[batches.length - 1];
  if (!last?.done) throw new Error('no final batch');
  return {
    recipients: batches.flatMap((b) => b.recipients),
    rejected: batches.flatMap((b) => b.rejected),
    totals: last.totals,
    columns: last.columns,
    batches: batches.length,
  };
}

const run = async (input: RecipientRow[], options: Partial<Parameters<typeof importRows>[1]> = {}) =>
  merge(await collect(importRows(input, { defaultCountry: 'IR', ...options })));

describe('importRows', () => {
  it('validates, normalises and deduplicates, reporting invalid rows with their line and reason', async () => {
    const result = await run(
      rows(
        ['phone', 'name', 'city'],
        ['0912 123 4567', ' Ali ', 'Tehran'],
        ['+98 912 123 4567', 'Ali again', 'Qom'], // same number, other spelling
        ['', '', ''],
        ['۰۹۱۲۱۲۳۴۵۶۸', 'مریم', ''],
        ['call me', 'Reza', 'Karaj'],
        ['0912', 'Short', ''],
        ['', 'No phone', 'Qom'],
        ['00989121234568', 'dup in Persian digits', ''],
        ['(0912) 123-4569', '', 'Shiraz'],
      ),
    );
    expect(result.recipients).toEqual([
      { phone: '+989121234567', name: 'Ali', variables: { city: 'Tehran' } },
      { phone: '+989121234568', name: 'مریم', variables: null },
      { phone: '+989121234569', name: null, variables: { city: 'Shiraz' } },
    ]);
    expect(result.rejected).toEqual([
      { line: 6, value: 'call me', reason: 'not a phone number', problem: 'NOT_A_PHONE' },
      { line: 7, value: '0912', reason: 'not a valid phone number', problem: 'INVALID' },
      { line: 8, value: '', reason: 'empty phone number', problem: 'EMPTY' },
    ]);
    expect(result.totals).toEqual({ rows: 8, valid: 3, duplicates: 2, invalid: 3 });
    expect(result.columns).toMatchObject({ headerLine: 1, phone: 0, name: 1 });
  });

  it('yields batches of the given size and always a final batch', async () => {
    const input = rows(
      ['phone'],
      ...Array.from({ length: 25 }, (_, i) => [`0912${String(i).padStart(7, '0')}`]),
    );
    const batches = await collect(importRows(input, { defaultCountry: 'IR', batchSize: 10 }));
    expect(batches.map((b) => [b.recipients.length, b.done])).toEqual([
      [10, false],
      [10, false],
      [5, true],
    ]);
    expect(batches.map((b) => b.totals.valid)).toEqual([10, 20, 25]);
  });

  it('answers one empty batch for a header-only file or no rows at all', async () => {
    for (const input of [rows(['phone', 'name']), []]) {
      const batches = await collect(importRows(input, { defaultCountry: 'IR' }));
      expect(batches).toHaveLength(1);
      expect(batches[0]).toMatchObject({
        recipients: [],
        rejected: [],
        done: true,
        totals: { rows: 0, valid: 0, duplicates: 0, invalid: 0 },
      });
    }
  });

  it('returns the totals as the generator result too', async () => {
    const generator = importRows(rows(['09121234567'], ['bad']), { defaultCountry: 'IR' });
    let next = await generator.next();
    while (!next.done) next = await generator.next();
    expect(next.value).toEqual({ rows: 2, valid: 1, duplicates: 0, invalid: 1 });
  });

  it('uses the default country for national numbers', async () => {
    const result = await run(rows(['phone'], ['(416) 555-0123']), { defaultCountry: 'CA' });
    expect(result.recipients.map((r) => r.phone)).toEqual(['+14165550123']);
  });

  it('names the columns beyond the header colN, and truncates long values', async () => {
    const result = await run(
      rows(['phone', 'name'], ['09121234567', 'x'.repeat(300), 'extra', 'y'.repeat(1200)]),
    );
    const [recipient] = result.recipients;
    expect(recipient?.name).toHaveLength(255);
    expect(recipient?.variables).toEqual({ col3: 'extra', col4: 'y'.repeat(1000) });
  });

  it('applies a mapping', async () => {
    const result = await run(rows(['a', 'b'], ['Ali', '09121234567']), {
      mapping: { phone: 1, name: 0, skipHeader: true },
    });
    expect(result.recipients).toEqual([{ phone: '+989121234567', name: 'Ali', variables: null }]);
  });

  it('refuses more rows than the limit', async () => {
    const input = rows(['phone'], ['09121234567'], ['09121234568'], ['09121234569']);
    const err = await errorOf(run(input, { maxRows: 2 }));
    expect(err.message).toBe('The file has more than 2 rows');
    expect(err.code).toBe('TOO_MANY_ROWS');
  });

  it('streams: pulls rows as batches are taken, without reading ahead', async () => {
    let produced = 0;
    const source = (async function* () {
      yield { line: 1, cells: ['phone', 'name'] };
      for (let i = 0; i < 50_000; i++) {
        produced++;
        yield { line: i + 2, cells: [`0912${String(i).padStart(7, '0')}`, `n${i}`] };
      }
    })();
    const generator = importRows(source, { defaultCountry: 'IR', batchSize: 1000 });
    const first = await generator.next();
    expect(first.done).toBe(false);
    expect(produced).toBeLessThanOrEqual(1001);
    let last: ImportBatch | undefined;
    for await (const batch of generator) last = batch;
    expect(produced).toBe(50_000);
    expect(last?.totals).toEqual({ rows: 50_000, valid: 50_000, duplicates: 0, invalid: 0 });
  });
});

describe('importRecipientFile, end to end', () => {
  it('imports a Windows-1256 CSV with Persian headers', async () => {
    const csv =
      'نام;شماره موبایل;شهر\r\nعلی رضایی;09121234567;تهران\r\nمریم;0912-123-4567;قم\r\nرضا;شماره ندارد;کرج\r\n';
    const bytes = iconv.encode(csv.replace(/ی/g, '\u064a'), 'win1256');
    const result = merge(await collect(importRecipientFile(chunked(bytes, 16), { defaultCountry: 'IR' })));
    expect(result.recipients).toEqual([
      { phone: '+989121234567', name: 'علی رضایی', variables: { شهر: 'تهران' } },
    ]);
    expect(result.rejected).toEqual([
      { line: 4, value: 'شماره ندارد', reason: 'not a phone number', problem: 'NOT_A_PHONE' },
    ]);
    expect(result.totals).toEqual({ rows: 3, valid: 1, duplicates: 1, invalid: 1 });
  });

  it('imports the data sheet of a workbook, with Persian digits and numbers stored as numbers', async () => {
    const workbook = await excelWorkbook([
      { name: 'Notes', rows: [] },
      {
        name: 'مشتریان',
        rows: [
          ['نام و نام خانوادگی', 'تلفن همراه', 'کد تخفیف'],
          ['علی', 9121234567, 'A1'],
          ['سارا', '۰۹۱۲۱۲۳۴۵۶۸', 'B2'],
          [],
          ['بی‌شماره', null, 'C3'],
        ],
      },
    ]);
    const result = merge(
      await collect(importRecipientFile(chunked(workbook, 1000), { defaultCountry: 'IR' })),
    );
    expect(result.recipients).toEqual([
      { phone: '+989121234567', name: 'علی', variables: { 'کد تخفیف': 'A1' } },
      { phone: '+989121234568', name: 'سارا', variables: { 'کد تخفیف': 'B2' } },
    ]);
    expect(result.rejected).toEqual([{ line: 5, value: '', reason: 'empty phone number', problem: 'EMPTY' }]);
    expect(result.columns.variables).toEqual([{ index: 2, key: 'کد تخفیف' }]);
  });

  it('finds the columns of a headerless TSV from its content', async () => {
    const tsv = 'Ali\tTehran\t09121234567\nSara\tQom\t09121234568\n';
    const result = merge(await collect(importRecipientFile(chunked(tsv), { defaultCountry: 'IR' })));
    expect(result.columns).toMatchObject({ headerLine: null, phone: 2, name: 0, detectedBy: 'content' });
    expect(result.recipients).toEqual([
      { phone: '+989121234567', name: 'Ali', variables: { col2: 'Tehran' } },
      { phone: '+989121234568', name: 'Sara', variables: { col2: 'Qom' } },
    ]);
  });

  it('imports a header-only file as no rows, and refuses an empty one', async () => {
    const result = merge(
      await collect(importRecipientFile(chunked('phone,name\r\n'), { defaultCountry: 'IR' })),
    );
    expect(result.totals).toEqual({ rows: 0, valid: 0, duplicates: 0, invalid: 0 });
    const err = await errorOf(collect(importRecipientFile(chunked(''), { defaultCountry: 'IR' })));
    expect(err.message).toBe('The file is empty');
  });
});

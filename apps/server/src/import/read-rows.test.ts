import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readRecipientRows } from './read-rows';
import { asTuples, chunked, collect, errorOf, makeZip } from './test-helpers';

const rowsOf = async (bytes: Uint8Array | string, options = {}, chunk = 7) =>
  asTuples(await collect(readRecipientRows(chunked(bytes, chunk), options)));

const PERSIAN = 'شماره موبایل,نام\n09121234567,علی رضایی\n۰۹۱۲۱۲۳۴۵۶۸,مریم گلی\n';
const PERSIAN_ROWS = [
  [1, 'شماره موبایل', 'نام'],
  [2, '09121234567', 'علی رضایی'],
  [3, '۰۹۱۲۱۲۳۴۵۶۸', 'مریم گلی'],
];

describe('readRecipientRows: delimited text', () => {
  it('reads CSV with quotes, escaped quotes, newlines in cells and ragged rows', async () => {
    const csv =
      'phone,name,note\r\n09121234567,"Rezaei, Ali","said ""hi""\nthen left"\r\n09121234568,Sara\r\n';
    expect(await rowsOf(csv)).toEqual([
      [1, 'phone', 'name', 'note'],
      [2, '09121234567', 'Rezaei, Ali', 'said "hi"\nthen left'],
      [3, '09121234568', 'Sara'],
    ]);
  });

  it('numbers lines as a spreadsheet does, skipping empty rows', async () => {
    const csv = '\nphone,name\n\n09121234567,Ali\n , \n"0912\n1234568",multi\n\n09121234569,Last';
    expect(await rowsOf(csv, {}, 3)).toEqual([
      [2, 'phone', 'name'],
      [4, '09121234567', 'Ali'],
      [6, '0912\n1234568', 'multi'],
      [8, '09121234569', 'Last'],
    ]);
  });

  it('reads semicolon-separated and tab-separated files', async () => {
    expect(await rowsOf('phone;name\n09121234567;Rezaei, Ali\n')).toEqual([
      [1, 'phone', 'name'],
      [2, '09121234567', 'Rezaei, Ali'],
    ]);
    expect(await rowsOf('phone\tname\tcity\n09121234567\tAli, R\tTehran\n')).toEqual([
      [1, 'phone', 'name', 'city'],
      [2, '09121234567', 'Ali, R', 'Tehran'],
    ]);
  });

  it('accepts \\r line endings and a missing final newline', async () => {
    expect(await rowsOf('phone,name\r09121234567,Ali\r09121234568,Sara')).toEqual([
      [1, 'phone', 'name'],
      [2, '09121234567', 'Ali'],
      [3, '09121234568', 'Sara'],
    ]);
  });

  it('takes a delimiter given by the caller', async () => {
    expect(await rowsOf('a;b,c\n1;2,3\n', { delimiter: ',' })).toEqual([
      [1, 'a;b', 'c'],
      [2, '1;2', '3'],
    ]);
  });

  it('reads UTF-8 with a BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PERSIAN)]);
    expect(await rowsOf(bytes, {}, 1)).toEqual(PERSIAN_ROWS);
  });

  it('reads UTF-8 without a BOM', async () => {
    expect(await rowsOf(Buffer.from(PERSIAN), {}, 2)).toEqual(PERSIAN_ROWS);
  });

  it('reads UTF-16 LE with a BOM (Excel\'s "Unicode text", tab-separated)', async () => {
    const text = PERSIAN.replace(/,/g, '\t');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(await rowsOf(bytes, {}, 3)).toEqual(PERSIAN_ROWS);
  });

  it('reads UTF-16 BE with a BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(PERSIAN, 'utf16le').swap16()]);
    expect(await rowsOf(bytes, {}, 5)).toEqual(PERSIAN_ROWS);
  });

  it('reads Windows-1256 exports of Persian Excel', async () => {
    // Windows-1256 has neither Persian digits nor the Persian yeh (Excel writes ي for ی).
    const ascii = PERSIAN.replace('۰۹۱۲۱۲۳۴۵۶۸', '09121234568');
    const bytes = iconv.encode(ascii.replace(/ی/g, '\u064a'), 'win1256');
    expect(await rowsOf(bytes, {}, 4)).toEqual(
      PERSIAN_ROWS.map((r) => r.map((c) => (c === '۰۹۱۲۱۲۳۴۵۶۸' ? '09121234568' : c))),
    );
  });

  it('reads a Node stream', async () => {
    const rows = await collect(
      readRecipientRows(Readable.from([Buffer.from('phone\n0912'), Buffer.from('1234567\n')])),
    );
    expect(asTuples(rows)).toEqual([
      [1, 'phone'],
      [2, '09121234567'],
    ]);
  });

  it('reads the stream of a web File, as a FormData upload gives it', async () => {
    const file = new File(['phone;name\n09121234567;Ali\n'], 'anything.png');
    expect(asTuples(await collect(readRecipientRows(file.stream())))).toEqual([
      [1, 'phone', 'name'],
      [2, '09121234567', 'Ali'],
    ]);
  });

  it('answers no rows for a file of empty lines', async () => {
    expect(await rowsOf('\n\r\n  \n')).toEqual([]);
  });

  it('reports a quote that is never closed, with its row', async () => {
    const err = await errorOf(rowsOf('phone,name\n09121234567,Ali\n09121234568,"Sara\n09121234569,Reza\n'));
    expect(err.message).toBe('The quote (") that opens a cell on row 3 is never closed');
    expect(err.name).toBe('ImportError');
  });

  it('refuses rows with too many columns', async () => {
    const err = await errorOf(rowsOf(`phone${',x'.repeat(20)}\n`, { maxColumns: 10 }));
    expect(err.message).toBe('The file has more than 10 columns');
  });
});

describe('readRecipientRows: refusals', () => {
  it('refuses a 0-byte file', async () => {
    expect((await errorOf(rowsOf(''))).message).toBe('The file is empty');
    const empty = (async function* () {})();
    expect((await errorOf(collect(readRecipientRows(empty)))).message).toBe('The file is empty');
  });

  it('refuses a PNG renamed to .csv', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('0000000d49484452', 'hex'),
      Buffer.alloc(100, 7),
    ]);
    const err = await errorOf(rowsOf(png));
    expect(err.message).toBe('This file is not a CSV, TSV or Excel file');
    expect(err.code).toBe('NOT_A_TABLE');
  });

  it('refuses binary garbage without a known signature', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect((await errorOf(rowsOf(garbage))).message).toBe('This file is not a CSV, TSV or Excel file');
  });

  it('refuses a zip that is not a workbook', async () => {
    const zip = makeZip([{ name: 'photo.txt', data: 'hello' }]);
    expect(await errorOf(rowsOf(zip, {}, 100)).then((e) => e.message)).toBe(
      'This file is not a CSV, TSV or Excel file',
    );
  });

  it('refuses an oversized upload while it streams, without reading the rest', async () => {
    let produced = 0;
    const endless = (async function* () {
      for (;;) {
        produced++;
        yield Buffer.from('09121234567,Ali\n'.repeat(64)); // 1 KB
      }
    })();
    const err = await errorOf(collect(readRecipientRows(endless, { maxBytes: 10 * 1024 })));
    expect(err.message).toBe('The file is larger than 10 KB');
    expect(err.code).toBe('TOO_LARGE');
    expect(produced).toBeLessThan(20);
  });

  it('refuses an oversized XLSX upload while spooling it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chapar-test-'));
    const zip = makeZip([{ name: 'xl/workbook.xml', data: 'x'.repeat(50_000) + Math.random() }]);
    const padded = Buffer.concat([zip, Buffer.alloc(30_000, 1)]);
    const err = await errorOf(
      collect(readRecipientRows(chunked(padded, 1000), { maxBytes: 20_000, tmpDir: dir })),
    );
    expect(err.message).toBe('The file is larger than 19.5 KB');
    expect(await readdir(dir)).toEqual([]); // the spooled file is gone
  });

  it('the limit is 50 MB by default', async () => {
    let sent = 0;
    const big = (async function* () {
      // Zip-like, so that it is only spooled, not parsed.
      const chunk = Buffer.alloc(1024 * 1024);
      chunk.write('PK\x03\x04', 'latin1');
      for (let i = 0; i < 60; i++) {
        sent++;
        yield chunk;
      }
    })();
    const err = await errorOf(collect(readRecipientRows(big)));
    expect(err.message).toBe('The file is larger than 50 MB');
    expect(sent).toBe(51);
  });
});

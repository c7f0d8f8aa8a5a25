import { pickPhone } from '@chapar/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ImportBatch, ImportError, importRecipientFile, readRecipientRows } from './index';
import { chunked, handMadeXlsx, makeZip } from './test-helpers';

// Property-based tests: fast-check prints the seed and the shrunk counterexample on failure
// (re-run with `{ seed, path }` from its report to reproduce).

const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

/** Encodes text as an upload would arrive: UTF-8 (with or without BOM) or UTF-16 LE/BE. */
const encodings = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16le-bom', 'utf-16be', 'utf-16be-bom'] as const;
type Encoding = (typeof encodings)[number];
function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'utf-16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return utf16be(text);
    case 'utf-16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]);
  }
}

/** Runs the whole pipeline; answers the batches, or the error it threw. */
async function runImport(bytes: Uint8Array, chunkSize: number) {
  const batches: ImportBatch[] = [];
  try {
    for await (const batch of importRecipientFile(chunked(bytes, chunkSize), {
      defaultCountry: 'IR',
      batchSize: 7,
    })) {
      batches.push(batch);
    }
    return { batches, error: null };
  } catch (error) {
    return { batches, error };
  }
}

function expectImportErrorOrBatches(result: Awaited<ReturnType<typeof runImport>>) {
  if (result.error !== null) {
    // Anything but an ImportError (a TypeError, a csv-parse or zip error) would be a 500.
    expect(result.error).toBeInstanceOf(ImportError);
    expect((result.error as ImportError).message.trim().length).toBeGreaterThan(0);
    return;
  }
  const { batches } = result;
  expect(batches.length).toBeGreaterThan(0);
  expect(batches.slice(0, -1).every((b) => !b.done)).toBe(true);
  const last = batches[batches.length - 1] as ImportBatch;
  expect(last.done).toBe(true);
  const { totals } = last;
  expect(totals.rows).toBe(totals.valid + totals.duplicates + totals.invalid);
  expect(batches.reduce((n, b) => n + b.recipients.length, 0)).toBe(totals.valid);
  expect(batches.reduce((n, b) => n + b.rejected.length, 0)).toBe(totals.invalid);
}

/** Text that looks a little like a recipient file, so that some inputs get past the sniffing. */
const csvishChar = fc.oneof(
  fc.constantFrom(',', ';', '\t', '|', '"', '\n', '\r\n', '\r', ' ', 'phone', 'name', 'موبایل', 'نام'),
  fc.constantFrom('09121234567', '0912 123 4568', '+98 912 123 4569', '۰۹۱۲۱۲۳۴۵۷۰', 'call me', '0912'),
  fc.string({ unit: 'binary', maxLength: 3 }),
);
const anyText = fc.oneof(
  fc.string({ unit: csvishChar, maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 600 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);

const PK = [0x50, 0x4b, 0x03, 0x04];
const anyBytes = fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ maxLength: 4096 }) },
  // Past the first checks: a zip signature (read as XLSX), or a BOM (read as text).
  ...[PK, [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]].map((prefix) => ({
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 2048 }).map((rest) => Uint8Array.from([...prefix, ...rest])),
  })),
  // Bytes that are mostly printable ASCII: no binary refusal, so the CSV reader runs.
  {
    weight: 2,
    arbitrary: fc.uint8Array({ min: 0x09, max: 0x7e, maxLength: 2048 }),
  },
);

/** Workbooks: hand-made sheets of XML-ish noise, random zip parts, and bytes flipped in a real one. */
const xmlish = fc.string({
  unit: fc.oneof(
    fc.constantFrom('<row r="1">', '</row>', '<c r="A1" t="s">', '<c r="B2" t="inlineStr">', '<c>', '</c>'),
    fc.constantFrom('<v>0</v>', '<v>9121234567</v>', '<v>1e9</v>', '<is><t>x</t></is>', '<v>', '</v>', '<t>'),
    fc.constantFrom('&amp;', '&#x', '<!--', ']]>', '"', '<', '>', 'r="XFD1048577"', ' ', 'phone'),
    fc.string({ unit: 'binary', maxLength: 3 }),
  ),
  maxLength: 40,
});
const ZIP_PART_NAMES = [
  '[Content_Types].xml',
  '_rels/.rels',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/sharedStrings.xml',
  'xl/worksheets/sheet1.xml',
];
const anyWorkbook = fc.oneof(
  fc
    .tuple(
      xmlish,
      fc.array(fc.oneof(xmlish, fc.string({ maxLength: 8 })), { maxLength: 4 }),
      fc.constantFrom('', 'x'),
    )
    .map(([sheetData, shared, prefix]) => handMadeXlsx(sheetData, shared, prefix)),
  fc
    .array(fc.record({ name: fc.constantFrom(...ZIP_PART_NAMES), data: xmlish }), { maxLength: 6 })
    .map((parts) => makeZip(parts)),
  fc
    .tuple(
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      fc.boolean(),
    )
    .map(([flips, truncate]) => {
      const bytes = Uint8Array.from(
        handMadeXlsx(
          '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><v>9121234567</v></c></row>',
          ['phone'],
        ),
      );
      for (const [at, value] of flips) bytes[4 + (at % (bytes.length - 4))] = value;
      return truncate ? bytes.subarray(0, bytes.length - ((flips[0]?.[0] ?? 0) % 200)) : bytes;
    }),
);

describe('importRecipientFile / readRecipientRows on any input (properties)', () => {
  it('answers batches or an ImportError for arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(anyBytes, fc.integer({ min: 1, max: 4096 }), async (bytes, chunkSize) => {
        expectImportErrorOrBatches(await runImport(bytes, chunkSize));
      }),
      { numRuns: 300 },
    );
  });

  it('answers batches or an ImportError for damaged and odd workbooks', async () => {
    await fc.assert(
      fc.asyncProperty(anyWorkbook, fc.integer({ min: 1, max: 4096 }), async (bytes, chunkSize) => {
        expectImportErrorOrBatches(await runImport(bytes, chunkSize));
      }),
      { numRuns: 120 },
    );
  });

  it('answers batches or an ImportError for arbitrary text in UTF-8 or UTF-16', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyText,
        fc.constantFrom(...encodings),
        fc.integer({ min: 1, max: 512 }),
        async (text, encoding, chunkSize) => {
          expectImportErrorOrBatches(await runImport(encode(text, encoding), chunkSize));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads rows with increasing line numbers, or throws an ImportError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyBytes,
          fc.tuple(anyText, fc.constantFrom(...encodings)).map(([t, e]) => encode(t, e)),
        ),
        fc.integer({ min: 1, max: 1024 }),
        async (bytes, chunkSize) => {
          let previous = 0;
          try {
            for await (const row of readRecipientRows(chunked(bytes, chunkSize))) {
              expect(row.line).toBeGreaterThan(previous);
              expect(row.cells.every((c) => typeof c === 'string')).toBe(true);
              previous = row.line;
            }
          } catch (error) {
            expect(error).toBeInstanceOf(ImportError);
            expect((error as ImportError).message.trim().length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

// --- generated recipient files ------------------------------------------------------------

const allocated = fc
  .tuple(fc.constantFrom('912', '935', '901', '990', '921'), fc.integer({ min: 0, max: 30 }))
  .map(([prefix, n]) => `${prefix}${String(1_234_500 + n)}`); // a small pool: duplicates happen
const validPhone = fc
  .tuple(
    allocated,
    fc.constantFrom(
      (d: string) => `0${d}`,
      (d: string) => `0${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`,
      (d: string) => `(0${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`,
      (d: string) => `+98 ${d}`,
      (d: string) => `0098${d}`,
      (d: string) => `0${d}`.replace(/\d/g, (c) => String.fromCharCode(0x06f0 + Number(c))),
      (d: string) => `0${d}`.replace(/\d/g, (c) => String.fromCharCode(0x0660 + Number(c))),
      (d: string) => ` 0${d} `,
    ),
  )
  .map(([digits, write]) => write(digits));
const invalidPhone = fc.oneof(
  fc.constantFrom(
    'call me',
    '0912',
    '',
    '   ',
    '12345',
    'n/a',
    '0912-abc',
    '+98',
    '"quoted"',
    'a,b;c',
    'x\ty',
  ),
  fc.stringMatching(/^[0-9]{1,5}$/),
  fc.string({ unit: fc.constantFrom('a', 'ب', ' ', ',', ';', '"', '\n', '-', '#'), maxLength: 12 }),
);
const nameCell = fc.constantFrom('Ali', 'Sara Karimi', 'مریم', 'رضا رضایی', 'Dr. "Bob"', 'Smith, J', 'x;y');

interface DataRow {
  phone: string;
  name: string;
  /** Empty lines before this row (they still count in the line numbers). */
  blankBefore: number;
  quotePhone: boolean;
  quoteName: boolean;
}

const dataRow: fc.Arbitrary<DataRow> = fc.record({
  phone: fc.oneof({ weight: 3, arbitrary: validPhone }, { weight: 2, arbitrary: invalidPhone }),
  name: nameCell,
  blankBefore: fc.oneof(
    { weight: 4, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ max: 2, min: 1 }) },
  ),
  quotePhone: fc.boolean(),
  quoteName: fc.boolean(),
});

/** A cell as a spreadsheet would write it: quoted when it must be, or when asked. */
const cell = (value: string, quote: boolean) =>
  quote || /[,;\t|"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

describe('importRecipientFile on generated CSV files (properties)', () => {
  it('adds up its totals and points every rejected row at the line that holds the value', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(dataRow, { minLength: 1, maxLength: 40 }),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.constantFrom('phone', 'Mobile', 'شماره موبایل'),
        // BOM-less UTF-16 is only recognised for mostly-Latin text (its zero bytes), as documented.
        fc.constantFrom<Encoding>('utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16be-bom'),
        fc.integer({ min: 1, max: 300 }),
        fc.boolean(),
        async (rows, delimiter, eol, phoneHeader, encoding, chunkSize, finalEol) => {
          // Line 1 is the header; the line of each data row follows from the blank lines.
          const lines = [`${cell(phoneHeader, false)}${delimiter}name`];
          const lineOf = new Map<number, DataRow>();
          for (const row of rows) {
            for (let i = 0; i < row.blankBefore; i++) lines.push('');
            lines.push(`${cell(row.phone, row.quotePhone)}${delimiter}${cell(row.name, row.quoteName)}`);
            lineOf.set(lines.length, row);
          }
          const text = lines.join(eol) + (finalEol ? eol : '');

          const result = await runImport(encode(text, encoding), chunkSize);
          if (result.error) throw result.error;
          expectImportErrorOrBatches(result);
          const last = result.batches[result.batches.length - 1] as ImportBatch;
          expect(last.columns).toMatchObject({ headerLine: 1, phone: 0, name: 1 });

          // The model: pickPhone on each row's cell (one number or several), the first of each number kept.
          const seen = new Set<string>();
          const expected = { rows: rows.length, valid: 0, duplicates: 0, invalid: 0 };
          for (const row of rows) {
            const phone = pickPhone(row.phone, 'IR');
            if (!phone.ok) expected.invalid++;
            else if (seen.has(phone.e164)) expected.duplicates++;
            else {
              seen.add(phone.e164);
              expected.valid++;
            }
          }
          expect(last.totals).toEqual(expected);

          const rejected = result.batches.flatMap((b) => b.rejected);
          for (const r of rejected) {
            const row = lineOf.get(r.line);
            expect(row, `rejected line ${r.line} is not a data row`).toBeDefined();
            expect(r.value).toBe((row as DataRow).phone.trim().slice(0, 100));
            const phone = pickPhone((row as DataRow).phone, 'IR');
            expect(phone.ok).toBe(false);
            if (!phone.ok) expect(r.reason).toBe(phone.reason);
          }
          expect(new Set(rejected.map((r) => r.line)).size).toBe(rejected.length);
        },
      ),
      { numRuns: 250 },
    );
  });
});

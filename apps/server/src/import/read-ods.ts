/**
 * OpenDocument spreadsheets (`.ods`, LibreOffice Calc's own format): `content.xml` streamed
 * through saxes, one table after another (see zip-spreadsheet.ts for why not a library).
 *
 * What Calc writes that matters here: a cell's value is in attributes by type (a number's
 * `office:value`, so 9121234567 stored as a number reads "9121234567" whatever its display
 * format; `office:date-value`; `office:boolean-value`) and a text cell's in its `<text:p>`
 * paragraphs (with `<text:s text:c="3"/>` for runs of spaces); empty cells and rows are
 * run-length encoded (`table:number-columns-repeated`, `table:number-rows-repeated`, often a
 * million empty rows at the end of a sheet), so repeats are counted, never materialised, and a
 * repeated non-empty row is expanded only as it is read; comments (`office:annotation`) are not
 * cell text; a hidden sheet's table style says `table:display="false"`.
 */
import type { Entry, ZipFile } from 'yauzl';
import { ImportError } from './errors';
import { isBlankRow, type RecipientRow } from './row';
import { noSuchSheet, openEntry, parsePart, sameSheetName, type ZipParts } from './zip-parts';

export interface OdsOptions {
  sheet?: string | number | undefined;
  maxColumns: number;
}

const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

/** A zip whose `mimetype` part names an OpenDocument spreadsheet (its first part, by the spec). */
export async function isOdsPackage({ zip, part }: ZipParts): Promise<boolean> {
  const mimetype = part('mimetype');
  if (!mimetype || mimetype.uncompressedSize > 200 || !part('content.xml')) return false;
  let text = '';
  for await (const chunk of streamOf(zip, mimetype)) text += chunk;
  // An ODS template (.ots) is read the same way.
  return text.trim().startsWith(ODS_MIMETYPE);
}

async function* streamOf(zip: ZipFile, entry: Entry): AsyncGenerator<string> {
  const stream = await openEntry(zip, entry);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk.toString('latin1');
  } finally {
    stream.destroy();
  }
}

/** Numbers as a cell of General format shows them: 9.12E+9 → "9120000000". */
function numberText(raw: string): string {
  if (!/[eE]/.test(raw)) return raw;
  const n = Number(raw);
  return Number.isFinite(n) && Number.isInteger(n) && Math.abs(n) < 1e21 ? String(n) : raw;
}

const repeatOf = (value: string | undefined) => {
  const n = value === undefined ? 1 : Number.parseInt(value, 10);
  return Number.isFinite(n) && n >= 1 ? n : 1;
};

interface RepeatedRow {
  row: RecipientRow;
  /** How many times the row stands in the sheet (`table:number-rows-repeated`). */
  repeat: number;
}

export async function* readOdsRows(
  { zip, part }: ZipParts,
  options: OdsOptions,
): AsyncGenerator<RecipientRow> {
  const wanted = options.sheet === '' ? undefined : options.sheet;
  const names: string[] = [];
  const hiddenStyles = new Set<string>();
  let styleName: string | null = null; // the table style being read (automatic styles come first)
  let out: RepeatedRow[] = [];
  let matched = false; // a table was the one asked for
  let taking = false; // the current table's rows are the ones imported
  let taken = false; // a table's rows were imported: the later tables are not

  let tableIndex = 0;
  let lineNumber = 0; // the current table's rows so far, repeats included
  let rowRepeat = 1;
  let rowHasRows = false;
  let cells: string[] = [];
  let col = 0;
  let cellRepeat = 1;
  let cellValue: string | null = null; // from the attributes; null: the paragraphs' text
  let paragraphs: string[] | null = null;
  let paragraph = '';
  let inCell = false;
  let annotationDepth = 0;
  let inParagraph = false;
  const inText = () => inParagraph && annotationDepth === 0;

  const parse = parsePart<RepeatedRow>(
    zip,
    part('content.xml') as Entry,
    {
      open(name, a) {
        switch (name) {
          case 'style':
            styleName = a['style:family'] === 'table' ? (a['style:name'] ?? null) : null;
            break;
          case 'table-properties':
            if (styleName && a['table:display'] === 'false') hiddenStyles.add(styleName);
            break;
          case 'table': {
            tableIndex++;
            const sheetName = a['table:name'] ?? `Sheet${tableIndex}`;
            names.push(sheetName);
            const hidden = hiddenStyles.has(a['table:style-name'] ?? '');
            const isWanted =
              wanted === undefined
                ? !hidden
                : typeof wanted === 'number'
                  ? tableIndex === wanted
                  : sameSheetName(sheetName, wanted);
            if (isWanted) matched = true;
            taking = isWanted && !taken;
            lineNumber = 0;
            rowHasRows = false;
            break;
          }
          case 'table-row':
            rowRepeat = repeatOf(a['table:number-rows-repeated']);
            cells = [];
            col = 0;
            break;
          case 'table-cell':
          case 'covered-table-cell':
            inCell = true;
            cellRepeat = repeatOf(a['table:number-columns-repeated']);
            cellValue = attributeValue(a);
            paragraphs = null;
            break;
          case 'annotation':
            annotationDepth++;
            break;
          case 'p':
          case 'h':
            if (inCell && annotationDepth === 0) {
              inParagraph = true;
              paragraph = '';
            }
            break;
          case 's':
            if (inText()) paragraph += ' '.repeat(Math.min(repeatOf(a['text:c']), 1000));
            break;
          case 'tab':
            if (inText()) paragraph += '\t';
            break;
          case 'line-break':
            if (inText()) paragraph += '\n';
            break;
        }
      },
      text(text) {
        if (inText()) paragraph += text;
      },
      close(name) {
        switch (name) {
          case 'p':
          case 'h':
            if (inText()) {
              inParagraph = false;
              paragraphs ??= [];
              paragraphs.push(paragraph);
            }
            break;
          case 'annotation':
            annotationDepth--;
            break;
          case 'table-cell':
          case 'covered-table-cell': {
            inCell = false;
            const text = taking ? (cellValue ?? paragraphs?.join('\n') ?? '') : '';
            if (text !== '') {
              if (col + cellRepeat > options.maxColumns) {
                throw new ImportError(
                  'TOO_MANY_COLUMNS',
                  `The file has more than ${options.maxColumns} columns`,
                );
              }
              while (cells.length < col) cells.push('');
              for (let i = 0; i < cellRepeat; i++) cells.push(text);
            }
            col += cellRepeat;
            break;
          }
          case 'table-row': {
            const line = lineNumber + 1;
            lineNumber += rowRepeat;
            if (taking && cells.length > 0 && !isBlankRow(cells)) {
              out.push({ row: { line, cells }, repeat: rowRepeat });
              rowHasRows = true;
            }
            break;
          }
          case 'table':
            if (taking && rowHasRows) taken = true;
            taking = false;
            break;
        }
      },
    },
    () => {
      const rows = out;
      out = [];
      return rows;
    },
  );

  for await (const { row, repeat } of parse) {
    yield row;
    // A non-empty row repeated (a bomb could repeat one a billion times) is expanded as read.
    for (let i = 1; i < repeat; i++) yield { line: row.line + i, cells: [...row.cells] };
  }
  if (wanted !== undefined && !matched) throw noSuchSheet(wanted, names);
}

/** The value a cell's attributes hold, or null for text (read from its paragraphs). */
function attributeValue(a: Record<string, string>): string | null {
  switch (a['office:value-type']) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const value = a['office:value'];
      return value === undefined ? null : numberText(value.trim());
    }
    case 'date': {
      // 2024-03-15, or 2024-03-15T10:30:00 written as the XLSX reader writes it.
      const value = a['office:date-value'];
      return value === undefined ? null : value.replace('T', ' ').replace(/\.\d+$/, '');
    }
    case 'boolean': {
      const value = a['office:boolean-value'];
      return value === 'true' ? 'TRUE' : value === 'false' ? 'FALSE' : null;
    }
    default:
      return null;
  }
}

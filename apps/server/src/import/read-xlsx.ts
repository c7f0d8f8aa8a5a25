/**
 * XLSX (Office Open XML) workbooks: the workbook, its relationships, the shared strings and
 * one sheet at a time, each part streamed through saxes (see zip-spreadsheet.ts for why).
 * Memory stays flat except for the shared-strings table, which an XLSX needs in full before
 * its first row (bounded by the uncompressed-size limit).
 */
import { posix } from 'node:path';
import type { Entry, ZipFile } from 'yauzl';
import { ImportError } from './errors';
import { isBlankRow, type RecipientRow } from './row';
import { consumePart, noSuchSheet, parsePart, sameSheetName, type ZipParts } from './zip-parts';

export interface XlsxOptions {
  sheet?: string | number | undefined;
  maxColumns: number;
}

/** The rows of the chosen sheet, or null when the zip holds no workbook. */
export async function readXlsxRows(
  { zip, part }: ZipParts,
  options: XlsxOptions,
): Promise<AsyncGenerator<RecipientRow> | null> {
  const workbookPath = (await officeDocumentPath(zip, part('_rels/.rels'))) ?? 'xl/workbook.xml';
  const workbookEntry = part(workbookPath);
  if (!workbookEntry) return null;
  const base = posix.dirname(workbookPath);
  const relsEntry = part(posix.join(base, '_rels', `${posix.basename(workbookPath)}.rels`));
  const rels = relsEntry ? await readRelationships(zip, relsEntry) : [];
  const target = (r: Relationship) =>
    r.target.startsWith('/') ? r.target.slice(1) : posix.normalize(posix.join(base, r.target));

  const sharedStringsRel = rels.find((r) => r.type.endsWith('/sharedStrings'));
  const sharedStringsEntry = part(
    sharedStringsRel ? target(sharedStringsRel) : posix.join(base, 'sharedStrings.xml'),
  );
  const sharedStrings = sharedStringsEntry ? await readSharedStrings(zip, sharedStringsEntry) : [];
  const stylesRel = rels.find((r) => r.type.endsWith('/styles'));
  const stylesEntry = part(stylesRel ? target(stylesRel) : posix.join(base, 'styles.xml'));
  const dates: DateCells = {
    styles: stylesEntry ? await readDateStyles(zip, stylesEntry) : new Set(),
    epoch: 0,
  };

  const sheets = (await readSheetList(zip, workbookEntry, dates)).flatMap((sheet) => {
    const rel = rels.find((r) => r.id === sheet.relId);
    const entry = rel?.type.endsWith('/worksheet') ? part(target(rel)) : undefined;
    return entry ? [{ ...sheet, entry }] : [];
  });
  const chosen = chooseSheets(sheets, options.sheet);

  return (async function* () {
    for (const sheet of chosen) {
      let found = false;
      for await (const row of readSheet(zip, sheet.entry, sharedStrings, dates, options.maxColumns)) {
        found = true;
        yield row;
      }
      if (found) break; // the first sheet with rows is the one
    }
  })();
}

interface SheetInfo {
  name: string;
  relId: string;
  hidden: boolean;
}

function chooseSheets<T extends SheetInfo>(sheets: T[], wanted: string | number | undefined): T[] {
  if (wanted === undefined || wanted === '') {
    const visible = sheets.filter((s) => !s.hidden);
    return visible.length > 0 ? visible : sheets;
  }
  const match =
    typeof wanted === 'number' ? sheets[wanted - 1] : sheets.find((s) => sameSheetName(s.name, wanted));
  if (!match)
    throw noSuchSheet(
      wanted,
      sheets.map((s) => s.name),
    );
  return [match];
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

async function readRelationships(zip: ZipFile, entry: Entry): Promise<Relationship[]> {
  const rels: Relationship[] = [];
  await consumePart(zip, entry, {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target && a.TargetMode !== 'External') {
        rels.push({ id: a.Id, type: a.Type ?? '', target: a.Target });
      }
    },
  });
  return rels;
}

async function officeDocumentPath(zip: ZipFile, rootRels: Entry | undefined): Promise<string | null> {
  if (!rootRels) return null;
  const rel = (await readRelationships(zip, rootRels)).find((r) => r.type.endsWith('/officeDocument'));
  return rel ? rel.target.replace(/^\/+/, '') : null;
}

async function readSheetList(zip: ZipFile, workbook: Entry, dates: DateCells): Promise<SheetInfo[]> {
  const sheets: SheetInfo[] = [];
  await consumePart(zip, workbook, {
    open(name, a) {
      if (name === 'workbookPr' && (a.date1904 === '1' || a.date1904 === 'true'))
        dates.epoch = DAYS_1900_TO_1904;
      if (name !== 'sheet') return;
      // The relationship id is `r:id`, whatever the prefix is called.
      const idKey = Object.keys(a).find((k) => k.endsWith(':id'));
      sheets.push({
        name: a.name ?? `Sheet${sheets.length + 1}`,
        relId: (idKey && a[idKey]) || '',
        hidden: a.state === 'hidden' || a.state === 'veryHidden',
      });
    },
  });
  return sheets;
}

// --- date cells ------------------------------------------------------------------------------
//
// A date in an XLSX is a number (days since 1899-12-30, or since 1904-01-01 in a workbook saved
// with the 1904 date system) whose cell style has a date format. Read as a number it would
// become a variable like "45366"; it is written as ODS files and people write it instead:
// 2024-03-15, or 2024-03-15 10:30:00 with a time.

interface DateCells {
  /** Indexes of the cell styles (`<c s="…">`) whose number format is a date or time. */
  styles: Set<number>;
  /** Days between the workbook's day 0 and 1899-12-30. */
  epoch: number;
}

const DAYS_1900_TO_1904 = 1462;
const UNIX_EPOCH_SERIAL = 25569; // 1970-01-01 in the 1900 date system
/** Built-in number formats that are dates or times (ECMA-376 §18.8.30, and the East Asian ones). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** A format code with a date or time part (ignoring quoted text, escapes and [colour] tags). */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[(?![hms]+\])[^\]]*\]/gi, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

async function readDateStyles(zip: ZipFile, entry: Entry): Promise<Set<number>> {
  const customDates = new Set<number>();
  const styles = new Set<number>();
  let inCellXfs = false;
  let xfIndex = 0;
  await consumePart(zip, entry, {
    open(name, a) {
      if (name === 'numFmt' && a.numFmtId && a.formatCode && isDateFormat(a.formatCode)) {
        customDates.add(Number(a.numFmtId));
      } else if (name === 'cellXfs') {
        inCellXfs = true;
      } else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        if (BUILT_IN_DATE_FORMATS.has(id) || customDates.has(id)) styles.add(xfIndex);
        xfIndex++;
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A serial date as text: 45366 → "2024-03-15", 45366.4375 → "2024-03-15 10:30:00". */
function dateText(raw: string, epoch: number): string {
  const serial = Number(raw);
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465) return raw; // past 9999-12-31
  const ms = Math.round((serial + epoch - UNIX_EPOCH_SERIAL) * 86_400_000);
  const d = new Date(ms);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (serial < 1) return time;
  return Number.isInteger(serial) ? day : `${day} ${time}`;
}

/** Excel writes characters XML cannot hold as `_xHHHH_`. */
function unescapeOoxml(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

async function readSharedStrings(zip: ZipFile, entry: Entry): Promise<string[]> {
  const strings: string[] = [];
  let current = '';
  let inT = false;
  let inPhonetic = false;
  await consumePart(zip, entry, {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 't' && !inPhonetic) inT = true;
      else if (name === 'rPh') inPhonetic = true;
    },
    text(text) {
      if (inT) current += text;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') strings.push(unescapeOoxml(current));
    },
  });
  return strings;
}

/** `"AB12"` → 27 (0-based column); -1 when there are no letters. */
function columnIndex(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

/** Numbers as Excel shows them in a cell of General format: 9.12E+9 → "9120000000". */
function numberText(raw: string): string {
  if (!/[eE]/.test(raw)) return raw;
  const n = Number(raw);
  return Number.isFinite(n) && Number.isInteger(n) && Math.abs(n) < 1e21 ? String(n) : raw;
}

function readSheet(
  zip: ZipFile,
  entry: Entry,
  sharedStrings: string[],
  dates: DateCells,
  maxColumns: number,
) {
  let out: RecipientRow[] = [];
  let style = 0;
  let rowNumber = 0;
  let cells: string[] = [];
  let col = -1;
  let type = '';
  let value = '';
  let inValue = false;
  let inInline = false;
  let inText = false;
  let inPhonetic = false;

  const cellText = (): string => {
    switch (type) {
      case 's':
        return sharedStrings[Number.parseInt(value, 10)] ?? '';
      case 'inlineStr':
      case 'str':
        return unescapeOoxml(value);
      case 'b':
        return value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
      case 'e':
      case 'd':
        return value;
      default:
        return dates.styles.has(style) ? dateText(value.trim(), dates.epoch) : numberText(value.trim());
    }
  };

  return parsePart<RecipientRow>(
    zip,
    entry,
    {
      open(name, a) {
        switch (name) {
          case 'row': {
            const r = a.r ? Number.parseInt(a.r, 10) : Number.NaN;
            rowNumber = Number.isFinite(r) && r > rowNumber ? r : rowNumber + 1;
            cells = [];
            col = -1;
            break;
          }
          case 'c': {
            const ref = a.r ? columnIndex(a.r) : -1;
            col = ref >= 0 ? ref : col + 1;
            type = a.t ?? 'n';
            style = a.s ? Number(a.s) : 0;
            value = '';
            break;
          }
          case 'v':
            inValue = true;
            break;
          case 'is':
            inInline = true;
            break;
          case 't':
            if (inInline && !inPhonetic) inText = true;
            break;
          case 'rPh':
            inPhonetic = true;
            break;
        }
      },
      text(text) {
        if (inValue || inText) value += text;
      },
      close(name) {
        switch (name) {
          case 'v':
            inValue = false;
            break;
          case 't':
            inText = false;
            break;
          case 'is':
            inInline = false;
            break;
          case 'rPh':
            inPhonetic = false;
            break;
          case 'c': {
            if (value === '') break; // styled empty cells are common and say nothing
            const text = cellText();
            if (text === '') break;
            if (col >= maxColumns) {
              throw new ImportError('TOO_MANY_COLUMNS', `The file has more than ${maxColumns} columns`);
            }
            while (cells.length < col) cells.push('');
            cells[col] = text;
            break;
          }
          case 'row':
            if (cells.length > 0 && !isBlankRow(cells)) out.push({ line: rowNumber, cells });
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
}

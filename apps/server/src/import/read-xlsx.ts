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

  const sheets = (await readSheetList(zip, workbookEntry)).flatMap((sheet) => {
    const rel = rels.find((r) => r.id === sheet.relId);
    const entry = rel?.type.endsWith('/worksheet') ? part(target(rel)) : undefined;
    return entry ? [{ ...sheet, entry }] : [];
  });
  const chosen = chooseSheets(sheets, options.sheet);

  return (async function* () {
    for (const sheet of chosen) {
      let found = false;
      for await (const row of readSheet(zip, sheet.entry, sharedStrings, options.maxColumns)) {
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

async function readSheetList(zip: ZipFile, workbook: Entry): Promise<SheetInfo[]> {
  const sheets: SheetInfo[] = [];
  await consumePart(zip, workbook, {
    open(name, a) {
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

function readSheet(zip: ZipFile, entry: Entry, sharedStrings: string[], maxColumns: number) {
  let out: RecipientRow[] = [];
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
        return numberText(value.trim());
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

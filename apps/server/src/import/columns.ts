import { type CountryCode, pickPhone, stripBidiControls, toAsciiDigits } from '@chapar/domain';
import { ImportError } from './errors';
import type { RecipientRow } from './row';

/** A column by 0-based index, or by its header text (case- and space-insensitive). */
export type ColumnRef = number | string;

export interface ColumnMapping {
  phone: ColumnRef;
  /** null: the file has no name column. Omitted: found from the header, as without a mapping. */
  name?: ColumnRef | null;
  /** Whether the first non-empty row is a header. Default: decided from that row. */
  skipHeader?: boolean;
}

export interface ColumnLayout {
  /** The header row's line, or null when the file has none. */
  headerLine: number | null;
  phone: number;
  /**
   * Every column a row's number is taken from, `phone` first, then the other phone headings
   * by preference (Outlook's Mobile, Business and Home Phone; Google's Phone 1, 2 - Value).
   */
  phones: number[];
  name: number | null;
  /** The columns joined into the name: `[name]`, or first, middle and last name; [] for none. */
  nameParts: number[];
  /** Every other column of the header (or of the sample rows) with its variable key. */
  variables: Array<{ index: number; key: string }>;
  detectedBy: 'mapping' | 'header' | 'content';
  /** What the report shows of the choice: the headings of `phones` and `nameParts` ("Column 3" without one). */
  labels: { phone: string[]; name: string[] };
}

export interface ResolvedColumns {
  layout: ColumnLayout;
  /** Index in the sample of the first data row (rows before it are the header and titles). */
  dataStart: number;
}

const MAX_KEY_LENGTH = 64;
/** Rows above the header (a title, a date) are tolerated up to this far down. */
const HEADER_SEARCH_ROWS = 10;

/** Lower case, Persian letters for Arabic ي/ك, ASCII digits, and no spaces or punctuation. */
export function normalizeHeader(text: string): string {
  return toAsciiDigits(text)
    .toLowerCase()
    .replace(/\u064a/g, '\u06cc')
    .replace(/\u0643/g, '\u06a9')
    .replace(/[\s\u200b-\u200f\u202a-\u202e\ufeff_.:#*()[\]\-–/\\]+/g, '');
}

// Normalised header → rank (lower is preferred when several columns match).
const PHONE_HEADERS = new Map<string, number>([
  ['whatsapp', 0],
  ['whatsappnumber', 0],
  ['واتساپ', 0],
  ['شمارهواتساپ', 0],
  ['mobile', 1],
  ['mobilenumber', 1],
  ['mobilephone', 1],
  ['mobilephonenumber', 1],
  ['cell', 1],
  ['cellphone', 1],
  ['cellnumber', 1],
  ['موبایل', 1],
  ['شمارهموبایل', 1],
  ['همراه', 1],
  ['تلفنهمراه', 1],
  ['شمارههمراه', 1],
  ['phone', 2],
  ['phonenumber', 2],
  ['msisdn', 2],
  ['تلفن', 2],
  ['شمارهتلفن', 2],
  ['شمارهتماس', 2],
  ['tel', 3],
  ['telephone', 3],
  ['contactnumber', 3],
  // Outlook's other numbers.
  ['primaryphone', 3],
  ['homephone', 3],
  ['homephone2', 3],
  ['businessphone', 3],
  ['businessphone2', 3],
  ['otherphone', 3],
  ['carphone', 3],
  ['companymainphone', 3],
  ['تلفنثابت', 3],
  ['number', 4],
  ['شماره', 4],
]);

const NAME_HEADERS = new Map<string, number>([
  ['name', 0],
  ['fullname', 0],
  ['displayname', 0],
  ['نام', 0],
  ['نامونامخانوادگی', 0],
  ['نامکامل', 0],
  ['اسم', 0],
  ['customername', 1],
  ['contactname', 1],
  ['ناممشتری', 1],
  ['customer', 2],
  ['مشتری', 2],
  ['firstname', 3],
  ['givenname', 3],
  ['نامکوچک', 3],
]);

/** A first name heading: the name is it joined with the middle and last name columns. */
const GIVEN_NAME_HEADERS = new Set(['firstname', 'givenname', 'نامکوچک']);
const MIDDLE_NAME_HEADERS = new Set(['middlename', 'additionalname', 'ناممیانی']);
const FAMILY_NAME_HEADERS = new Set(['lastname', 'familyname', 'surname', 'نامخانوادگی']);
/** «نام» beside «نام خانوادگی» is the first name, as Iranian CRMs export it. */
const PERSIAN_NAME = 'نام';

type RankTable = (normalized: string) => number | undefined;

/** Google Contacts' "Phone 1 - Value" (not its "- Type" or "- Label"), ranked as "phone". */
const GOOGLE_PHONE_VALUE = /^phone\d+value$/;
const phoneRank: RankTable = (h) => PHONE_HEADERS.get(h) ?? (GOOGLE_PHONE_VALUE.test(h) ? 2 : undefined);
const nameRank: RankTable = (h) => NAME_HEADERS.get(h);

const isPhone = (cell: string | undefined, country: CountryCode) =>
  cell !== undefined && cell.trim() !== '' && pickPhone(cell, country).ok;
const hasLetter = (cell: string | undefined) => cell !== undefined && /\p{L}/u.test(cell);

function bestMatch(cells: readonly string[], table: RankTable, skip: number | null): number | null {
  let best: number | null = null;
  let bestRank = Number.POSITIVE_INFINITY;
  cells.forEach((cell, index) => {
    if (index === skip) return;
    const rank = table(normalizeHeader(cell));
    if (rank !== undefined && rank < bestRank) {
      best = index;
      bestRank = rank;
    }
  });
  return best;
}

/** Column with the most cells that normalise to a valid phone, or null when none does. */
function phoneColumnFromContent(
  rows: readonly RecipientRow[],
  country: CountryCode,
  among?: number[],
): number | null {
  const width = Math.max(0, ...rows.map((r) => r.cells.length));
  let best: number | null = null;
  let bestCount = 0;
  for (let c = 0; c < width; c++) {
    if (among && !among.includes(c)) continue;
    let count = 0;
    for (const row of rows) if (isPhone(row.cells[c], country)) count++;
    if (count > bestCount) {
      best = c;
      bestCount = count;
    }
  }
  return best;
}

/** The mostly-text column (letters in at least half the rows), or null. */
function nameColumnFromContent(rows: readonly RecipientRow[], phone: number): number | null {
  const width = Math.max(0, ...rows.map((r) => r.cells.length));
  let best: number | null = null;
  let bestCount = 0;
  for (let c = 0; c < width; c++) {
    if (c === phone) continue;
    let count = 0;
    for (const row of rows) {
      const cell = row.cells[c];
      if (cell && hasLetter(cell) && !/\d{5}/.test(toAsciiDigits(cell))) count++;
    }
    if (count > bestCount) {
      best = c;
      bestCount = count;
    }
  }
  return best !== null && bestCount * 2 >= rows.length ? best : null;
}

function headerIndexOf(header: readonly string[], ref: ColumnRef, what: string): number {
  if (typeof ref === 'number') {
    if (!Number.isInteger(ref) || ref < 0)
      throw new ImportError('BAD_MAPPING', `The ${what} column is not valid`);
    return ref;
  }
  const wanted = normalizeHeader(ref);
  const index = header.findIndex((cell) => normalizeHeader(cell) === wanted);
  if (index === -1) throw new ImportError('BAD_MAPPING', `There is no column "${ref.trim()}" in the file`);
  return index;
}

/** Variable keys from the header: trimmed, `col3` for a blank one, `city_2` for a repeated one. */
function variableColumns(
  header: readonly string[] | null,
  width: number,
  phone: number,
  name: number | null,
): Array<{ index: number; key: string }> {
  const used = new Set(['name', 'phone']);
  const variables: Array<{ index: number; key: string }> = [];
  for (let index = 0; index < width; index++) {
    if (index === phone || index === name) continue;
    const base =
      stripBidiControls(header?.[index] ?? '')
        .trim()
        .slice(0, MAX_KEY_LENGTH) || `col${index + 1}`;
    let key = base;
    for (let n = 2; used.has(key.toLowerCase()); n++) key = `${base.slice(0, MAX_KEY_LENGTH - 4)}_${n}`;
    used.add(key.toLowerCase());
    variables.push({ index, key });
  }
  return variables;
}

/**
 * Finds the header (if any) and the phone, name and variable columns from the first rows.
 * With a mapping, uses it. Without one: a row (among the first few) with a recognised phone
 * or name heading is the header; without such a row, the phone column is the one where most
 * rows hold a valid phone, the name column the mostly-text one, and the first row is a header
 * when it holds words where the phones are.
 */
export function resolveColumns(
  sample: readonly RecipientRow[],
  mapping: ColumnMapping | undefined,
  country: CountryCode,
): ResolvedColumns {
  const width = Math.max(0, ...sample.map((r) => r.cells.length));
  const first = sample[0];
  if (!first) {
    return {
      layout: {
        headerLine: null,
        phone: 0,
        phones: [0],
        name: null,
        nameParts: [],
        variables: [],
        detectedBy: 'content',
        labels: { phone: [], name: [] },
      },
      dataStart: 0,
    };
  }

  if (mapping) {
    const byHeaderText = typeof mapping.phone === 'string' || typeof mapping.name === 'string';
    let headerAt = -1;
    if (byHeaderText) {
      // The header is the first row that holds the named column(s).
      const named = [mapping.phone, mapping.name]
        .filter((r): r is string => typeof r === 'string')
        .map(normalizeHeader);
      headerAt = sample
        .slice(0, HEADER_SEARCH_ROWS)
        .findIndex((row) => named.every((n) => row.cells.some((cell) => normalizeHeader(cell) === n)));
      if (headerAt === -1) {
        const missing = [mapping.phone, mapping.name].find((r) => typeof r === 'string') as string;
        throw new ImportError('BAD_MAPPING', `There is no column "${missing.trim()}" in the file`);
      }
    } else if (mapping.skipHeader === true) {
      headerAt = 0;
    } else if (mapping.skipHeader === undefined) {
      const phoneCell = first.cells[mapping.phone as number];
      const looksLikeHeader =
        (!isPhone(phoneCell, country) && hasLetter(phoneCell)) ||
        bestMatch(first.cells, phoneRank, null) !== null;
      headerAt = looksLikeHeader ? 0 : -1;
    }
    const header = headerAt >= 0 ? (sample[headerAt]?.cells ?? []) : null;
    const phone = headerIndexOf(header ?? [], mapping.phone, 'phone');
    if (phone >= width && width > 0) {
      throw new ImportError('BAD_MAPPING', `The file has only ${width} column${width === 1 ? '' : 's'}`);
    }
    let name: number | null;
    if (mapping.name === null) name = null;
    else if (mapping.name === undefined) name = header ? bestMatch(header, nameRank, phone) : null;
    else name = headerIndexOf(header ?? [], mapping.name, 'name');
    if (name !== null && name >= width && width > 0) {
      throw new ImportError('BAD_MAPPING', `The file has only ${width} column${width === 1 ? '' : 's'}`);
    }
    if (name === phone) {
      throw new ImportError('BAD_MAPPING', 'The phone and the name cannot be the same column');
    }
    return {
      layout: {
        headerLine: headerAt >= 0 ? (sample[headerAt]?.line ?? null) : null,
        phone,
        phones: [phone],
        name,
        nameParts: name === null ? [] : [name],
        variables: variableColumns(header, Math.max(width, (header ?? []).length), phone, name),
        detectedBy: 'mapping',
        labels: labelsOf(header, [phone], name === null ? [] : [name]),
      },
      dataStart: headerAt + 1,
    };
  }

  // A header with a phone heading (titles above it are skipped); else one with a name heading.
  const searched = sample.slice(0, HEADER_SEARCH_ROWS);
  let headerAt = searched.findIndex((row) => {
    const c = bestMatch(row.cells, phoneRank, null);
    return c !== null && !isPhone(row.cells[c], country);
  });
  if (headerAt === -1) headerAt = searched.findIndex((row) => bestMatch(row.cells, nameRank, null) !== null);
  if (headerAt >= 0) {
    const header = sample[headerAt]?.cells ?? [];
    const data = sample.slice(headerAt + 1);
    // Among several phone headings, the one whose cells hold phones wins, then the rank; the
    // others holding phones are fallbacks, mobile headings first, for rows where it is empty.
    const score = (index: number) => data.filter((r) => isPhone(r.cells[index], country)).length;
    const candidates = header
      .map((cell, index) => ({ index, rank: phoneRank(normalizeHeader(cell)), score: score(index) }))
      .filter((c): c is { index: number; rank: number; score: number } => c.rank !== undefined)
      .sort((a, b) => b.score - a.score || a.rank - b.rank || a.index - b.index);
    const phone = candidates[0]?.index ?? phoneColumnFromContent(data, country);
    if (phone === null) throw noPhoneColumn();
    const fallbacks = candidates
      .filter((c) => c.index !== phone && c.score > 0)
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .map((c) => c.index);
    const nameParts = namePartsOf(header, phone);
    const name = nameParts[0] ?? null;
    return {
      layout: {
        headerLine: sample[headerAt]?.line ?? null,
        phone,
        phones: [phone, ...fallbacks],
        name,
        nameParts,
        variables: variableColumns(header, Math.max(width, header.length), phone, name),
        detectedBy: 'header',
        labels: labelsOf(header, [phone, ...fallbacks], nameParts),
      },
      dataStart: headerAt + 1,
    };
  }

  // No recognisable header: from the content.
  const phone = phoneColumnFromContent(sample, country);
  if (phone === null) throw noPhoneColumn();
  const firstIsHeader = !isPhone(first.cells[phone], country) && hasLetter(first.cells[phone]);
  const data = firstIsHeader ? sample.slice(1) : sample;
  const name = nameColumnFromContent(data, phone);
  return {
    layout: {
      headerLine: firstIsHeader ? first.line : null,
      phone,
      phones: [phone],
      name,
      nameParts: name === null ? [] : [name],
      variables: variableColumns(firstIsHeader ? first.cells : null, width, phone, name),
      detectedBy: 'content',
      labels: labelsOf(firstIsHeader ? first.cells : null, [phone], name === null ? [] : [name]),
    },
    dataStart: firstIsHeader ? 1 : 0,
  };
}

/**
 * The name columns: a full-name heading alone, else the first, middle and last name joined
 * (Google's and Outlook's "First Name, Middle Name, Last Name"; «نام», «نام خانوادگی»).
 */
function namePartsOf(header: readonly string[], phone: number): number[] {
  const headings = header.map((cell, index) => (index === phone ? '' : normalizeHeader(cell)));
  const find = (set: ReadonlySet<string>) => headings.findIndex((h) => set.has(h));
  const family = find(FAMILY_NAME_HEADERS);
  const best = bestMatch(header, nameRank, phone);
  const bestHeading = best === null ? '' : headings[best];
  const isGiven =
    GIVEN_NAME_HEADERS.has(bestHeading ?? '') || (bestHeading === PERSIAN_NAME && family !== -1);
  if (best !== null && !isGiven) return [best];
  return [best ?? -1, find(MIDDLE_NAME_HEADERS), family].filter((index) => index !== -1);
}

/** A column as the report and the wizard name it: its heading, else "Column 3". */
export function columnLabel(header: readonly string[] | null, index: number): string {
  return (
    stripBidiControls(header?.[index] ?? '')
      .trim()
      .slice(0, MAX_KEY_LENGTH) || `Column ${index + 1}`
  );
}

function labelsOf(
  header: readonly string[] | null,
  phones: readonly number[],
  nameParts: readonly number[],
): ColumnLayout['labels'] {
  const label = (index: number) => columnLabel(header, index);
  return { phone: phones.map(label), name: nameParts.map(label) };
}

function noPhoneColumn(): ImportError {
  return new ImportError(
    'NO_PHONE_COLUMN',
    'No column of phone numbers was found: head it "phone" or "موبایل", or choose the column when importing',
  );
}

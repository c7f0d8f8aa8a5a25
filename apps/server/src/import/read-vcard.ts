import { StringDecoder } from 'node:string_decoder';
import iconv from 'iconv-lite';
import { ImportError } from './errors';
import type { RecipientRow } from './row';

/**
 * The header row a vCard file is given, so that the column detection (and a mapping) treats
 * it like a table: one row per card, its name and its numbers (one per line, mobiles first).
 */
export const VCARD_HEADER = ['Name', 'Phone'] as const;

const MAX_CARD_CHARS = 1024 * 1024;
/** Numbers WhatsApp cannot reach go last, so that "the first mobile, else the first valid one" skips them. */
const LAST_TYPES = new Set(['fax', 'pager']);
const MOBILE_TYPES = new Set(['cell', 'mobile', 'iphone']);

/** True when the text (after a BOM and blank lines) is a vCard file. */
export function isVcardText(head: string): boolean {
  return /^[\s\ufeff]*BEGIN:VCARD/i.test(head);
}

interface Property {
  name: string;
  types: string[];
  value: string;
}

/**
 * Rows from a vCard file (2.1 from Android, 3.0 from iPhone and Google, 4.0): one per card at
 * the line of its BEGIN:VCARD, after the `VCARD_HEADER` row (line 0). Hand-written for the
 * subset contact exports use: folded lines, 2.1's QUOTED-PRINTABLE with a CHARSET (and its
 * `=` soft line breaks), backslash escapes, FN (else N) for the name, every TEL.
 */
export async function* readVcardRows(text: AsyncIterable<Buffer | string>): AsyncGenerator<RecipientRow> {
  yield { line: 0, cells: [...VCARD_HEADER] };
  let card: { line: number; properties: Property[]; size: number } | null = null;
  for await (const { line, text: logical } of logicalLines(text)) {
    const property = parseProperty(logical);
    if (!property) continue;
    if (property.name === 'BEGIN' && property.value.trim().toUpperCase() === 'VCARD') {
      if (card) yield rowOf(card.line, card.properties); // a card left open: keep what it had
      card = { line, properties: [], size: 0 };
    } else if (property.name === 'END' && property.value.trim().toUpperCase() === 'VCARD') {
      if (card) yield rowOf(card.line, card.properties);
      card = null;
    } else if (card) {
      card.size += logical.length;
      if (card.size > MAX_CARD_CHARS) {
        throw new ImportError('DAMAGED', `The contact card at line ${card.line} is longer than 1 MB`, {
          params: { problem: 'CARD_TOO_LONG', line: card.line },
        });
      }
      if (property.name === 'FN' || property.name === 'N' || property.name === 'TEL') {
        card.properties.push(property);
      }
    }
  }
  if (card) yield rowOf(card.line, card.properties);
}

function rowOf(line: number, properties: readonly Property[]): RecipientRow {
  const fn = properties.find((p) => p.name === 'FN' && p.value.trim() !== '');
  const n = properties.find((p) => p.name === 'N');
  let name = fn ? unescapeText(fn.value).trim() : '';
  if (!name && n) {
    // N is family;given;additional;prefix;suffix.
    const [family = '', given = '', additional = ''] = splitUnescaped(n.value, ';').map(unescapeText);
    name = [given, additional, family]
      .map((s) => s.trim())
      .filter(Boolean)
      .join(' ');
  }
  const tels = properties.filter((p) => p.name === 'TEL');
  const rank = (p: Property) =>
    p.types.some((t) => MOBILE_TYPES.has(t)) ? 0 : p.types.some((t) => LAST_TYPES.has(t)) ? 2 : 1;
  const numbers = tels
    .map((p, index) => ({ rank: rank(p), index, value: telValue(p.value) }))
    .filter((t) => t.value !== '')
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((t) => t.value);
  return { line, cells: [name, numbers.join('\n')] };
}

/** 4.0's `tel:+98-912-123-4567;ext=12` URI form → the number. */
function telValue(value: string): string {
  return unescapeText(value).trim().replace(/^tel:/i, '').replace(/;.*$/, '').trim();
}

/** `group.NAME;PARAM=a,b;BARE:value` → name, types and the decoded value; null for a non-property line. */
function parseProperty(logical: string): Property | null {
  const colon = indexOutsideQuotes(logical, ':');
  if (colon <= 0) return null;
  const [head = '', ...params] = splitOutsideQuotes(logical.slice(0, colon), ';');
  const name = head.slice(head.lastIndexOf('.') + 1).toUpperCase();
  const types: string[] = [];
  let quotedPrintable = false;
  let charset = 'utf-8';
  for (const param of params) {
    const eq = param.indexOf('=');
    const key = eq === -1 ? 'TYPE' : param.slice(0, eq).trim().toUpperCase();
    const value = (eq === -1 ? param : param.slice(eq + 1)).trim().replace(/^"|"$/g, '');
    if (key === 'ENCODING' || (eq === -1 && value.toUpperCase() === 'QUOTED-PRINTABLE')) {
      if (value.toUpperCase() === 'QUOTED-PRINTABLE') quotedPrintable = true;
    } else if (key === 'CHARSET') {
      charset = value;
    } else if (key === 'TYPE') {
      for (const t of value.split(',')) types.push(t.trim().toLowerCase());
    }
  }
  let value = logical.slice(colon + 1);
  if (quotedPrintable) value = decodeQuotedPrintable(value, charset);
  return { name, types, value };
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      // Text that is already decoded (a non-ASCII character) goes back in as its UTF-8 bytes.
      for (const b of Buffer.from(value[i] as string, 'utf8')) bytes.push(b);
    }
  }
  const encoding = iconv.encodingExists(charset) ? charset : 'utf-8';
  return iconv.decode(Buffer.from(bytes), encoding);
}

/** 3.0/4.0 escapes: `\n`, `\,`, `\;`, `\\`. */
function unescapeText(value: string): string {
  return value.replace(/\\([nN,;:\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function splitUnescaped(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === '\\' && i + 1 < value.length) {
      current += c + value[++i];
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function indexOutsideQuotes(text: string, char: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === char && !quoted) return i;
  }
  return -1;
}

function splitOutsideQuotes(text: string, char: string): string[] {
  const parts: string[] = [];
  for (let at = indexOutsideQuotes(text, char); at !== -1; at = indexOutsideQuotes(text, char)) {
    parts.push(text.slice(0, at));
    text = text.slice(at + 1);
  }
  parts.push(text);
  return parts;
}

/**
 * Physical lines joined into logical ones: a line starting with a space or tab continues the
 * previous one (RFC 6350 folding, one whitespace removed), and so does any line after a
 * QUOTED-PRINTABLE line ending in `=` (2.1's soft line break).
 */
async function* logicalLines(
  text: AsyncIterable<Buffer | string>,
): AsyncGenerator<{ line: number; text: string }> {
  const decoder = new StringDecoder('utf8');
  let physical = 0;
  let pending: { line: number; text: string } | null = null;
  let rest = '';
  const softBreak = (s: string) => s.endsWith('=') && /QUOTED-PRINTABLE/i.test(s.slice(0, s.indexOf(':')));
  function* take(raw: string): Generator<{ line: number; text: string }> {
    physical++;
    if (pending && (raw.startsWith(' ') || raw.startsWith('\t'))) {
      pending.text += raw.slice(1);
    } else if (pending && softBreak(pending.text)) {
      pending.text = pending.text.slice(0, -1) + raw;
    } else {
      if (pending) yield pending;
      pending = { line: physical, text: raw };
    }
    if (pending && pending.text.length > MAX_CARD_CHARS) {
      throw new ImportError('DAMAGED', `Line ${pending.line} of the contact file is longer than 1 MB`, {
        params: { problem: 'LINE_TOO_LONG', line: pending.line },
      });
    }
  }
  for await (const chunk of text) {
    rest += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    const lines = rest.split(/\r\n|\n|\r(?!$)/);
    rest = lines.pop() ?? '';
    for (const raw of lines) yield* take(raw);
    if (rest.length > MAX_CARD_CHARS) {
      throw new ImportError('DAMAGED', `Line ${physical + 1} of the contact file is longer than 1 MB`, {
        params: { problem: 'LINE_TOO_LONG', line: physical + 1 },
      });
    }
  }
  rest += decoder.end();
  if (rest.endsWith('\r')) rest = rest.slice(0, -1);
  if (rest !== '') yield* take(rest);
  if (pending) yield pending;
}

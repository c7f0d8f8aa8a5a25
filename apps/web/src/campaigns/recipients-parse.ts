import { type CountryCode, normalizePhone } from '@chapar/domain';

export interface RecipientRow {
  /** 1-based line in the textarea, to point at a bad line. */
  line: number;
  phone: string;
  name: string | null;
}

/** Comma, Persian comma, semicolon or tab: what people and spreadsheets paste. */
const SEPARATOR = /[,،;\t]/;
const HAS_DIGIT = /[0-9\u06F0-\u06F9\u0660-\u0669]/;

function unquote(field: string): string {
  const trimmed = field.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1).trim()
    : trimmed;
}

/**
 * One recipient per line, `phone[, name]`. Blank lines are ignored; a line written
 * `name, phone` is understood too. Numbers are sent as written: the server normalises
 * and validates them, and reports what it refused.
 */
export function parseRecipients(text: string): RecipientRow[] {
  const rows: RecipientRow[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, index) => {
      const [first = '', second = ''] = raw.split(SEPARATOR).map(unquote);
      if (first === '' && second === '') return;
      const swapped = !HAS_DIGIT.test(first) && HAS_DIGIT.test(second);
      const phone = swapped ? second : first;
      const name = swapped ? first : second;
      rows.push({ line: index + 1, phone, name: name === '' ? null : name });
    });
  return rows;
}

export interface RecipientsSummary {
  valid: number;
  invalid: number;
  duplicates: number;
}

/** A preview of what the server will make of the rows, with the same phone rules. */
export function summarizeRecipients(rows: readonly RecipientRow[], country: CountryCode): RecipientsSummary {
  const seen = new Set<string>();
  const summary: RecipientsSummary = { valid: 0, invalid: 0, duplicates: 0 };
  for (const row of rows) {
    const phone = normalizePhone(row.phone, country);
    if (!phone.ok) summary.invalid++;
    else if (seen.has(phone.e164)) summary.duplicates++;
    else {
      seen.add(phone.e164);
      summary.valid++;
    }
  }
  return summary;
}

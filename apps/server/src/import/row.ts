/** One row of the file: `line` is the row number a spreadsheet shows for it (1-based). */
export interface RecipientRow {
  line: number;
  cells: string[];
}

const NON_BLANK = /[^\s\u200b-\u200f\u202a-\u202e\u2060\ufeff]/;

/** True when every cell is empty or only spaces and invisible marks. */
export function isBlankRow(cells: readonly string[]): boolean {
  for (const cell of cells) {
    if (cell === '') continue;
    const first = cell.charCodeAt(0);
    if ((first > 0x20 && first < 0x7f) || NON_BLANK.test(cell)) return false; // fast path: visible ASCII
  }
  return true;
}

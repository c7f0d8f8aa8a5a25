export type Delimiter = ',' | ';' | '\t' | '|';

/** In order of preference when two are equally consistent. */
const CANDIDATES: readonly Delimiter[] = ['\t', ';', ',', '|'];
const MAX_LINES = 30;

/**
 * Finds the delimiter from the first lines: the candidate that occurs the same (non-zero)
 * number of times, outside quotes, on the most lines. Only `,`, `;`, tab and `|` are
 * candidates — csv-parse's own `delimiter_auto` scores every ASCII character, so a
 * one-column list of phone numbers would be split on a digit. A file where none of them
 * occurs is one column; `,` is as good as any for it.
 *
 * `sample` is the start of the file; unless `complete`, its last line may be cut off and is
 * not counted.
 */
export function detectDelimiter(sample: string, complete: boolean): Delimiter {
  const lines = splitLines(sample, complete);
  if (lines.length === 0) return ',';
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const candidate of CANDIDATES) {
    const counts = lines.map((line) => countOutsideQuotes(line, candidate));
    const tally = new Map<number, number>();
    for (const count of counts) if (count > 0) tally.set(count, (tally.get(count) ?? 0) + 1);
    let consistent = 0;
    for (const lineCount of tally.values()) consistent = Math.max(consistent, lineCount);
    // Share of lines with the usual count; ties go to the earlier candidate.
    const score = consistent / lines.length;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return bestScore >= 0.5 ? best : ',';
}

/** Non-empty lines, with newlines inside quoted cells kept inside their line. */
function splitLines(sample: string, complete: boolean): string[] {
  const lines: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < sample.length && lines.length < MAX_LINES; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0x22 /* " */) quoted = !quoted;
    else if (!quoted && (c === 0x0a || c === 0x0d)) {
      const line = sample.slice(start, i);
      if (line.trim() !== '') lines.push(line);
      start = i + 1;
    }
  }
  if (complete && lines.length < MAX_LINES) {
    const last = sample.slice(start);
    if (last.trim() !== '') lines.push(last);
  }
  return lines;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  const d = delimiter.charCodeAt(0);
  let quoted = false;
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (c === d && !quoted) count++;
  }
  return count;
}

import { REASON_CODES, REASONS } from './reasons';

export const REASONS_START = '<!-- reasons:start (npm run docs:reasons writes this list) -->';
export const REASONS_END = '<!-- reasons:end -->';

/** The catalogue as the README lists it: each code with the params it may carry. */
export function reasonList(): string {
  const lines = REASON_CODES.map((code) => {
    const params = REASONS[code] as readonly string[];
    return `- \`${code}\`${params.length ? ` — ${params.map((p) => `\`${p}\``).join(', ')}` : ''}`;
  });
  return [REASONS_START, ...lines, REASONS_END].join('\n');
}

/** `text` with its list of reasons replaced by the catalogue's (null when the markers are missing). */
export function withReasonList(text: string): string | null {
  const start = text.indexOf(REASONS_START);
  const end = text.indexOf(REASONS_END);
  if (start === -1 || end < start) return null;
  return text.slice(0, start) + reasonList() + text.slice(end + REASONS_END.length);
}

export type TextStyle = 'bold' | 'italic' | 'strike' | 'mono';
export interface TextSegment {
  text: string;
  style: TextStyle | null;
}

const MARKERS: Record<string, TextStyle> = { '*': 'bold', _: 'italic', '~': 'strike' };

/**
 * ```mono``` (may span lines), or *bold* / _italic_ / ~strike~ on one line: the marker
 * touches the text inside and is not glued to a letter or digit outside (so 2*3*4 and
 * snake_case_name stay plain). One level only — a light imitation of WhatsApp.
 */
const PATTERN = /```([\s\S]+?)```|(?<![\p{L}\p{N}*_~])([*_~])(\S(?:[^\n]*?\S)?)\2(?![\p{L}\p{N}])/gu;

/** Splits a message into plain and formatted runs, as WhatsApp would show it. */
export function whatsappSegments(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(PATTERN)) {
    const at = match.index;
    if (at > last) segments.push({ text: text.slice(last, at), style: null });
    if (match[1] !== undefined) segments.push({ text: match[1], style: 'mono' });
    else segments.push({ text: match[3] ?? '', style: MARKERS[match[2] ?? ''] ?? null });
    last = at + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), style: null });
  return segments;
}

/**
 * A reply as the opt-out check compares it: case, spaces, zero-width marks and punctuation
 * ignored. The same rule as the engine's `normalizeReply` (engine/engine.ts): the driver
 * uses it only to skip LID lookups for replies that cannot be opt-outs, so the two must
 * agree; the engine should import this one (the engine was out of this change's scope).
 */
export function normalizeReply(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200c\u200e\u200f]/g, ' ')
    .replace(/[.!?،؛,;:"'()\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

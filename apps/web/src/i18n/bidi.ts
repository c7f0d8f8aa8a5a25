/**
 * A left-to-right fragment (a phone number in E.164, an email, a code, a file name) isolated
 * inside a sentence of either direction, for plain strings where no `<bdi dir="ltr">` can go
 * (placeholders, option labels, translated sentences with a value in them): LRI … PDI.
 * In markup, `<bdi dir="ltr">` does the same. See glossary.md.
 */
export function ltr(text: string): string {
  return `\u2066${text}\u2069`;
}

/**
 * Text that came from outside (an imported file, a pasted list, an API call) and is shown
 * or exported again. One place for both rules, used by the server and the SPA.
 */

/**
 * Bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069). One of them
 * in a name reverses or reorders the text shown after it (in a table, a message preview, a
 * spreadsheet), so a name could disguise what sits beside it. Ordinary RTL text needs none
 * of them; the implicit marks (LRM/RLM, U+200E/F) are harmless and kept.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * A spreadsheet runs a cell as a formula when it starts with = + - @ (or their full-width
 * forms, which Excel and LibreOffice also accept), even after leading spaces; a leading tab
 * or CR hides one too. (`\s` covers the ideographic space U+3000 as well.)
 */
const FORMULA_START = /^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;

/**
 * A sign and digits only, such as the phone `+989121234567`: a spreadsheet reads it as a
 * number, which calls nothing, so it is left as it is (an apostrophe would show in the cell).
 */
const SIGNED_NUMBER = /^[+-]\d+$/;

/**
 * A cell safe to open in a spreadsheet: bidi controls removed, and a formula-like start
 * prefixed with an apostrophe, so an exported file cannot execute what someone typed; a
 * plain signed number (a phone) is not a formula and stays as it is.
 */
export function neutralizeCell(value: string): string {
  const text = stripBidiControls(value);
  return FORMULA_START.test(text) && !SIGNED_NUMBER.test(text) ? `'${text}` : text;
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { localizeServerMessage, THINGS } from './server-messages';

/** The monorepo, from this file (apps/web/src/i18n). */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * Where the server words its refusals. The WhatsApp drivers', the engine's and the mail and
 * SMS texts are not refusals (the campaigns pages say the engine's; see campaigns/server-texts).
 */
const SOURCES = [
  'packages/api/src',
  'packages/domain/src',
  'apps/server/src/services',
  'apps/server/src/repositories',
  'apps/server/src/import',
  'apps/server/src/observability',
  'apps/server/src/payments',
  'apps/server/src/http',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

const files = SOURCES.flatMap((dir) => sourceFiles(join(root, dir))).map((path) => ({
  name: relative(root, path),
  text: readFileSync(path, 'utf8'),
}));

/**
 * Sample values for `${…}` in a message built from a template literal, by the file and the
 * expression's text (`file:expression`); then a choice between literals gives its first
 * answer, and anything else becomes "3". A new message whose sample does not fit its
 * Persian shape needs a line here.
 */
const SAMPLES: Array<[RegExp, string]> = [
  [/errors\.ts:what$/, 'Campaign'],
  [/read-xlsx\.ts:what$/, '10000 parts'],
  [/:what$/, 'phone'],
  [/:response\.status$/, '502'],
  [/status\.toLowerCase\(\)$/, 'failed'],
  [/:account\.label$/, 'Office'],
  [/:label$/, 'number 2'],
  [/:names$/, '"Sheet1", "Sheet2"'],
  [/campaigns\.ts:missing$/, 'recipients'],
  [/:(ref|missing)\b/, 'Mobile'],
  [/:list$/, '{{city}}'],
  [/:unknown\[0\]$/, 'city'],
  [/:accepted\.kind$/, 'image'],
  [/:options\.currency$/, 'IRT'],
  [/:pkg\.price$/, '120000.50'],
  [/:name$/, 'file'],
  [/:s$/, '5 seconds'],
  [/:reason$/, 'ZarinPal could not be reached.'],
  [/:phone\.reason$/, 'not a phone number'],
  [/:p\.message$/, '"{{}}" at line 1, column 7 has no variable name.'],
  [/formatSize/, '50 MB'],
  [/toLocaleString/, '100,000'],
  [/describeCode/, 'the amount is not accepted'],
];

/** The file being read, for its samples. */
let sampleFile = '';

/** The end of a string literal starting at `at` and its text, `${…}` replaced by samples. */
function readLiteral(src: string, at: number): { end: number; value: string } {
  const quote = src[at]!;
  let value = '';
  let i = at + 1;
  while (i < src.length && src[i] !== quote) {
    if (src[i] === '\\') {
      value += src[i + 1] === 'n' ? '\n' : src[i + 1];
      i += 2;
    } else if (quote === '`' && src.startsWith('${', i)) {
      const close = skipExpression(src, i + 2, '}');
      value += sample(src.slice(i + 2, close).trim());
      i = close + 1;
    } else value += src[i++];
  }
  return { end: i + 1, value };
}

function sample(expression: string): string {
  const known = SAMPLES.find(([pattern]) => pattern.test(`${sampleFile}:${expression}`));
  if (known) return known[1];
  // A choice between literals (`width === 1 ? '' : 's'`): its first answer.
  const answers = literalsIn(expression.slice(expression.indexOf('?') + 1), false);
  return answers[0] ?? '3';
}

/** The index of the first `stop` character outside brackets and literals from `at`. */
function skipExpression(src: string, at: number, stops: string): number {
  let depth = 0;
  let i = at;
  while (i < src.length) {
    const c = src[i]!;
    if (c === "'" || c === '"' || c === '`') i = readLiteral(src, i).end;
    else if (c === '/' && src[i + 1] === '/') i = src.indexOf('\n', i);
    else if (depth === 0 && stops.includes(c)) return i;
    else {
      if ('([{'.includes(c)) depth++;
      if (')]}'.includes(c)) depth--;
      i++;
    }
  }
  return i;
}

/** The string literals of an expression (a ternary gives both). */
function literalsIn(expression: string, messagesOnly = true): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < expression.length) {
    const c = expression[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const literal = readLiteral(expression, i);
      found.push(literal.value);
      i = literal.end;
    } else i++;
  }
  // Codes and keys ('VERIFY_PHONE') are not messages: a message has words.
  return messagesOnly ? found.filter((s) => /[a-z]/i.test(s) && /\s/.test(s)) : found;
}

/** The `index`th argument of every call that `opener` (ending in "(") starts. */
function argumentsOf(src: string, opener: RegExp, index: number): string[] {
  const out: string[] = [];
  for (const match of src.matchAll(opener)) {
    let at = match.index! + match[0].length;
    for (let n = 0; n <= index; n++) {
      const end = skipExpression(src, at, ',)');
      if (n === index) out.push(src.slice(at, end));
      if (src[end] !== ',') break;
      at = end + 1;
    }
  }
  return out;
}

/** The value after `key:` or `const key =` up to the end of that property or statement. */
function valuesOf(src: string, key: RegExp): string[] {
  return [...src.matchAll(key)].map((m) => {
    const at = m.index! + m[0].length;
    return src.slice(at, skipExpression(src, at, ',;})'));
  });
}

const constants = new Map<string, string>();
for (const { text } of files) {
  for (const m of text.matchAll(/const ([A-Z][A-Z_]+) = (['`])/g)) {
    constants.set(m[1]!, readLiteral(text, m.index! + m[0].length - 1).value);
  }
}

/** Literals of a message expression; a constant's name gives the constant's text. */
function messagesIn(expression: string): string[] {
  const literals = literalsIn(expression);
  const named = constants.get(expression.trim());
  return named ? [...literals, named] : literals;
}

interface Found {
  message: string;
  file: string;
}

function collect(): Found[] {
  const found: Found[] = [];
  const add = (file: string, messages: string[]) => {
    for (const message of messages) found.push({ message, file });
  };
  for (const { name, text } of files) {
    sampleFile = name;
    const expressions = [
      ...argumentsOf(text, /new ChaparError\(/g, 1),
      ...argumentsOf(text, /new RateLimitedError\(/g, 0),
      ...argumentsOf(text, /new ImportError\(/g, 1),
      ...argumentsOf(text, /new Gateway\w*Error\(/g, 0),
      ...argumentsOf(text, /\bdefine\(/g, 3),
      // Zod's messages: `.min(1, '…')`, `.regex(re, '…')`, `.refine(fn, '…')`, `z.email('…')`.
      ...argumentsOf(text, /\.(?:min|max|length|regex|refine|startsWith|endsWith)\(/g, 1),
      ...argumentsOf(text, /\bz\.(?:email|url|uuid|instanceof)\(/g, 0),
      ...argumentsOf(text, /\bz\.instanceof\(/g, 1),
      // `{ message: '…' }` (Zod, TRPCError, a code check's result), `{ error: '…' }` (Zod).
      ...valuesOf(text, /\bmessage:\s*/g),
      ...valuesOf(text, /^packages\/(api|domain)\//.test(name) ? /\berror:\s*/g : /$^/g),
      // A message put together first (`const message = …; throw new ImportError(…, message)`).
      // (The template parser's is checked below, inside the refusal that quotes it.)
      ...valuesOf(text, name.endsWith('template.ts') ? /$^/g : /\b(?:const|let) (?:message|reason) =\s*/g),
    ];
    add(name, expressions.flatMap(messagesIn));
    if (name.endsWith('campaign-state.ts')) add(name, valuesOf(text, /\breturn\s+/g).flatMap(messagesIn));
    // `[index, field, message]` for a duplicate sign-up.
    for (const m of text.matchAll(/\[\s*'\w+',\s*'\w+',\s*'([^']*\s[^']*)'\s*\]/g)) add(name, [m[1]!]);
    for (const thing of argumentsOf(text, /\bnotFound\(/g, 0).flatMap((e) => literalsIn(e, false))) {
      add(name, [`${thing} not found.`]);
    }
  }
  // A phone number's fault, as the sign-up reports it (`Phone: ${reason}.`).
  const phone = files.find((f) => f.name === 'packages/domain/src/phone.ts')!.text;
  add(
    'domain/phone.ts',
    [...phone.matchAll(/reason: '([^']+)'/g)].map((m) => `Phone: ${m[1]}.`),
  );
  // A template mistake, as the start of a campaign reports it.
  const template = files.find((f) => f.name === 'packages/domain/src/template.ts')!.text;
  const faults = valuesOf(template, /\bwhat:\s*/g).flatMap((e) => literalsIn(e, false));
  add(
    'domain/template.ts',
    faults.flatMap((what) => [
      `"{{x" at line 2, column 5 ${what}.`,
      `Message, line 2, column 5: "{{x" at line 2, column 5 ${what}.`,
    ]),
  );
  // ZarinPal's error codes, in a refusal at checkout and a failed payment's reason.
  const zarinpal = files.find((f) => f.name.endsWith('payments/zarinpal.ts'))!.text;
  const codes = [...zarinpal.matchAll(/\[-\d+\]: '([^']+)'/g)].map((m) => m[1]!);
  add(
    'payments/zarinpal.ts',
    [...codes, 'error code -99'].flatMap((code) => [
      `ZarinPal refused: ${code}. Nothing was charged; try again in a few minutes.`,
      `The payment was not confirmed: ${code}.`,
    ]),
  );
  return found;
}

const PERSIAN = /[\u0600-\u06FF]/;
const found = collect();
const messages = [...new Set(found.map((f) => f.message))];

describe('server messages in the reader’s language', () => {
  it('finds the server’s messages in its sources', () => {
    expect(messages.length).toBeGreaterThan(150);
    for (const known of [
      'The current password is wrong.',
      'Campaign not found.',
      'Payment not found.',
      'Give at least one day or one message.',
      'This code has expired or was already used. Ask for a new one.',
      'This file is not a CSV, TSV or Excel file',
      'Too many failed sign-ins for this account. Try again in 5 seconds.',
      'The campaign has already been started.',
      'This email is already registered. Sign in instead.',
      'Wrong email, phone, username or password.',
      'Only a paused campaign can be resumed; this one is failed.',
    ]) {
      expect(messages).toContain(known);
    }
  });

  it('has Persian for every message the server can send', () => {
    const missing = found
      .filter(({ message }) => {
        const said = localizeServerMessage(message, 'fa');
        return said === message || !PERSIAN.test(said);
      })
      .map(({ message, file }) => `${file}: ${message}`);
    expect([...new Set(missing)]).toEqual([]);
  });

  it('names every thing that can be not found', () => {
    const things = files.flatMap(({ text }) =>
      argumentsOf(text, /\bnotFound\(/g, 0).flatMap((e) => literalsIn(e, false)),
    );
    expect(things.length).toBeGreaterThan(5);
    expect(things.filter((thing) => !THINGS[thing])).toEqual([]);
  });

  it('says known refusals in Persian, carrying numbers, names and states over', () => {
    expect(localizeServerMessage('The current password is wrong.', 'fa')).toBe('گذرواژه‌ی کنونی درست نیست.');
    expect(localizeServerMessage('WhatsApp account not found.', 'fa')).toBe('حساب واتس‌اپ پیدا نشد.');
    expect(
      localizeServerMessage('Too many failed sign-ins for this account. Try again in 900 seconds.', 'fa'),
    ).toBe('ورودهای ناموفق به این حساب بیش از اندازه بوده است. ۱۵ دقیقه دیگر دوباره امتحان کنید.');
    expect(
      localizeServerMessage('Too many failed sign-ins for this account. Try again in 15 minutes.', 'fa'),
    ).toBe('ورودهای ناموفق به این حساب بیش از اندازه بوده است. ۱۵ دقیقه دیگر دوباره امتحان کنید.');
    expect(localizeServerMessage('Wrong code. 2 tries left.', 'fa')).toBe(
      'کد نادرست است. ۲ بار دیگر می‌توانید امتحان کنید.',
    );
    expect(localizeServerMessage('The file has more than 100,000 rows', 'fa')).toBe(
      'فایل بیش از ۱۰۰٬۰۰۰ ردیف دارد.',
    );
    expect(
      localizeServerMessage(
        'The WhatsApp account "Office" is not linked (disconnected). Connect it first.',
        'fa',
      ),
    ).toBe('حساب واتس‌اپ «Office» پیوند نشده است (قطع). نخست آن را وصل کنید.');
    expect(localizeServerMessage('This payment is already paid.', 'fa')).toBe(
      'وضعیت این پرداخت از پیش «پرداخت‌شده» است.',
    );
    expect(
      localizeServerMessage(
        'ZarinPal refused: the amount is not accepted. Nothing was charged; try again in a few minutes.',
        'fa',
      ),
    ).toBe('زرین‌پال نپذیرفت: مبلغ پذیرفته نیست. مبلغی کسر نشد؛ چند دقیقه‌ی دیگر دوباره امتحان کنید.');
    expect(
      localizeServerMessage(
        'Message, line 2, column 5: "{{}}" at line 2, column 5 has no variable name.',
        'fa',
      ),
    ).toBe('پیام، سطر ۲، ستون ۵: «{{}}» در سطر ۲، ستون ۵ نام متغیر ندارد.');
    expect(localizeServerMessage('Phone: not a valid phone number.', 'fa')).toBe(
      'تلفن: شماره تلفن معتبر نیست.',
    );
    expect(localizeServerMessage('Too big: expected string to have <=255 characters', 'fa')).toBe(
      'بیش از اندازه بلند است: حداکثر ۲۵۵ نویسه.',
    );
  });

  it('keeps English as sent, and unknown messages unchanged', () => {
    expect(localizeServerMessage('The current password is wrong.', 'en')).toBe(
      'The current password is wrong.',
    );
    expect(localizeServerMessage('Something new.', 'fa')).toBe('Something new.');
    expect(localizeServerMessage('Gadget not found.', 'fa')).toBe('Gadget not found.');
    expect(localizeServerMessage('A gadgety campaign cannot be edited. Pause it first.', 'fa')).toBe(
      'A gadgety campaign cannot be edited. Pause it first.',
    );
  });
});

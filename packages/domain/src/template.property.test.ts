import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findUnknownVariables,
  parseTemplate,
  renderTemplate,
  type TemplateValue,
  type TemplateValues,
} from './template';

// Property-based tests: fast-check prints the seed and the shrunk counterexample on failure
// (re-run with `{ seed, path }` from its report to reproduce).

/** Text that matters to the parser, mixed with ordinary text in several scripts. */
const templateChar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('{', '}', '|', '{{', '}}', '{{{', '|}', '{|') },
  {
    weight: 4,
    arbitrary: fc.constantFrom('a', 'b', 'name', 'City', 'نام', 'سلام', '۱', '_', ' ', '\n', '\u200c'),
  },
  { weight: 1, arbitrary: fc.constantFrom('*', '~', '😀', '👩‍👩‍👧', '\r\n', '\t', '-', '!', '"') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 2 }) },
);
const anyTemplate = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: templateChar, maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 120 }) },
);

const anyValue: fc.Arbitrary<TemplateValue> = fc.oneof(
  fc.string({ unit: templateChar, maxLength: 10 }),
  fc.string({ maxLength: 10 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const anyValues: fc.Arbitrary<TemplateValues> = fc.dictionary(
  fc.oneof(
    fc.constantFrom('name', 'phone', 'City', 'نام', 'a', 'b', 'last name'),
    fc.string({ maxLength: 8 }),
  ),
  anyValue,
  { maxKeys: 6 },
);
const anySeed = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double(),
  fc.bigInt(),
  fc.string({ maxLength: 20 }),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.constant(undefined),
);

/** Plain text: no braces (so nothing for the parser to do); `|` is plain text at the top level. */
const braceFree = (extra: string[] = []) =>
  fc.string({
    unit: fc.oneof(
      fc.constantFrom('a', 'Z', ' ', '\n', '|', 'سلام', '۲۰٪', '*', '_', '~', '`', '😀', '\u200c', ...extra),
      fc.string({ unit: 'grapheme', maxLength: 1 }).filter((c) => !/[{}]/.test(c)),
    ),
    maxLength: 30,
  });

describe('parseTemplate / renderTemplate / findUnknownVariables (properties)', () => {
  it('never throw on any text, values and seed, and render the same from text or compiled', async () => {
    await fc.assert(
      fc.asyncProperty(anyTemplate, anyValues, anySeed, async (text, values, seed) => {
        const parsed = parseTemplate(text);
        expect(parsed.ok).toBe(parsed.problems.length === 0);
        for (const problem of parsed.problems) {
          expect(problem.message.length).toBeGreaterThan(0);
          expect(problem.index).toBeGreaterThanOrEqual(0);
          expect(problem.index + problem.length).toBeLessThanOrEqual(text.length);
        }
        const out = renderTemplate(parsed.template, values, { seed });
        expect(typeof out).toBe('string');
        expect(renderTemplate(text, values, { seed })).toBe(out);
        expect(Array.isArray(findUnknownVariables(text, Object.keys(values)))).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('renders text without "{" or "}" unchanged, whatever the values and seed', async () => {
    await fc.assert(
      fc.asyncProperty(braceFree(), anyValues, anySeed, async (text, values, seed) => {
        const parsed = parseTemplate(text);
        expect(parsed.ok).toBe(true);
        expect(parsed.template.variables).toEqual([]);
        expect(parsed.template.choiceCount).toBe(0);
        expect(renderTemplate(parsed.template, values, { seed })).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('renders deterministically for a seed, and a number, bigint or digit string seed alike', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyTemplate,
        anyValues,
        anySeed,
        fc.maxSafeInteger(),
        async (text, values, seed, n) => {
          const compiled = parseTemplate(text).template;
          const once = renderTemplate(compiled, values, { seed });
          expect(renderTemplate(compiled, values, { seed })).toBe(once);
          expect(renderTemplate(parseTemplate(text).template, values, { seed })).toBe(once);
          const byNumber = renderTemplate(compiled, values, { seed: n });
          expect(renderTemplate(compiled, values, { seed: BigInt(n) })).toBe(byNumber);
          expect(renderTemplate(compiled, values, { seed: String(n) })).toBe(byNumber);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

// --- variant groups ------------------------------------------------------------------------

const optionText = fc.string({
  unit: fc.constantFrom('a', 'b', 'Hi', 'سلام', ' ', '😀', '*', '۱', '\n'),
  maxLength: 6,
});

/** Options of one group, at least two different once trimmed (what makes it alternate). */
const distinctOptions = fc
  .array(optionText, { minLength: 2, maxLength: 6 })
  .filter((options) => new Set(options.map((o) => o.trim())).size >= 2);

/**
 * Seeds n where n and n + 1 are consecutive integers, as a number, a bigint or a string.
 * Kept inside (-2^53, 2^53): beyond it, bigint/string seeds wrap at multiples of 2^52 and the
 * guarantee breaks (`{x|y|z}` renders "z" for both 2n ** 64n - 1n and 2n ** 64n, and for
 * -(2n ** 53n) and -(2n ** 53n) + 1n) — reported, not asserted here.
 */
const consecutiveSeeds = fc.oneof(
  fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 2 }).map((n) => [n, n + 1] as const),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => [n, n + 1] as const),
  fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 2n }).map((n) => [n, n + 1n] as const),
  fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 2 }).map((n) => [String(n), String(n + 1)] as const),
);

describe('consecutive seeds (properties)', () => {
  // One group with plain-text options: a second group or a nested one can make two different
  // options render the same text (`{b{|}|b}` renders "b" for seeds 0 and 1; so does `{a|ab}{b|}`
  // for some n, n+1) — reported, not asserted here.
  it('never render a template with a group of ≥2 different options identically', async () => {
    await fc.assert(
      fc.asyncProperty(
        braceFree(),
        distinctOptions,
        braceFree(),
        fc.boolean(),
        consecutiveSeeds,
        async (before, options, after, withName, [seed, next]) => {
          const text = `${before}${withName ? '{{name}} ' : ''}{${options.join('|')}}${after}`;
          const t = parseTemplate(text).template;
          expect(t.primaryChoice).toBe(0);
          const values = { name: 'Ali' };
          expect(renderTemplate(t, values, { seed: next })).not.toBe(renderTemplate(t, values, { seed }));
        },
      ),
      { numRuns: 1500 },
    );
  });
});

// --- variables -----------------------------------------------------------------------------

/** A name NAME_RE accepts: letters, digits, `_`, single spaces or ZWNJs between words. */
const variableWord = fc.string({
  unit: fc.constantFrom('a', 'b', 'c', 'X', 'Y', '_', '1', '۲', 'ن', 'ا', 'م', 'ش', 'é'),
  minLength: 1,
  maxLength: 5,
});
const variableName = fc
  .array(variableWord, { minLength: 1, maxLength: 3 })
  .chain((words) =>
    fc
      .array(fc.constantFrom(' ', '\u200c'), { minLength: words.length, maxLength: words.length })
      .map((seps) => words.map((w, i) => (i === 0 ? w : `${seps[i]}${w}`)).join('')),
  );
const fallbackText = fc.option(
  fc.string({ unit: fc.constantFrom('a', ' ', 'دوست', 'friend', '|', '!', '*'), maxLength: 6 }),
  { nil: null },
);
const pad = fc.constantFrom('', ' ', '  ');

describe('variables (properties)', () => {
  it('replaces every {{name}} by its value, or the fallback when the value is blank', async () => {
    const placeholder = fc.record({ name: variableName, fallback: fallbackText, left: pad, right: pad });
    const value: fc.Arbitrary<TemplateValue> = fc.oneof(
      { weight: 4, arbitrary: fc.string({ maxLength: 8 }) },
      { weight: 1, arbitrary: fc.constantFrom('', '  ', null, undefined, '{{x}}', '{a|b}', '}') },
      { weight: 1, arbitrary: fc.integer() },
      { weight: 1, arbitrary: fc.boolean() },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(braceFree(), placeholder), { maxLength: 6 }),
        braceFree(),
        fc.func(value),
        anySeed,
        async (pieces, tail, pickValue, seed) => {
          const values: Record<string, TemplateValue> = {};
          for (const [, p] of pieces) values[p.name] = pickValue(p.name);
          let text = '';
          let expected = '';
          for (const [before, p] of pieces) {
            text += `${before}{{${p.left}${p.name}${p.right}${p.fallback === null ? '' : `|${p.fallback}`}}}`;
            const v = values[p.name];
            const blank = v === null || v === undefined || String(v).trim() === '';
            expected += before + (blank ? (p.fallback?.trim() ?? '') : String(v));
          }
          text += tail;
          expected += tail;
          const parsed = parseTemplate(text);
          expect(parsed.problems).toEqual([]);
          expect(renderTemplate(parsed.template, values, { seed })).toBe(expected);
        },
      ),
      { numRuns: 800 },
    );
  });

  it('reports exactly the variables no column provides (reference model)', async () => {
    // Names whose key is just their lower case (no spaces, no Arabic ي/ك): the model needs no
    // normalisation of its own. Built-ins and Persian aliases are in the pool on purpose.
    // At most 6 letters, so no Object.prototype name: `findUnknownVariables('{{constructor}}', [])`
    // answers [] (the alias check is `key in ALIASES`) — reported, not asserted here.
    const base = fc.oneof(
      { weight: 3, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('name', 'phone', 'نام', 'تلفن', 'موبایل', 'شماره', 'شهر', 'کد۱'),
      },
      { weight: 1, arbitrary: fc.constantFrom('city', 'code', 'x', 'y') },
    );
    const casing = (name: string) =>
      fc
        .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
        .map((upper) => [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));
    const use = base.chain((b) =>
      fc.record({
        written: casing(b),
        fallback: fallbackText,
        inGroup: fc.boolean(),
        left: pad,
        right: pad,
      }),
    );
    const junk = fc.constantFrom(
      '',
      ' ',
      'Hi ',
      '{{}}',
      '{{ }}',
      '{{a-b!}}',
      '{x}',
      ' | ',
      '\n',
      '{{bad name!}}',
    );
    const known = fc.array(base.chain(casing), { maxLength: 5 });

    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(junk, use), { maxLength: 8 }), known, async (uses, knownKeys) => {
        let text = '';
        for (const [before, u] of uses) {
          const variable = `{{${u.left}${u.written}${u.right}${u.fallback === null ? '' : `|${u.fallback}`}}}`;
          text += before + (u.inGroup ? `{ ${variable} |or}` : variable);
        }
        const knownSet = new Set(['name', 'phone', ...knownKeys.map((k) => k.toLowerCase())]);
        const aliases = new Set(['نام', 'تلفن', 'موبایل', 'شماره']);
        const seen = new Set<string>();
        const expected: string[] = [];
        for (const [, u] of uses) {
          const key = u.written.toLowerCase();
          if (seen.has(key)) continue;
          seen.add(key);
          if (!knownSet.has(key) && !aliases.has(key)) expected.push(u.written);
        }
        expect(findUnknownVariables(text, knownKeys)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

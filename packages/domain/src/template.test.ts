import { describe, expect, it } from 'vitest';
import {
  findUnknownVariables,
  normalizeVariableKey,
  parseTemplate,
  pickAlternating,
  renderTemplate,
  seedToInteger,
  templateVariables,
} from './template';

const render = (text: string, values: Record<string, string | number | null | undefined> = {}, seed = 1) => {
  const parsed = parseTemplate(text);
  expect(parsed.problems).toEqual([]);
  return renderTemplate(parsed.template, values, { seed });
};

describe('plain text passes through unchanged', () => {
  it.each([
    'سلام! تخفیف ۲۰٪ فقط تا جمعه 🎉',
    'Hello *bold* _italic_ ~strike~ ```mono``` and a `code` span',
    'line one\nline two\r\n\n  indented\t tab',
    'a lone { and a lone } and {} and { } and } { and |pipe|',
    '{word} without a bar, {unclosed|group and trailing {',
    'JSON-ish {"a": 1} and emoji 👩‍👩‍👧 and ZWNJ می‌خواهم',
  ])('%j', (text) => {
    const parsed = parseTemplate(text);
    expect(parsed.ok).toBe(true);
    expect(parsed.template.variables).toEqual([]);
    for (const seed of [0, 1, 2, 99]) expect(renderTemplate(parsed.template, {}, { seed })).toBe(text);
  });
});

describe('variables', () => {
  it('fills names, trims spaces inside the braces and matches keys case-insensitively', () => {
    expect(render('Hi {{name}}, see you in {{ City }}!', { name: 'Ali', city: 'Tehran' })).toBe(
      'Hi Ali, see you in Tehran!',
    );
    expect(render('{{CITY}}/{{city}}', { City: 'Shiraz' })).toBe('Shiraz/Shiraz');
    expect(render('{{code}}', { code: 42 })).toBe('42');
  });

  it('accepts Persian names, digits and underscores, and spaces matched to _ in keys', () => {
    expect(
      render('{{نام_خانوادگی}} {{کد۱}} {{order_2}}', { 'نام خانوادگی': 'رضایی', کد۱: 'x', order_2: 'y' }),
    ).toBe('رضایی x y');
    expect(render('{{last name}}', { Last_Name: 'Karimi' })).toBe('Karimi');
    // Arabic yeh/kaf typed on an Arabic keyboard match the Persian letters.
    expect(render('{{شهر_ي}}', { 'شهر ی': 'قم' })).toBe('قم');
  });

  it('uses the fallback when the value is missing, null or blank, and nothing without one', () => {
    const t = 'Dear {{name|customer}},';
    expect(render(t, { name: 'Sara' })).toBe('Dear Sara,');
    expect(render(t, {})).toBe('Dear customer,');
    expect(render(t, { name: null })).toBe('Dear customer,');
    expect(render(t, { name: '   ' })).toBe('Dear customer,');
    expect(render('Dear {{ name | dear friend }}!', {})).toBe('Dear dear friend!');
    expect(render('a{{missing}}b', {})).toBe('ab');
    expect(render('{{name|}}.', {})).toBe('.');
    expect(render('{{x|a|b}}', {})).toBe('a|b');
  });

  it('reads {{نام}} as the name and {{موبایل}} as the phone', () => {
    expect(render('{{نام}} {{موبایل}}', { name: 'مریم', phone: '+989121234567' })).toBe('مریم +989121234567');
  });

  it('lists the variables in order of first use, once each', () => {
    expect(templateVariables('{{name}} {Hi {{city}}|Yo {{ CITY }}} {{name|x}} {{code}}')).toEqual([
      'name',
      'city',
      'code',
    ]);
    expect(templateVariables('no variables {here|there}')).toEqual([]);
  });

  it('reports unknown variables, including those with a fallback; name and phone are always known', () => {
    const text = 'Hi {{Name}} ({{phone}}), {{city}} {{nmae|customer}} {{Last Name}} {{نام}}';
    expect(findUnknownVariables(text, [])).toEqual(['city', 'nmae', 'Last Name']);
    expect(findUnknownVariables(text, ['City', 'last_name'])).toEqual(['nmae']);
    expect(findUnknownVariables('{{a}}', new Set(['A']))).toEqual([]);
  });

  it('normalises keys', () => {
    expect(normalizeVariableKey('  Last  Name ')).toBe('last_name');
    expect(normalizeVariableKey('نام\u200cخانوادگی')).toBe('نام_خانوادگی');
    expect(normalizeVariableKey('zip-code')).toBe('zip_code');
  });
});

describe('problems', () => {
  it('reports an unclosed {{ with its line and column, and still renders the rest', () => {
    const parsed = parseTemplate('Hello\nDear {{name, welcome');
    expect(parsed.ok).toBe(false);
    expect(parsed.problems).toEqual([
      expect.objectContaining({ code: 'UNCLOSED_VARIABLE', index: 11, length: 2, line: 2, column: 6 }),
    ]);
    expect(parsed.problems[0]?.message).toContain('line 2, column 6');
    expect(renderTemplate(parsed.template, { name: 'x' })).toBe('Hello\nDear {{name, welcome');
  });

  it('does not let }} on a later line close a {{', () => {
    const parsed = parseTemplate('Hi {{name\nthen {{city}}');
    expect(parsed.problems.map((p) => [p.code, p.line, p.column])).toEqual([['UNCLOSED_VARIABLE', 1, 4]]);
    expect(parsed.template.variables).toEqual(['city']);
  });

  it('reports empty and invalid names', () => {
    const parsed = parseTemplate('{{}} and {{ first-name }} and {{a.b|x}}');
    expect(parsed.problems.map((p) => [p.code, p.index])).toEqual([
      ['EMPTY_VARIABLE', 0],
      ['INVALID_VARIABLE_NAME', 9],
      ['INVALID_VARIABLE_NAME', 30],
    ]);
    expect(renderTemplate(parsed.template, {})).toBe('{{}} and {{ first-name }} and {{a.b|x}}');
  });

  it('reports problems inside variants too', () => {
    const parsed = parseTemplate('{Hi {{}}|Hello}');
    expect(parsed.problems.map((p) => p.code)).toEqual(['EMPTY_VARIABLE']);
  });
});

describe('variants', () => {
  it('picks one option per recipient, deterministically from the seed', () => {
    const t = parseTemplate('{Hello|Hi|Salam} {{name}}').template;
    const seen = new Set<string>();
    for (let seed = 0; seed < 60; seed++) {
      const out = renderTemplate(t, { name: 'Ali' }, { seed });
      expect(['Hello Ali', 'Hi Ali', 'Salam Ali']).toContain(out);
      expect(renderTemplate(t, { name: 'Ali' }, { seed })).toBe(out);
      seen.add(out);
    }
    expect(seen.size).toBe(3);
  });

  it('renders a template given as text too', () => {
    expect(renderTemplate('Hi {{name|there}}', {}, { seed: 3 })).toBe('Hi there');
    expect(renderTemplate('{a|b}', {}, { seed: 3 })).toBe(
      renderTemplate(parseTemplate('{a|b}').template, {}, { seed: 3 }),
    );
  });

  it('treats a number, a bigint and a string of digits as the same seed', () => {
    const t = parseTemplate('{a|b|c|d|e} {x|y|z}').template;
    for (const n of [0, 7, 123456, 2 ** 40 + 3]) {
      const expected = renderTemplate(t, {}, { seed: n });
      expect(renderTemplate(t, {}, { seed: BigInt(n) })).toBe(expected);
      expect(renderTemplate(t, {}, { seed: String(n) })).toBe(expected);
    }
    expect(seedToInteger('abc')).toBe(seedToInteger('abc'));
    expect(seedToInteger(undefined)).toBe(0);
  });

  it('supports nesting and variables inside options', () => {
    const t = parseTemplate('{Hi {{name|there}}|{Good morning|Good evening}}!').template;
    const outs = new Set<string>();
    for (let seed = 0; seed < 200; seed++) outs.add(renderTemplate(t, { name: 'Reza' }, { seed }));
    expect([...outs].sort()).toEqual(['Good evening!', 'Good morning!', 'Hi Reza!']);
    expect(parseTemplate('{{{name}}|friend}').template.choiceCount).toBe(1);
    expect(render('{{{name}}|friend}', { name: 'Ali' }, 1)).not.toBe(
      render('{{{name}}|friend}', { name: 'Ali' }, 2),
    );
  });

  it('keeps WhatsApp formatting and newlines inside options', () => {
    const outs = new Set<string>();
    const t = parseTemplate('{*Sale*\nnow|_Sale_ today}').template;
    for (let seed = 0; seed < 10; seed++) outs.add(renderTemplate(t, {}, { seed }));
    expect([...outs].sort()).toEqual(['*Sale*\nnow', '_Sale_ today']);
  });

  it('allows an empty option', () => {
    const outs = new Set<string>();
    const t = parseTemplate('Hi{ there|}!').template;
    for (let seed = 0; seed < 10; seed++) outs.add(renderTemplate(t, {}, { seed }));
    expect([...outs].sort()).toEqual(['Hi there!', 'Hi!']);
  });

  it('spreads the options evenly', () => {
    const t = parseTemplate('{a|b|c}').template;
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 30_000; seed++) {
      const out = renderTemplate(t, {}, { seed });
      counts.set(out, (counts.get(out) ?? 0) + 1);
    }
    for (const option of ['a', 'b', 'c']) expect(counts.get(option)).toBeGreaterThan(9_000);
  });

  it('varies the other groups independently of the first', () => {
    const t = parseTemplate('{a|b} {x|y|z}').template;
    const pairs = new Set<string>();
    for (let seed = 0; seed < 200; seed++) pairs.add(renderTemplate(t, {}, { seed }));
    expect(pairs.size).toBe(6);
  });
});

describe('consecutive recipients never get the same message', () => {
  const templates = [
    '{Hello|Hi} {{name}}',
    '{Hello|Hi|Salam} {{name}}',
    '{a|b|c|d|e|f|g} and {x|y|z}',
    'Intro. {Hi|Hi|Hello} there', // repeated option: still differs
    '{same|same} {then|this|differs}', // the first group cannot differ, the second does
    '{{{name}}|friend|{dear|my} customer}',
    'No group before {{name}}, then {a|{b|c}}',
    '{{x|fallback}} {۱|۲|۳|۴}',
  ];

  it.each(templates)('%j, seeds n and n+1 for many n', (text) => {
    const t = parseTemplate(text).template;
    expect(t.primaryChoice).toBeGreaterThanOrEqual(0);
    const starts = [0, 1_000_003, 2 ** 31 - 50, 2 ** 32 - 50, 2 ** 40, 2 ** 52 - 300];
    for (const start of starts) {
      let previous = renderTemplate(t, { name: 'Ali' }, { seed: start });
      for (let seed = start + 1; seed < start + 3_000; seed++) {
        const current = renderTemplate(t, { name: 'Ali' }, { seed });
        if (current === previous) throw new Error(`seeds ${seed - 1} and ${seed} both render ${current}`);
        previous = current;
      }
    }
  });

  it('holds for bigint and string ids beyond 2^53 too', () => {
    const t = parseTemplate('{a|b|c}').template;
    for (let i = 0n; i < 500n; i++) {
      const id = 2n ** 60n + i * 7919n;
      expect(renderTemplate(t, {}, { seed: id })).not.toBe(renderTemplate(t, {}, { seed: id + 1n }));
      expect(renderTemplate(t, {}, { seed: String(id) })).not.toBe(
        renderTemplate(t, {}, { seed: String(id + 1n) }),
      );
    }
  });

  it('pickAlternating never repeats a class between n and n+1, for every class count', () => {
    for (let k = 2; k <= 9; k++) {
      const used = new Set<number>();
      for (let n = -500; n < 20_000; n++) {
        const a = pickAlternating(n, k);
        if (!(a >= 0 && a < k)) throw new Error(`k=${k}: n=${n} picks ${a}`);
        if (a === pickAlternating(n + 1, k)) throw new Error(`k=${k}: n=${n} and n+1 both pick ${a}`);
        used.add(a);
      }
      expect(used.size).toBe(k);
    }
  });

  it('makes no promise when every option is the same', () => {
    const t = parseTemplate('{Hi|Hi} {{name}}').template;
    expect(t.primaryChoice).toBe(-1);
    expect(renderTemplate(t, { name: 'A' }, { seed: 1 })).toBe(renderTemplate(t, { name: 'A' }, { seed: 2 }));
  });
});

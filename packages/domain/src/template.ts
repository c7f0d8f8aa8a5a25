/**
 * Message templates: `{{name}}`, `{{city|our city}}` (fallback when the value is missing or
 * blank) and spintax `{Hello|Hi|Salam}` (one option per recipient, nesting allowed).
 * Everything else — Persian/English text, emoji, WhatsApp `*bold*`, `_italic_`, `~strike~`,
 * ```mono```, newlines, a stray `{` or `}` — passes through unchanged.
 *
 * Pure and browser-safe: the server renders at send time and the SPA renders the live preview
 * with the same seed (the recipient id), so the preview is exactly what that recipient gets.
 * Changing how options are picked changes what old previews showed: keep the algorithm stable.
 */

export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'var';
      /** The name as written, trimmed (`City`, `نام خانوادگی`). */
      readonly name: string;
      /** `normalizeVariableKey(name)`: what values are matched by. */
      readonly key: string;
      /** Text used when the value is missing or blank; null when none was given. */
      readonly fallback: string | null;
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'choice';
      /** Numbered in order of appearance, from 0. */
      readonly id: number;
      readonly options: readonly (readonly TemplateNode[])[];
      readonly start: number;
      readonly end: number;
    };

export interface CompiledTemplate {
  readonly source: string;
  readonly nodes: readonly TemplateNode[];
  /** Variable names in order of first use (one per key, as first written). */
  readonly variables: readonly string[];
  /** How many `{a|b}` groups the template has, nested ones included. */
  readonly choiceCount: number;
  /**
   * The first top-level group with at least two different options, or -1. It is the one that
   * alternates between consecutive seeds so that recipients n and n+1 never get the same text.
   */
  readonly primaryChoice: number;
  /** The primary group's options grouped by identical source text (indices into `options`). */
  readonly primaryClasses: readonly (readonly number[])[];
}

export type TemplateProblemCode = 'UNCLOSED_VARIABLE' | 'EMPTY_VARIABLE' | 'INVALID_VARIABLE_NAME';

export interface TemplateProblem {
  readonly code: TemplateProblemCode;
  readonly message: string;
  /** UTF-16 offset of the construct in the text, and its length. */
  readonly index: number;
  readonly length: number;
  /** 1-based line and column of `index`. */
  readonly line: number;
  readonly column: number;
}

export type TemplateParseResult =
  | { readonly ok: true; readonly template: CompiledTemplate; readonly problems: readonly [] }
  | {
      readonly ok: false;
      /** Best effort: the faulty constructs are kept as plain text, so a preview still works. */
      readonly template: CompiledTemplate;
      readonly problems: readonly TemplateProblem[];
    };

export type TemplateValue = string | number | boolean | null | undefined;
export type TemplateValues = Readonly<Record<string, TemplateValue>>;

export interface TemplateRenderOptions {
  /**
   * Picks the spintax options; use the recipient id. Integers (number, bigint or a string of
   * digits) get the "consecutive seeds differ" guarantee; other strings are hashed.
   */
  readonly seed?: number | bigint | string;
}

/** Columns every recipient has; `name` and `phone` never count as unknown. */
export const ALWAYS_KNOWN_VARIABLES = ['name', 'phone'] as const;

/** Persian spellings accepted for the built-in columns (`{{نام}}` is the recipient's name). */
const ALIASES: Readonly<Record<string, 'name' | 'phone'>> = {
  نام: 'name',
  تلفن: 'phone',
  موبایل: 'phone',
  شماره: 'phone',
};

const MAX_CHOICE_DEPTH = 4;
const NAME_RE = /^[\p{L}\p{M}\p{N}_]+(?:[ \u200c]+[\p{L}\p{M}\p{N}_]+)*$/u;

/**
 * How variable names and value keys are compared: trimmed, lower case, Arabic ي/ك as Persian
 * ی/ک, and runs of spaces, ZWNJ or dashes as one `_` — so `{{last_name}}`, `{{Last Name}}` and a
 * column headed "last-name" are the same variable.
 */
export function normalizeVariableKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\u200e\u200f]/g, '')
    .replace(/\u064a/g, '\u06cc')
    .replace(/\u0643/g, '\u06a9')
    .replace(/(?:\s|\u200c|\u200d|-)+/g, '_');
}

// ---------------------------------------------------------------------------------------------
// Parsing

class Parser {
  private choices = 0;
  readonly problems: TemplateProblem[] = [];
  /** Positions where a `{…|…}` group was tried at a given depth and did not close. */
  private readonly failedChoice = new Set<number>();

  constructor(private readonly s: string) {}

  parse(): TemplateNode[] {
    const { nodes } = this.sequence(0, 0, false);
    return nodes;
  }

  get choiceCount(): number {
    return this.choices;
  }

  /** Parses until the end, or (inside a group) until an unmatched `|` or `}`. */
  private sequence(from: number, depth: number, inChoice: boolean): { nodes: TemplateNode[]; end: number } {
    const s = this.s;
    const nodes: TemplateNode[] = [];
    let text = '';
    let i = from;
    const flush = () => {
      if (text) nodes.push({ kind: 'text', text });
      text = '';
    };
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 0x7b /* { */) {
        if (s.charCodeAt(i + 1) === 0x7b) {
          const v = this.variable(i, depth);
          if (v.node) {
            flush();
            nodes.push(v.node);
          } else {
            text += s.slice(i, v.end);
          }
          i = v.end;
          continue;
        }
        const choice = this.choice(i, depth);
        if (choice) {
          flush();
          nodes.push(choice);
          i = choice.end;
        } else {
          text += '{';
          i++;
        }
        continue;
      }
      if (inChoice && (c === 0x7c /* | */ || c === 0x7d) /* } */) break;
      // Plain text up to the next character that could matter.
      let j = i + 1;
      while (j < s.length) {
        const d = s.charCodeAt(j);
        if (d === 0x7b || (inChoice && (d === 0x7c || d === 0x7d))) break;
        j++;
      }
      text += s.slice(i, j);
      i = j;
    }
    flush();
    return { nodes, end: i };
  }

  /** `{{name}}` or `{{name|fallback}}` at `at`. Without a node, `end` is where plain text resumes. */
  private variable(at: number, depth: number): { node?: TemplateNode | undefined; end: number } {
    const s = this.s;
    const close = s.indexOf('}}', at + 2);
    const inner = close === -1 ? '' : s.slice(at + 2, close);
    let fault: { code: TemplateProblemCode; length: number; what: string } | null = null;
    let end = at + 2;
    let name = '';
    let fallback: string | null = null;
    if (close === -1 || inner.includes('\n') || inner.includes('{{')) {
      fault = {
        code: 'UNCLOSED_VARIABLE',
        length: 2,
        what: 'is not closed: add "}}" after the variable name',
      };
    } else {
      end = close + 2;
      const bar = inner.indexOf('|');
      name = (bar === -1 ? inner : inner.slice(0, bar)).trim();
      fallback = bar === -1 ? null : inner.slice(bar + 1).trim();
      if (name === '') fault = { code: 'EMPTY_VARIABLE', length: end - at, what: 'has no variable name' };
      else if (!NAME_RE.test(name)) {
        fault = {
          code: 'INVALID_VARIABLE_NAME',
          length: end - at,
          what: 'is not a valid variable: use letters, digits and "_" (for example {{first_name}})',
        };
      }
    }
    if (!fault) {
      return { node: { kind: 'var', name, key: normalizeVariableKey(name), fallback, start: at, end }, end };
    }
    // `{{a|b}|c}` and `{{{name}}|friend}` are groups that start with a brace, not broken variables.
    const choice = this.choice(at, depth);
    if (choice) return { node: choice, end: choice.end };
    this.problem(fault.code, at, fault.length, fault.what);
    return { end };
  }

  /** `{a|b|…}` at `at`, or null when the `{` is plain text (no `|`, no closing `}`, too deep). */
  private choice(at: number, depth: number): (TemplateNode & { kind: 'choice' }) | null {
    if (depth >= MAX_CHOICE_DEPTH || this.failedChoice.has(at * MAX_CHOICE_DEPTH + depth)) return null;
    const problemsBefore = this.problems.length;
    const choicesBefore = this.choices;
    const id = this.choices++;
    const options: TemplateNode[][] = [];
    let i = at + 1;
    for (;;) {
      const option = this.sequence(i, depth + 1, true);
      options.push(option.nodes);
      i = option.end;
      const c = this.s.charCodeAt(i);
      if (c === 0x7c /* | */) {
        i++;
        continue;
      }
      if (c === 0x7d /* } */ && options.length >= 2) {
        return { kind: 'choice', id, options, start: at, end: i + 1 };
      }
      // End of text, or `{word}` without a `|`: not a group. What was parsed inside is parsed
      // again as plain text by the caller, so forget its problems and numbering.
      this.problems.length = problemsBefore;
      this.choices = choicesBefore;
      this.failedChoice.add(at * MAX_CHOICE_DEPTH + depth);
      return null;
    }
  }

  private problem(code: TemplateProblemCode, index: number, length: number, what: string): void {
    let line = 1;
    let lineStart = 0;
    for (let k = this.s.indexOf('\n'); k !== -1 && k < index; k = this.s.indexOf('\n', k + 1)) {
      line++;
      lineStart = k + 1;
    }
    const column = index - lineStart + 1;
    const snippet = this.s.slice(index, index + Math.min(length, 40));
    const message = `"${snippet}" at line ${line}, column ${column} ${what}.`;
    this.problems.push({ code, message, index, length, line, column });
  }
}

/** An option's source text (text nodes hold their source verbatim), trimmed. */
function sourceOf(nodes: readonly TemplateNode[], text: string): string {
  return nodes
    .map((n) => (n.kind === 'text' ? n.text : text.slice(n.start, n.end)))
    .join('')
    .trim();
}

/**
 * Compiles a template. Always answers a template (faulty constructs kept as text, for the
 * preview); `ok` is false when there are problems to show, with their positions.
 */
export function parseTemplate(text: string): TemplateParseResult {
  const parser = new Parser(text);
  const nodes = parser.parse();

  const seen = new Set<string>();
  const variables: string[] = [];
  let primaryChoice = -1;
  let primaryClasses: number[][] = [];
  const walk = (list: readonly TemplateNode[], topLevel: boolean) => {
    for (const node of list) {
      if (node.kind === 'var') {
        if (!seen.has(node.key)) {
          seen.add(node.key);
          variables.push(node.name);
        }
      } else if (node.kind === 'choice') {
        if (topLevel && primaryChoice === -1) {
          const bySource = new Map<string, number[]>();
          node.options.forEach((option, index) => {
            const key = sourceOf(option, text);
            const members = bySource.get(key);
            if (members) members.push(index);
            else bySource.set(key, [index]);
          });
          if (bySource.size >= 2) {
            primaryChoice = node.id;
            primaryClasses = [...bySource.values()];
          }
        }
        for (const option of node.options) walk(option, false);
      }
    }
  };
  walk(nodes, true);

  const template: CompiledTemplate = {
    source: text,
    nodes,
    variables,
    choiceCount: parser.choiceCount,
    primaryChoice,
    primaryClasses,
  };
  return parser.problems.length === 0
    ? { ok: true, template, problems: [] }
    : { ok: false, template, problems: parser.problems };
}

/** The variable names a template uses, in order of first use (as written, one per key). */
export function templateVariables(text: string): string[] {
  return [...parseTemplate(text).template.variables];
}

/**
 * The variables of `text` that no column provides: compare with the imported variable keys
 * (`name` and `phone` are always known). Variables with a fallback are listed too — a typo in
 * `{{nmae|customer}}` would otherwise greet everyone as "customer".
 */
export function findUnknownVariables(text: string, knownKeys: Iterable<string>): string[] {
  const known = new Set<string>(ALWAYS_KNOWN_VARIABLES);
  for (const key of knownKeys) known.add(normalizeVariableKey(key));
  return templateVariables(text).filter((name) => {
    const key = normalizeVariableKey(name);
    // Own keys only: `constructor` or `__proto__` are names like any other, not aliases.
    return !known.has(key) && !Object.hasOwn(ALIASES, key);
  });
}

// ---------------------------------------------------------------------------------------------
// Rendering

const TWO_32 = 0x1_0000_0000;
const TWO_53 = 2 ** 53;

/** murmur3's 32-bit finaliser: a cheap, well-mixed, platform-independent hash. */
function fmix32(input: number): number {
  let h = input >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A hash of the integer `n` (|n| < 2^53) and a salt, in [0, 2^32). */
function mix(n: number, salt: number): number {
  const lo = n >>> 0; // low 32 bits (two's complement for negatives)
  const hi = Math.floor(n / TWO_32) >>> 0;
  return fmix32(lo ^ fmix32(hi ^ fmix32(Math.imul(salt + 1, 0x9e3779b9))));
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The seed as an integer in (-2^53, 2^53); consecutive integers stay consecutive. */
export function seedToInteger(seed: number | bigint | string | undefined): number {
  if (seed === undefined) return 0;
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) return 0;
    const n = Math.trunc(seed);
    return Math.abs(n) < TWO_53 ? n : n % TWO_53;
  }
  if (typeof seed === 'bigint') {
    return seed > -BigInt(TWO_53) && seed < BigInt(TWO_53) ? Number(seed) : Number(BigInt.asUintN(52, seed));
  }
  const trimmed = seed.trim();
  if (/^-?\d{1,300}$/.test(trimmed)) return seedToInteger(BigInt(trimmed));
  return fnv1a(seed);
}

const PRIMARY_SALT = 0x5eed;

function primaryBase(n: number, k: number): number {
  return mix(n, PRIMARY_SALT) % k;
}

/**
 * Picks one of `k` (≥ 2) classes for seed `n` so that n and n+1 always differ. With two
 * classes the only such sequences alternate, so it is the parity. With three or more, even
 * seeds take a hashed class and odd seeds a hashed class among those their two (even)
 * neighbours did not take — still spread over every class, and never equal to a neighbour.
 */
export function pickAlternating(n: number, k: number): number {
  const odd = ((n % 2) + 2) % 2 === 1;
  if (k === 2) return odd ? 1 : 0;
  if (!odd) return primaryBase(n, k);
  const left = primaryBase(n - 1, k);
  const right = primaryBase(n + 1, k);
  const free = left === right ? k - 1 : k - 2;
  let r = mix(n, PRIMARY_SALT) % free;
  for (let c = 0; c < k; c++) {
    if (c === left || c === right) continue;
    if (r === 0) return c;
    r--;
  }
  return 0; // unreachable: free counts exactly the classes the loop can return
}

function isBlank(value: TemplateValue): boolean {
  return value === null || value === undefined || String(value).trim() === '';
}

/**
 * Renders a template for one recipient. `values` holds `name`, `phone` and the imported
 * variables; keys match variable names case-insensitively (see `normalizeVariableKey`).
 * A missing or blank value renders the fallback, or nothing.
 */
export function renderTemplate(
  template: CompiledTemplate | string,
  values: TemplateValues,
  options: TemplateRenderOptions = {},
): string {
  const compiled = typeof template === 'string' ? parseTemplate(template).template : template;
  const n = seedToInteger(options.seed);
  let normalized: Map<string, TemplateValue> | undefined;
  const lookup = (name: string, key: string): TemplateValue => {
    if (Object.hasOwn(values, name)) return values[name];
    if (!normalized) {
      normalized = new Map();
      for (const k of Object.keys(values)) {
        const nk = normalizeVariableKey(k);
        if (!normalized.has(nk)) normalized.set(nk, values[k]);
      }
    }
    const direct = normalized.get(key);
    if (direct !== undefined) return direct;
    const alias = Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
    return alias ? normalized.get(alias) : undefined;
  };

  let out = '';
  const emit = (nodes: readonly TemplateNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'text') out += node.text;
      else if (node.kind === 'var') {
        const value = lookup(node.name, node.key);
        out += isBlank(value) ? (node.fallback ?? '') : String(value);
      } else {
        let index: number;
        if (node.id === compiled.primaryChoice) {
          const cls = compiled.primaryClasses[pickAlternating(n, compiled.primaryClasses.length)] ?? [0];
          index = cls[mix(n, node.id) % cls.length] ?? 0;
        } else {
          index = mix(n, node.id) % node.options.length;
        }
        emit(node.options[index] ?? []);
      }
    }
  };
  emit(compiled.nodes);
  return out;
}

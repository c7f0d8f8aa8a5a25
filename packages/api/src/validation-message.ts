import { type ZodError, z } from 'zod';

type Issue = ZodError['issues'][number];

/**
 * A refused input as one sentence a person can act on: the first problem's field and what is
 * wrong with it, and how many more there are — "name: must be at least 1 character (and 2
 * more problems)". The issues themselves travel in `error.data.zodIssues`.
 */
export function validationMessage(issues: readonly Issue[]): string {
  const [first, ...rest] = issues;
  if (!first) return 'The input is not valid.';
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})`;
  return `${fieldLabel(first.path)}: ${problem(first)}${more}`;
}

/** `recipients[2].name`; the whole input when the problem is not about one field. */
function fieldLabel(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'input';
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** What is wrong: a schema's own message as written, Zod's default said plainly. */
function problem(issue: Issue): string {
  if (!isZodDefault(issue)) return issue.message;
  switch (issue.code) {
    case 'too_small':
      return limit('at least', 'more than', issue.minimum, issue.inclusive, issue.origin);
    case 'too_big':
      return limit('at most', 'less than', issue.maximum, issue.inclusive, issue.origin);
    case 'invalid_type':
      return / received undefined$/.test(issue.message)
        ? 'is required'
        : `must be ${article(issue.expected)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex'
        ? 'is not in the expected form'
        : `is not a valid ${formatName(issue.format)}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}`;
    default:
      return 'is not valid';
  }
}

/** True when the message is the one Zod's locale gives (no schema set its own). */
function isZodDefault(issue: Issue): boolean {
  // The received type comes from the input, which a finished issue no longer carries.
  if (issue.code === 'invalid_type')
    return issue.message.startsWith(`Invalid input: expected ${issue.expected}`);
  const said = z.config().localeError?.(issue as Parameters<NonNullable<z.core.$ZodErrorMap>>[0]);
  return (typeof said === 'string' ? said : said?.message) === issue.message;
}

function limit(
  inclusiveWord: string,
  exclusiveWord: string,
  bound: number | bigint,
  inclusive: boolean | undefined,
  origin: string,
): string {
  const word = inclusive === false ? exclusiveWord : inclusiveWord;
  const n = Number(bound);
  if (origin === 'string') return `must be ${word} ${bound} character${n === 1 ? '' : 's'}`;
  if (origin === 'array' || origin === 'set' || origin === 'file') {
    return `must have ${word} ${bound} ${origin === 'file' ? 'byte' : 'item'}${n === 1 ? '' : 's'}`;
  }
  if (origin === 'date') return `must be ${word} ${new Date(n).toISOString()}`;
  return `must be ${word} ${bound}`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

const FORMAT_NAMES: Record<string, string> = {
  email: 'email address',
  url: 'URL',
  datetime: 'date and time (ISO 8601)',
  date: 'date (YYYY-MM-DD)',
  time: 'time',
};

function formatName(format: string): string {
  return FORMAT_NAMES[format] ?? format;
}

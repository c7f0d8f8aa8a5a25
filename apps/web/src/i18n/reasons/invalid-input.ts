import type { Params, Say } from './format';

/**
 * A refused input (INVALID_INPUT) said from its first issue: Zod's issue code and the
 * bound it crossed. A rule with a reason of its own (a refinement's `params.reason`) is
 * said by that reason instead, in index.ts.
 */
export interface IssueParams {
  issue?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
}

const isText = (origin: unknown) => origin === 'string';
const isList = (origin: unknown) => origin === 'array' || origin === 'set';

export function issueEn(p: IssueParams, say: Say): string {
  switch (p.issue) {
    case 'too_small':
      if (isText(p.origin) && Number(p.minimum) <= 1) return 'is required';
      if (isText(p.origin)) return `must be at least ${say.number(p.minimum)} characters`;
      if (isList(p.origin)) return `needs at least ${say.number(p.minimum)} items`;
      return `must be at least ${say.number(p.minimum)}`;
    case 'too_big':
      if (isText(p.origin)) return `must be at most ${say.number(p.maximum)} characters`;
      if (isList(p.origin)) return `takes at most ${say.number(p.maximum)} items`;
      return `must be at most ${say.number(p.maximum)}`;
    case 'invalid_type':
      return 'has the wrong type';
    case 'invalid_value':
      return 'is not one of the options';
    case 'invalid_format':
      return 'is not in the right format';
    case 'unrecognized_keys':
      return 'has unknown keys';
    default:
      return 'is not valid';
  }
}

export function issueFa(p: IssueParams, say: Say): string {
  switch (p.issue) {
    case 'too_small':
      if (isText(p.origin) && Number(p.minimum) <= 1) return 'این بخش را پر کنید';
      if (isText(p.origin)) return `بیش از اندازه کوتاه است: دست‌کم ${say.number(p.minimum)} نویسه`;
      if (isList(p.origin)) return `بیش از اندازه کوتاه است: دست‌کم ${say.number(p.minimum)} مورد`;
      return `عدد بیش از اندازه کوچک است: دست‌کم ${say.number(p.minimum)}`;
    case 'too_big':
      if (isText(p.origin)) return `بیش از اندازه بلند است: حداکثر ${say.number(p.maximum)} نویسه`;
      if (isList(p.origin)) return `بیش از اندازه بلند است: حداکثر ${say.number(p.maximum)} مورد`;
      return `عدد بیش از اندازه بزرگ است: حداکثر ${say.number(p.maximum)}`;
    case 'invalid_type':
      return 'ورودی نامعتبر است';
    case 'invalid_value':
      return 'گزینه‌ی نامعتبر است';
    case 'invalid_format':
      return 'مقدار نامعتبر است';
    case 'unrecognized_keys':
      return 'کلید ناشناخته دارد';
    default:
      return 'ورودی نامعتبر است';
  }
}

const more = (n: unknown, say: Say, one: string, many: (n: string) => string) =>
  Number(n) > 0 ? (Number(n) === 1 ? one : many(say.number(n))) : '';

export function invalidInputEn(p: Params, say: Say): string {
  const where = p.path ? `${say.text(p.path)}: ` : '';
  return `${where}${issueEn(p, say)}${more(p.more, say, ' (and 1 more problem)', (n) => ` (and ${n} more problems)`)}`;
}

export function invalidInputFa(p: Params, say: Say): string {
  const where = p.path ? `${say.text(p.path)}: ` : '';
  return `${where}${issueFa(p, say)}${more(p.more, say, ' (و ۱ مشکل دیگر)', (n) => ` (و ${n} مشکل دیگر)`)}.`;
}

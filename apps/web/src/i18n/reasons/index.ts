import { isReason } from '@chapar/api/reasons';
import { reasonsEn, sayEn } from './en';
import { reasonsFa, sayFa } from './fa';
import type { Params, ReasonDictionary, Say } from './format';
import { type IssueParams, issueEn, issueFa } from './invalid-input';

/**
 * The server's refusals, recipient failures and pause causes, said in the page's language
 * from their reason code and params (packages/api/src/reasons.ts). A code this build does
 * not know falls back to the server's own message.
 */
const DICTIONARIES: Record<string, { texts: ReasonDictionary; say: Say; issue: typeof issueEn }> = {
  en: { texts: reasonsEn, say: sayEn, issue: issueEn },
  fa: { texts: reasonsFa, say: sayFa, issue: issueFa },
};

const dictionaryOf = (language: string) => DICTIONARIES[language] ?? DICTIONARIES.en!;

export function reasonText(
  language: string,
  reason: unknown,
  params: Params | null | undefined,
  fallback: string,
): string {
  if (!isReason(reason)) return fallback;
  const p = params ?? {};
  // A rule with a reason of its own (a refinement's) is said by that reason.
  if (reason === 'INVALID_INPUT' && isReason(p.reason) && p.reason !== 'INVALID_INPUT') {
    return reasonText(language, p.reason, {}, fallback);
  }
  const { texts, say } = dictionaryOf(language);
  return texts[reason](p, say);
}

/** One refused field's problem (an issue of `data.zodIssues`), without the field's name. */
export function issueText(
  language: string,
  issue: Omit<IssueParams, 'issue'> & { code?: unknown; reason?: unknown; message: string },
): string {
  if (isReason(issue.reason)) return reasonText(language, issue.reason, {}, issue.message);
  // English keeps Zod's and the schema's own words (what the server said).
  if (language === 'en') return issue.message;
  const { say, issue: sayIssue } = dictionaryOf(language);
  return `${sayIssue({ ...issue, issue: issue.code }, say)}.`;
}

/** The interface's language right now (the provider keeps `<html lang>` in step with it). */
export function documentLanguage(): string {
  const lang = typeof document === 'undefined' ? '' : document.documentElement.lang;
  return lang.startsWith('fa') ? 'fa' : 'en';
}

export type { Params } from './format';

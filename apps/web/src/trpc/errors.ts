import { documentLanguage, issueText, reasonText } from '../i18n/reasons';
import type { ApiError } from './trpc';

type Issue = NonNullable<NonNullable<ApiError['data']>['zodIssues']>[number];

/** The refusal in the interface's language, from its reason code (the server's message if unknown). */
const said = (error: ApiError) =>
  reasonText(documentLanguage(), error.data?.reason, error.data?.params, error.message);
const saidIssue = (issue: Issue) => issueText(documentLanguage(), issue);

export interface FormErrors {
  /** Messages to show next to a field, by input name. */
  fields: Record<string, string>;
  /** What does not belong to a shown field, for an alert above the form. */
  general: string | null;
}

/**
 * Splits a tRPC error into per-field messages (from the domain error's `field` or the
 * refused input's issues) and a general message, each said from its reason code. Fields not in `shown` go to the
 * general message so nothing is lost; an error without a server answer (network down)
 * becomes `offline`.
 */
export function formErrors(
  error: ApiError | null | undefined,
  shown: readonly string[],
  offline: string,
): FormErrors {
  if (!error) return { fields: {}, general: null };
  if (!error.data) return { fields: {}, general: offline };
  const fields: Record<string, string> = {};
  const leftover: string[] = [];
  const data = error.data;
  const issues = data?.zodIssues;
  const zod = data?.zodError;
  if (issues?.length) {
    for (const issue of issues) {
      const field = issue.path.length > 0 ? String(issue.path[0]) : null;
      if (field && shown.includes(field)) fields[field] ??= saidIssue(issue);
      else if (field === null || !Object.hasOwn(fields, field)) leftover.push(saidIssue(issue));
    }
  } else if (zod) {
    // A refused input without issues (an older server): Zod's words as they are.
    for (const [field, messages] of Object.entries(zod.fieldErrors as Record<string, string[] | undefined>)) {
      const first = messages?.[0];
      if (!first) continue;
      if (shown.includes(field)) fields[field] = first;
      else leftover.push(first);
    }
    leftover.push(...zod.formErrors);
  } else if (data?.field && shown.includes(data.field)) {
    fields[data.field] = said(error);
  } else {
    leftover.push(said(error));
  }
  return { fields, general: leftover.length ? leftover.join(' ') : null };
}

/** True when the error means "not signed in" (no or expired session). */
export function isUnauthorized(error: unknown): boolean {
  return errorCode(error) === 'UNAUTHORIZED';
}

export function errorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('data' in error)) return null;
  const data = (error as { data?: { code?: unknown } | null }).data;
  return typeof data?.code === 'string' ? data.code : null;
}

/** Network trouble and server faults may pass; a refused request will be refused again. */
export function isRetryable(error: unknown): boolean {
  const code = errorCode(error);
  return code === null || code === 'INTERNAL_SERVER_ERROR' || code === 'TIMEOUT';
}

/**
 * The message to show a person, said from the refusal's reason code, or `offline` when the
 * server never answered. A refused input in English is the server's sentence (it names the
 * field and keeps the schema's own words); in other languages its first issue is said.
 */
export function errorMessage(error: ApiError, offline: string): string {
  if (!error.data) return offline;
  const issue = error.data.zodIssues?.[0];
  if (issue && documentLanguage() !== 'en') return saidIssue(issue);
  if (issue) return error.message;
  return said(error);
}

import { documentLanguage, localizeServerMessage } from '../i18n/server-messages';
import type { ApiError } from './trpc';

/** A server message in the interface's language when we know how to say it. */
const localized = (message: string) => localizeServerMessage(message, documentLanguage());

export interface FormErrors {
  /** Messages to show next to a field, by input name. */
  fields: Record<string, string>;
  /** What does not belong to a shown field, for an alert above the form. */
  general: string | null;
}

/**
 * Splits a tRPC error into per-field messages (from the domain error's `field` or Zod's
 * flattened `fieldErrors`) and a general message. Fields not in `shown` go to the
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
  const zod = data?.zodError;
  if (zod) {
    for (const [field, messages] of Object.entries(zod.fieldErrors as Record<string, string[] | undefined>)) {
      const first = messages?.[0];
      if (!first) continue;
      if (shown.includes(field)) fields[field] = localized(first);
      else leftover.push(localized(first));
    }
    leftover.push(...zod.formErrors.map(localized));
  } else if (data?.field && shown.includes(data.field)) {
    fields[data.field] = localized(error.message);
  } else {
    leftover.push(localized(error.message));
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
 * The message to show a person: the server's own, or `offline` when it never answered. A
 * refused input's message is an English sentence built from its first issue; where that
 * issue has a translation (Zod's words or the schema's), the translation is shown instead.
 */
export function errorMessage(error: ApiError, offline: string): string {
  if (!error.data) return offline;
  const issue = error.data.zodIssues?.[0];
  const translated = issue ? localized(issue.message) : null;
  return translated && translated !== issue?.message ? translated : localized(error.message);
}

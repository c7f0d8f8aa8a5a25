import type { TRPCDefaultErrorShape, TRPCError } from '@trpc/server';
import { ZodError, z } from 'zod';
import { ChaparError } from './errors';
import { RateLimitedError } from './rate-limit';
import type { Reason, ReasonParams } from './reasons';
import { validationMessage } from './validation-message';

/**
 * What every error answer carries in `data` (trpc.ts's errorFormatter): the reason code and
 * its params (reasons.ts), the refused field, the input's issues, the wait of a rate limit
 * and the request id.
 */
export function formatError<Shape extends TRPCDefaultErrorShape>({
  shape,
  error,
  ctx,
}: {
  shape: Shape;
  error: TRPCError;
  ctx: { requestId: string } | undefined;
}) {
  const cause = error.cause;
  const invalidInput = cause instanceof ZodError && error.code === 'BAD_REQUEST' ? cause : null;
  return {
    ...shape,
    message: invalidInput
      ? validationMessage(invalidInput.issues)
      : // The text of an unexpected failure (a SQL statement and its values, say) stays in the log.
        error.code === 'INTERNAL_SERVER_ERROR' && !(cause instanceof ChaparError)
        ? INTERNAL_MESSAGE
        : shape.message,
    data: {
      ...shape.data,
      // Stack traces stay in the server log, never in a response.
      stack: undefined,
      ...reasonOf(error.code, cause, invalidInput),
      zodError: cause instanceof ZodError ? z.flattenError(cause) : null,
      zodIssues: invalidInput ? invalidInput.issues.map(plainIssue) : null,
      field: cause instanceof ChaparError ? (cause.field ?? null) : null,
      /** Seconds to wait before trying again (TOO_MANY_REQUESTS only). */
      retryAfter: cause instanceof RateLimitedError ? cause.retryAfter : null,
      /** Quote it when reporting a problem: the server's log lines carry the same id. */
      requestId: ctx?.requestId ?? requestIdOf(error),
    },
  };
}

/** What a caller sees of an unexpected failure; the log line with the same request id has the rest. */
export const INTERNAL_MESSAGE =
  'Something went wrong on the server. Try again; if it keeps happening, quote the request id.';

type Issue = ZodError['issues'][number];

/**
 * What a client needs of an issue: where, which kind, the bound that was crossed, the
 * refinement's own reason (a schema's `params: { reason }`) and Zod's words.
 */
function plainIssue(issue: Issue) {
  const detail = issue as Partial<{ origin: string; minimum: unknown; maximum: unknown; params: unknown }>;
  const reason = (detail.params as { reason?: unknown } | undefined)?.reason;
  return {
    path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
    code: issue.code,
    message: issue.message,
    origin: typeof detail.origin === 'string' ? detail.origin : null,
    minimum: detail.minimum == null ? null : Number(detail.minimum),
    maximum: detail.maximum == null ? null : Number(detail.maximum),
    reason: typeof reason === 'string' ? reason : null,
  };
}

/** The reason of errors tRPC raises itself (no such procedure, a body that is not JSON…). */
const REASON_BY_CODE: Partial<Record<TRPCError['code'], Reason>> = {
  UNAUTHORIZED: 'UNAUTHENTICATED',
  NOT_FOUND: 'NOT_FOUND',
  BAD_REQUEST: 'INVALID_INPUT',
  PARSE_ERROR: 'INVALID_INPUT',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  TIMEOUT: 'TIMEOUT',
};

/** `data.reason` and `data.params` of any error: the domain error's, the first issue's, or by code. */
function reasonOf(
  code: TRPCError['code'],
  cause: unknown,
  invalidInput: ZodError | null,
): { reason: Reason; params: ReasonParams } {
  if (cause instanceof ChaparError) return { reason: cause.reason, params: cause.params };
  const first = invalidInput?.issues[0];
  if (invalidInput && first) {
    const issue = plainIssue(first);
    return {
      reason: 'INVALID_INPUT',
      params: {
        path: issue.path.join('.'),
        issue: issue.code,
        origin: issue.origin,
        minimum: issue.minimum,
        maximum: issue.maximum,
        reason: issue.reason,
        more: invalidInput.issues.length - 1,
      },
    };
  }
  return { reason: REASON_BY_CODE[code] ?? 'INTERNAL', params: {} };
}

/** Errors thrown while the context was built carry the request id themselves. */
function requestIdOf(error: unknown): string | null {
  const id = (error as { requestId?: unknown }).requestId;
  return typeof id === 'string' ? id : null;
}

import { isAdmin } from '@chapar/domain';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError, z } from 'zod';
import { ChaparError } from './errors';
import type { Logger, Ports, UserRecord } from './ports';
import { RateLimitedError, type RateLimitPort } from './rate-limit';
import { validationMessage } from './validation-message';

/** 1. Context: one shape for HTTP and WebSocket requests; the server builds it. */
export interface Context {
  ports: Ports;
  /** The signed-in user, already checked to be ACTIVE. */
  user: UserRecord | null;
  /** The session token when signed in by cookie or by a session Bearer token (not an API key). */
  sessionToken: string | null;
  /** Whether session cookies must carry `Secure` (request arrived over https). */
  secureCookies: boolean;
  /** Adds a `Set-Cookie` header to the HTTP response; a no-op over WebSocket. */
  setCookie(value: string): void;
  /** A child logger carrying the request id (and, below `authedProcedure`, the user id). */
  log: Logger;
  /** This request's id (one per WebSocket connection); also sent as `x-request-id`. */
  requestId: string;
  /** The caller's IP address: the socket's, or X-Forwarded-For's behind a trusted proxy. */
  ip: string;
  rateLimits: RateLimitPort;
  /**
   * WebSocket only: aborted (with the reason as a sentence) once the credential the socket
   * was opened with no longer holds — signed out, password changed, banned, key revoked,
   * session expired. From then on the socket's calls are refused and its subscriptions end.
   */
  identityLost?: AbortSignal;
  /** Told about every procedure call when it ends, for metrics. `code` is 'OK' or the error code. */
  onProcedureDone(call: { path: string; type: string; code: string; durationMs: number }): void;
}

/**
 * 2. Init: a refused input's message is a sentence (`validationMessage`) instead of Zod's
 * JSON; its issues are kept in `data.zodIssues`, and flattened into `data.zodError` so a
 * form can show them per field.
 */
const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error, ctx }) {
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
        zodError: cause instanceof ZodError ? z.flattenError(cause) : null,
        zodIssues: invalidInput ? invalidInput.issues.map(plainIssue) : null,
        field: cause instanceof ChaparError ? (cause.field ?? null) : null,
        /** Seconds to wait before trying again (TOO_MANY_REQUESTS only). */
        retryAfter: cause instanceof RateLimitedError ? cause.retryAfter : null,
        /** Quote it when reporting a problem: the server's log lines carry the same id. */
        requestId: ctx?.requestId ?? requestIdOf(error),
      },
    };
  },
});

/** What a caller sees of an unexpected failure; the log line with the same request id has the rest. */
export const INTERNAL_MESSAGE =
  'Something went wrong on the server. Try again; if it keeps happening, quote the request id.';

/** What a client needs of an issue: where, which kind, and Zod's own words (the SPA translates them). */
function plainIssue(issue: ZodError['issues'][number]) {
  return {
    path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
    code: issue.code,
    message: issue.message,
  };
}

/** Errors thrown while the context was built carry the request id themselves. */
function requestIdOf(error: unknown): string | null {
  const id = (error as { requestId?: unknown }).requestId;
  return typeof id === 'string' ? id : null;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** 3. Domain errors thrown anywhere below become tRPC errors with the same code and message. */
const mapDomainErrors = t.middleware(async ({ next, path, ctx }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof ChaparError) {
      throw new TRPCError({ code: cause.code, message: cause.message, cause });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      ctx.log.error({ err: result.error.cause ?? result.error, path }, 'procedure failed');
    }
  }
  return result;
});

/** Duration and outcome of every call, whatever the procedure. */
const observeCalls = t.middleware(async ({ next, path, type, ctx }) => {
  const started = performance.now();
  const result = await next();
  ctx.onProcedureDone({
    path,
    type,
    code: result.ok ? 'OK' : result.error.code,
    durationMs: performance.now() - started,
  });
  return result;
});

const identityLostError = (signal: AbortSignal) =>
  new TRPCError({
    code: 'UNAUTHORIZED',
    message: typeof signal.reason === 'string' ? signal.reason : 'Your sign-in has ended. Sign in again.',
  });

/** Yields what `source` yields until `lost` aborts, then fails with UNAUTHORIZED. */
async function* endWhenLost<T>(source: AsyncIterable<T>, lost: AbortSignal): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const aborted = new Promise<never>((_, reject) => {
    const fail = () => reject(identityLostError(lost));
    if (lost.aborted) fail();
    else lost.addEventListener('abort', fail, { once: true });
  });
  aborted.catch(() => {});
  try {
    while (true) {
      const next = await Promise.race([iterator.next(), aborted]);
      // A value that raced the loss is not delivered: the loss wins.
      if (lost.aborted) throw identityLostError(lost);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // Not awaited: a source waiting for its next event would hold this up. The resolver
    // stops by itself through subscriberSignal().
    void iterator.return?.();
  }
}

/**
 * A socket whose identity is lost may do nothing more: calls are refused and running
 * subscriptions fail with UNAUTHORIZED (the server then closes the socket).
 */
const keepIdentity = t.middleware(async ({ ctx, next, type }) => {
  const lost = ctx.identityLost;
  if (!lost) return next();
  if (lost.aborted) throw identityLostError(lost);
  const result = await next();
  if (!result.ok || type !== 'subscription' || !isAsyncIterable(result.data)) return result;
  return { ...result, data: endWhenLost(result.data, lost) };
});

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return value != null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

/** The signal a subscription resolver should stop on: the client left, or the socket lost its identity. */
export function subscriberSignal(ctx: Context, signal: AbortSignal | undefined): AbortSignal | undefined {
  const signals = [signal, ctx.identityLost].filter((s): s is AbortSignal => s != null);
  return signals.length > 1 ? AbortSignal.any(signals) : signals[0];
}

/** 4. Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(observeCalls).use(keepIdentity).use(mapDomainErrors);

/** 5. A signed-in, ACTIVE user; `ctx.user` is non-null below this. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in first.' });
  return next({ ctx: { ...ctx, user: ctx.user, log: ctx.log.child({ userId: ctx.user.id }) } });
});

/** 6. ADMIN or SUPER_ADMIN. */
export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!isAdmin(ctx.user)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'This needs an administrator.' });
  }
  return next();
});

/** What an admin procedure's resolver sees: a context whose user is known to be signed in. */
export type AdminContext = Context & { user: UserRecord };

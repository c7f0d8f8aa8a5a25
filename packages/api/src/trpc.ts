import { isAdmin } from '@chapar/domain';
import { initTRPC, TRPCError } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { formatError } from './error-data';
import { ChaparError } from './errors';
import type { Logger, Ports, UserRecord } from './ports';
import type { RateLimitPort } from './rate-limit';

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
 * 2. Init: every error carries (error-data.ts) `data.reason` and `data.params` (reasons.ts). A refused
 * input's message is a sentence (`validationMessage`) instead of Zod's JSON; its reason is
 * INVALID_INPUT, its issues are kept in `data.zodIssues`, and flattened into `data.zodError`
 * so a form can show them per field. A procedure's `meta.openapi` (trpc-to-openapi) also serves it as
 * plain JSON under /api/v1 (apps/server/src/http/openapi.ts).
 */
const t = initTRPC.context<Context>().meta<OpenApiMeta>().create({ errorFormatter: formatError });

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

/** The socket's identity ended: the server aborts with a ChaparError saying why. */
const identityLostError = (signal: AbortSignal) => {
  const cause =
    signal.reason instanceof ChaparError
      ? signal.reason
      : new ChaparError('UNAUTHORIZED', 'SIGN_IN_ENDED', 'Your sign-in has ended. Sign in again.');
  return new TRPCError({ code: 'UNAUTHORIZED', message: cause.message, cause });
};

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
  if (!ctx.user) throw new ChaparError('UNAUTHORIZED', 'UNAUTHENTICATED', 'Please sign in first.');
  return next({ ctx: { ...ctx, user: ctx.user, log: ctx.log.child({ userId: ctx.user.id }) } });
});

/** 6. ADMIN or SUPER_ADMIN. */
export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!isAdmin(ctx.user)) {
    throw new ChaparError('FORBIDDEN', 'ADMIN_REQUIRED', 'This needs an administrator.');
  }
  return next();
});

/** What an admin procedure's resolver sees: a context whose user is known to be signed in. */
export type AdminContext = Context & { user: UserRecord };

import { ChaparError, type Context, type Ports, type RateLimitPort, type UserRecord } from '@chapar/api';
import type { Database } from '@chapar/db';
import { TRPCError } from '@trpc/server';
import type { CreateHTTPContextOptions } from '@trpc/server/adapters/standalone';
import type { CreateWSSContextFnOptions } from '@trpc/server/adapters/ws';
import { verifyRequestOrigin } from 'lucia';
import type { AppLucia } from '../auth/lucia';
import type { SocketCredential, SocketIdentities } from '../auth/socket-identities';
import type { AppLogger } from '../logger';
import { metrics } from '../observability/metrics';
import { API_KEY_PREFIX, userIdForApiKey } from '../repositories/api-keys';
import { type RequestInfo, requestInfo } from './request';

export interface ContextDeps {
  ports: Ports;
  db: Database;
  lucia: AppLucia;
  log: AppLogger;
  trustProxy: boolean;
  rateLimits: RateLimitPort;
  /** Takes a WebSocket's rights away once its credential no longer holds. */
  sockets: SocketIdentities;
}

type Auth = {
  user: UserRecord | null;
  sessionToken: string | null;
  refreshedCookie: string | null;
  /** What the caller signed in with, for a WebSocket to be held to. */
  credential: SocketCredential | null;
};
const anonymous: Auth = { user: null, sessionToken: null, refreshedCookie: null, credential: null };

/**
 * Who is calling: a Bearer token (session token from auth.login, or an API key) wins over
 * the session cookie. Users who are no longer ACTIVE are signed out everywhere.
 */
async function authenticate(
  deps: ContextDeps,
  token: string | null,
  secure: boolean,
  ip: string,
): Promise<Auth> {
  if (!token) return anonymous;
  if (token.startsWith(API_KEY_PREFIX)) {
    // Guessing keys is hopeless anyway (32 random bytes); the limit keeps scanners cheap to serve.
    await deps.rateLimits.check('apiKeyFailures', ip);
    const userId = await userIdForApiKey(deps.db, token);
    const user = userId == null ? null : await deps.ports.users.getById(userId);
    if (userId == null) await deps.rateLimits.consume('apiKeyFailures', ip).catch(() => {});
    return user?.status === 'ACTIVE'
      ? { user, sessionToken: null, refreshedCookie: null, credential: { kind: 'apiKey', key: token } }
      : anonymous;
  }
  const { session, user } = await deps.lucia.validateSession(token);
  if (!session || !user) return anonymous;
  if (user.status !== 'ACTIVE') {
    await deps.ports.auth.invalidateUserSessions(user.id);
    return anonymous;
  }
  const refreshedCookie = session.fresh ? deps.ports.auth.sessionCookie(session.id, { secure }) : null;
  return {
    user: { ...user, id: user.id },
    sessionToken: session.id,
    refreshedCookie,
    credential: { kind: 'session', token: session.id },
  };
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

export function createContextFactory(deps: ContextDeps) {
  return async (opts: CreateHTTPContextOptions | CreateWSSContextFnOptions): Promise<Context> => {
    const request = requestInfo(opts.req, deps.log, deps.trustProxy);
    try {
      return await buildContext(deps, opts, request);
    } catch (error) {
      // No context means no ctx.requestId for the error formatter: the error carries it.
      const wrapped =
        error instanceof TRPCError
          ? error
          : new TRPCError({
              code: error instanceof ChaparError ? error.code : 'INTERNAL_SERVER_ERROR',
              message: error instanceof ChaparError ? error.message : 'Could not identify the caller.',
              cause: error,
            });
      if (wrapped.code === 'INTERNAL_SERVER_ERROR') request.log.error({ err: error }, 'context failed');
      throw Object.assign(wrapped, { requestId: request.id });
    }
  };
}

async function buildContext(
  deps: ContextDeps,
  opts: CreateHTTPContextOptions | CreateWSSContextFnOptions,
  request: RequestInfo,
): Promise<Context> {
  const { req, info } = opts;
  const secure = request.https;
  const isWebSocket = !('setHeader' in opts.res);
  const paramToken = info.connectionParams?.token;
  const headerToken =
    bearer(req.headers.authorization) ?? (typeof paramToken === 'string' ? paramToken : null);
  const cookieToken = deps.lucia.readSessionCookie(req.headers.cookie ?? '');
  const usesCookie = !headerToken && cookieToken != null;

  // Cookies ride along on cross-site requests; a mutation or socket from another origin is refused.
  if (usesCookie && (isWebSocket || req.method === 'POST')) {
    const origin = req.headers.origin;
    const host =
      req.headers['x-forwarded-host'] && deps.trustProxy
        ? String(req.headers['x-forwarded-host'])
        : req.headers.host;
    if (origin && host && !verifyRequestOrigin(origin, [host])) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Request from another site refused.' });
    }
  }

  const auth = await authenticate(deps, headerToken ?? cookieToken, secure, request.ip);
  const setCookie = (value: string) => {
    if (isWebSocket) return;
    const res = opts.res as CreateHTTPContextOptions['res'];
    const current = res.getHeader('set-cookie');
    const list = Array.isArray(current) ? current : current ? [String(current)] : [];
    res.setHeader('set-cookie', [...list, value]);
  };
  if (usesCookie && auth.refreshedCookie) setCookie(auth.refreshedCookie);
  if (usesCookie && !auth.user) setCookie(deps.ports.auth.blankSessionCookie({ secure }));
  // A socket outlives the request that authenticated it: it is held to that credential.
  const identityLost =
    isWebSocket && auth.user && auth.credential
      ? deps.sockets.watch(opts.res as CreateWSSContextFnOptions['res'], auth.credential, auth.user)
      : undefined;

  return {
    ports: deps.ports,
    user: auth.user,
    sessionToken: auth.sessionToken,
    secureCookies: secure,
    setCookie,
    log: request.log.child({ transport: isWebSocket ? 'ws' : 'http' }),
    requestId: request.id,
    ip: request.ip,
    rateLimits: deps.rateLimits,
    onProcedureDone: metrics.procedureDone,
    ...(identityLost ? { identityLost } : {}),
  };
}

import type { IncomingMessage } from 'node:http';
import type { Context, Ports, UserRecord } from '@chapar/api';
import type { Database } from '@chapar/db';
import { TRPCError } from '@trpc/server';
import type { CreateHTTPContextOptions } from '@trpc/server/adapters/standalone';
import type { CreateWSSContextFnOptions } from '@trpc/server/adapters/ws';
import { verifyRequestOrigin } from 'lucia';
import { API_KEY_PREFIX, userIdForApiKey } from '../auth/api-keys';
import type { AppLucia } from '../auth/lucia';
import type { AppLogger } from '../logger';

export interface ContextDeps {
  ports: Ports;
  db: Database;
  lucia: AppLucia;
  log: AppLogger;
  trustProxy: boolean;
}

type Auth = { user: UserRecord | null; sessionToken: string | null; refreshedCookie: string | null };
const anonymous: Auth = { user: null, sessionToken: null, refreshedCookie: null };

function isHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  return (
    trustProxy &&
    String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      ?.trim() === 'https'
  );
}

/**
 * Who is calling: a Bearer token (session token from auth.login, or an API key) wins over
 * the session cookie. Users who are no longer ACTIVE are signed out everywhere.
 */
async function authenticate(deps: ContextDeps, token: string | null, secure: boolean): Promise<Auth> {
  if (!token) return anonymous;
  if (token.startsWith(API_KEY_PREFIX)) {
    const userId = await userIdForApiKey(deps.db, token);
    const user = userId == null ? null : await deps.ports.users.getById(userId);
    return user?.status === 'ACTIVE' ? { user, sessionToken: null, refreshedCookie: null } : anonymous;
  }
  const { session, user } = await deps.lucia.validateSession(token);
  if (!session || !user) return anonymous;
  if (user.status !== 'ACTIVE') {
    await deps.lucia.invalidateUserSessions(user.id);
    return anonymous;
  }
  const refreshedCookie = session.fresh ? deps.ports.auth.sessionCookie(session.id, { secure }) : null;
  return { user: { ...user, id: user.id }, sessionToken: session.id, refreshedCookie };
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

export function createContextFactory(deps: ContextDeps) {
  return async (opts: CreateHTTPContextOptions | CreateWSSContextFnOptions): Promise<Context> => {
    const { req, info } = opts;
    const secure = isHttps(req, deps.trustProxy);
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

    const auth = await authenticate(deps, headerToken ?? cookieToken, secure);
    const setCookie = (value: string) => {
      if (isWebSocket) return;
      const res = opts.res as CreateHTTPContextOptions['res'];
      const current = res.getHeader('set-cookie');
      const list = Array.isArray(current) ? current : current ? [String(current)] : [];
      res.setHeader('set-cookie', [...list, value]);
    };
    if (usesCookie && auth.refreshedCookie) setCookie(auth.refreshedCookie);
    if (usesCookie && !auth.user) setCookie(deps.ports.auth.blankSessionCookie({ secure }));

    return {
      ports: deps.ports,
      user: auth.user,
      sessionToken: auth.sessionToken,
      secureCookies: secure,
      setCookie,
      log: deps.log.child({ transport: isWebSocket ? 'ws' : 'http' }),
    };
  };
}

import { existsSync } from 'node:fs';
import http from 'node:http';
import { type AppRouter, appRouter, type Context, RateLimitedError, type UserRecord } from '@chapar/api';
import { isAdmin } from '@chapar/domain';
import { TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import type { AppLogger } from '../logger';
import { type MetricsSource, metrics } from '../observability/metrics';
import { ZARINPAL_CALLBACK_PATH } from '../services/billing';
import type { createContextFactory } from './context';
import { exportRecipients } from './export';
import { handleZarinpalCallback, sendReceipt } from './payment-callback';
import { describeRequest, requestInfo, setSecurityHeaders } from './request';
import { handleStreamedUpload, STREAMED_UPLOAD_PATHS } from './streamed-upload';

export interface HttpDeps {
  createContext: ReturnType<typeof createContextFactory>;
  log: AppLogger;
  webDist: string;
  /** Honour X-Forwarded-For/-Proto (client IP, https) from a reverse proxy. */
  trustProxy: boolean;
  health: { ready(): Promise<{ ok: boolean; checks: Record<string, unknown> }> };
  metrics: MetricsSource;
  /** Verifies a payer back from ZarinPal; answers the payment id, null when unknown. */
  completeZarinpal?: (reference: string, status: string) => Promise<number | null>;
  /** A payment's receipt file; owner null for admins. */
  receiptFile?: (
    owner: number | null,
    id: number,
  ) => Promise<{ path: string; mimeType: string; fileName: string } | null>;
}

const TRPC_PREFIX = '/trpc';

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** A bounded label for metrics: never the raw URL, whose values are unbounded. */
function routeOf(pathname: string): string {
  if (pathname === TRPC_PREFIX || pathname.startsWith(`${TRPC_PREFIX}/`)) return 'trpc';
  if (pathname === '/healthz' || pathname === '/readyz' || pathname === '/metrics') return pathname.slice(1);
  if (pathname.startsWith('/api/campaigns/')) return 'export';
  if (pathname.startsWith('/api/payments/')) return 'payments';
  return 'static';
}

const QUIET_ROUTES = new Set(['healthz', 'readyz', 'metrics', 'static']);

/** Whole seconds to wait from the first rate-limited error, for a Retry-After header. */
function retryAfterOf(errors: readonly unknown[]): number | null {
  for (const error of errors) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof RateLimitedError) return cause.retryAfter;
  }
  return null;
}

/** One port: tRPC over HTTP (batched) and WebSocket, health checks, metrics, and the built SPA. */
export function createHttpServer(deps: HttpDeps) {
  const responseMeta = ({ errors }: { errors: readonly unknown[] }) => {
    const retryAfter = retryAfterOf(errors);
    return retryAfter == null ? {} : { headers: { 'retry-after': String(retryAfter) } };
  };
  const trpc = createHTTPHandler<AppRouter>({
    router: appRouter,
    basePath: `${TRPC_PREFIX}/`,
    createContext: deps.createContext,
    // Bounded here as well as per procedure: the largest upload is a 100 MB document.
    maxBodySize: 110 * 1024 * 1024,
    responseMeta,
  });
  /** Recipient files: parsed as they stream in (streamed-upload.ts), not buffered whole. */
  const streamedUpload = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    path: string,
    log: AppLogger,
  ) =>
    handleStreamedUpload(req, res, {
      router: appRouter,
      path,
      createContext: (opts) =>
        deps.createContext(opts as unknown as Parameters<typeof deps.createContext>[0]),
      responseMeta,
    }).catch((error: Error) => {
      log.error({ err: error }, 'upload failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'Upload failed.' });
      else res.destroy(error);
    });
  const spa = existsSync(deps.webDist)
    ? sirv(deps.webDist, {
        single: true,
        etag: true,
        setHeaders: (res, pathname) => {
          if (pathname.startsWith('/assets/'))
            res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        },
      })
    : null;

  const server = http.createServer((req, res) => {
    const started = performance.now();
    const url = req.url ?? '/';
    const pathname = url.split('?')[0] ?? '/';
    const route = routeOf(pathname);
    const info = describeRequest(req, deps.log, deps.trustProxy);
    res.setHeader('x-request-id', info.id);
    setSecurityHeaders(res, info.https);
    res.once('close', () => {
      const durationMs = performance.now() - started;
      metrics.httpDone(route, req.method ?? 'GET', res.statusCode, durationMs);
      // Method, path (no query string: GET inputs live there), status and time; never bodies or headers.
      const line = {
        method: req.method,
        path: pathname,
        status: res.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      if (res.statusCode >= 500) info.log.warn(line, 'request');
      else if (QUIET_ROUTES.has(route)) info.log.debug(line, 'request');
      else info.log.info(line, 'request');
    });
    if (route === 'trpc') {
      const path = pathname.slice(TRPC_PREFIX.length + 1);
      const multipart = req.headers['content-type']?.startsWith('multipart/form-data') ?? false;
      if (req.method === 'POST' && multipart && STREAMED_UPLOAD_PATHS.has(path)) {
        void streamedUpload(req, res, path, info.log);
        return;
      }
      return trpc(req, res);
    }
    if (pathname === '/healthz') return sendJson(res, 200, { ok: true });
    if (pathname === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
      deps.metrics.scrape().then(
        ({ contentType, body }) => {
          res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
          res.end(body);
        },
        (error: Error) => {
          info.log.error({ err: error }, 'metrics failed');
          sendJson(res, 500, { error: 'Metrics failed.' });
        },
      );
      return;
    }
    // Plain-HTTP downloads that need the caller: the same authentication as tRPC calls.
    const asSignedIn = (what: string, handle: (ctx: Context & { user: UserRecord }) => Promise<void>) =>
      deps
        .createContext({ req, res, info: { connectionParams: null } } as unknown as Parameters<
          typeof deps.createContext
        >[0])
        .then(async (ctx) => {
          if (!ctx.user) return sendJson(res, 401, { error: 'Please sign in first.' });
          await handle({ ...ctx, user: ctx.user });
        })
        .catch((error: Error) => {
          if (error instanceof TRPCError && !res.headersSent && error.code !== 'INTERNAL_SERVER_ERROR') {
            // Refused while identifying the caller (another site, too many bad API keys).
            const retryAfter = retryAfterOf([error]);
            if (retryAfter != null) res.setHeader('retry-after', String(retryAfter));
            return sendJson(res, error.code === 'TOO_MANY_REQUESTS' ? 429 : 403, { error: error.message });
          }
          info.log.error({ err: error }, `${what} failed`);
          if (!res.headersSent)
            sendJson(res, 500, { error: `${what[0]!.toUpperCase()}${what.slice(1)} failed.` });
          else res.destroy(error);
        });
    const exportMatch = /^\/api\/campaigns\/(\d+)\/recipients\.(csv|xlsx)(\?.*)?$/.exec(url);
    if (exportMatch && req.method === 'GET') {
      void asSignedIn('export', (ctx) =>
        exportRecipients(
          ctx.ports,
          ctx.user,
          Number(exportMatch[1]),
          exportMatch[2] as 'csv' | 'xlsx',
          new URLSearchParams(exportMatch[3]?.slice(1)),
          res,
        ),
      );
      return;
    }
    if (pathname === ZARINPAL_CALLBACK_PATH && req.method === 'GET' && deps.completeZarinpal) {
      return handleZarinpalCallback(deps.completeZarinpal, req, res, info.log);
    }
    const receiptMatch = /^\/api\/payments\/(\d+)\/receipt$/.exec(pathname);
    if (receiptMatch && req.method === 'GET' && deps.receiptFile) {
      const receiptFile = deps.receiptFile;
      void asSignedIn('receipt', async (ctx) => {
        sendReceipt(await receiptFile(isAdmin(ctx.user) ? null : ctx.user.id, Number(receiptMatch[1])), res);
      });
      return;
    }
    if (pathname === '/readyz') {
      deps.health.ready().then(
        (r) => sendJson(res, r.ok ? 200 : 503, r),
        (error: Error) => sendJson(res, 503, { ok: false, error: error.message }),
      );
      return;
    }
    if (spa) return spa(req, res, () => sendJson(res, 404, { error: 'Not found' }));
    sendJson(res, 404, { error: 'Not found. The web app is not built: run `npm run build`.' });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const wsHandler = applyWSSHandler<AppRouter>({
    wss,
    router: appRouter,
    createContext: deps.createContext,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 },
  });
  // One request id per connection: sent back on the 101 response and used for the whole socket.
  wss.on('headers', (headers, req) => {
    const id = requestInfo(req, deps.log, deps.trustProxy).id;
    headers.push(`x-request-id: ${id}`);
  });
  server.on('upgrade', (req, socket, head) => {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== TRPC_PREFIX && pathname !== `${TRPC_PREFIX}/`) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const opened = performance.now();
      const { log } = requestInfo(req, deps.log, deps.trustProxy);
      log.info({ path: pathname, transport: 'ws' }, 'websocket opened');
      ws.once('close', (code) =>
        log.info(
          { code, durationMs: Math.round(performance.now() - opened), transport: 'ws' },
          'websocket closed',
        ),
      );
      wss.emit('connection', ws, req);
    });
  });

  return {
    server,
    /** Tells every WebSocket client to reconnect (to the next process) and closes them. */
    async closeSockets() {
      wsHandler.broadcastReconnectNotification();
      for (const client of wss.clients) client.close(1012, 'server restarting');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

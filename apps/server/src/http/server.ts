import { existsSync } from 'node:fs';
import http from 'node:http';
import { type AppRouter, appRouter } from '@chapar/api';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import type { AppLogger } from '../logger';
import type { createContextFactory } from './context';
import { exportRecipients } from './export';

export interface HttpDeps {
  createContext: ReturnType<typeof createContextFactory>;
  log: AppLogger;
  webDist: string;
  health: { ready(): Promise<{ ok: boolean; checks: Record<string, unknown> }> };
}

const TRPC_PREFIX = '/trpc';

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** One port: tRPC over HTTP (batched) and WebSocket, health checks, and the built SPA. */
export function createHttpServer(deps: HttpDeps) {
  const trpc = createHTTPHandler<AppRouter>({
    router: appRouter,
    basePath: `${TRPC_PREFIX}/`,
    createContext: deps.createContext,
    // Bounded here as well as per procedure: the largest upload is a 100 MB document.
    maxBodySize: 110 * 1024 * 1024,
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
    const url = req.url ?? '/';
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'same-origin');
    res.setHeader('x-frame-options', 'DENY');
    if (url === TRPC_PREFIX || url.startsWith(`${TRPC_PREFIX}/`)) return trpc(req, res);
    if (url === '/healthz') return sendJson(res, 200, { ok: true });
    const exportMatch = /^\/api\/campaigns\/(\d+)\/recipients\.(csv|xlsx)(\?.*)?$/.exec(url);
    if (exportMatch && req.method === 'GET') {
      deps
        .createContext({ req, res, info: { connectionParams: null } } as unknown as Parameters<
          typeof deps.createContext
        >[0])
        .then(async (ctx) => {
          if (!ctx.user) return sendJson(res, 401, { error: 'Please sign in first.' });
          await exportRecipients(
            ctx.ports,
            ctx.user,
            Number(exportMatch[1]),
            exportMatch[2] as 'csv' | 'xlsx',
            res,
          );
        })
        .catch((error: Error) => {
          deps.log.error({ err: error }, 'export failed');
          if (!res.headersSent) sendJson(res, 500, { error: 'Export failed.' });
          else res.destroy(error);
        });
      return;
    }
    if (url === '/readyz') {
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
  server.on('upgrade', (req, socket, head) => {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== TRPC_PREFIX && pathname !== `${TRPC_PREFIX}/`) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
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

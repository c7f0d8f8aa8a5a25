import http from 'node:http';
import type { AppLogger } from '../logger';
import type { MetricsSource } from '../observability/metrics';

/**
 * A worker's only HTTP surface (DESIGN.md, "Scale-out"): `/healthz`, `/readyz` (with the
 * leases it holds) and `/metrics`. It serves no user traffic, so nothing else answers.
 */
export function createHealthServer(deps: {
  log: AppLogger;
  health: { ready(): Promise<{ ok: boolean }> };
  metrics: MetricsSource;
}) {
  const send = (res: http.ServerResponse, status: number, body: string, type: string) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  const json = (res: http.ServerResponse, status: number, body: unknown) =>
    send(res, status, JSON.stringify(body), 'application/json; charset=utf-8');
  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'Only GET.' });
    if (pathname === '/healthz') return json(res, 200, { ok: true });
    if (pathname === '/readyz') {
      deps.health.ready().then(
        (r) => json(res, r.ok ? 200 : 503, r),
        (error: Error) => json(res, 503, { ok: false, error: error.message }),
      );
      return;
    }
    if (pathname === '/metrics') {
      deps.metrics.scrape().then(
        ({ contentType, body }) => send(res, 200, body, contentType),
        (error: Error) => {
          deps.log.error({ err: error }, 'metrics failed');
          json(res, 500, { error: 'Metrics failed.' });
        },
      );
      return;
    }
    json(res, 404, { error: 'Not found: a worker serves only /healthz, /readyz and /metrics.' });
  });
  return { server, closeSockets: async () => {} };
}

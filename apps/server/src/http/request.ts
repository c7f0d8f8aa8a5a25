import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { AppLogger } from '../logger';

/** What the HTTP layer knows about a request (or a WebSocket connection) before tRPC runs. */
export interface RequestInfo {
  id: string;
  ip: string;
  https: boolean;
  log: AppLogger;
}

const infos = new WeakMap<IncomingMessage, RequestInfo>();

/** An incoming `x-request-id` is kept when it is short and plain; otherwise we make one. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * The socket's address, or — only behind a trusted proxy — the last X-Forwarded-For hop,
 * the one our own proxy appended (earlier hops are whatever the client chose to send).
 */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    const last = hops.at(-1);
    if (last && isIP(last)) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

export function isHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  return (
    trustProxy &&
    String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      ?.trim() === 'https'
  );
}

/** Gives the request its id, IP and logger; the same info is found later by `requestInfo`. */
export function describeRequest(req: IncomingMessage, log: AppLogger, trustProxy: boolean): RequestInfo {
  const id = requestIdFrom(req.headers['x-request-id']);
  const info: RequestInfo = {
    id,
    ip: clientIp(req, trustProxy),
    https: isHttps(req, trustProxy),
    log: log.child({ reqId: id }),
  };
  infos.set(req, info);
  return info;
}

/** The info `describeRequest` attached, or a fresh one for a request that skipped it. */
export function requestInfo(req: IncomingMessage, log: AppLogger, trustProxy: boolean): RequestInfo {
  return infos.get(req) ?? describeRequest(req, log, trustProxy);
}

/** The SPA's policy: its own scripts and styles (inline style attributes), images from blobs, sockets. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

export function setSecurityHeaders(res: ServerResponse, https: boolean) {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  if (https) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
}

import { readFile } from 'node:fs/promises';
import type http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { appRouter, REASONS, validationMessage } from '@chapar/api';
import { createOpenApiNodeHttpHandler, generateOpenApiDocument } from 'trpc-to-openapi';
import { z } from 'zod';
import type { createContextFactory } from './context';

/**
 * The developer procedures (those with `meta.openapi`) as plain JSON over HTTP under /api/v1,
 * described by an OpenAPI 3.1 document that trpc-to-openapi generates from the procedures' own
 * Zod schemas, with a Swagger UI page served from the swagger-ui-dist package (no CDN).
 */
export const OPENAPI_PREFIX = '/api';
export const OPENAPI_DOCUMENT_PATH = '/api/openapi.json';
export const OPENAPI_DOCS_PATH = '/api/docs';

const DESCRIPTION = [
  'Chapar over plain JSON: the same procedures, inputs, results and refusals as the typed',
  'TypeScript client (`@chapar/client`), for any language.',
  '',
  'Authenticate every call with `Authorization: Bearer <API key>` (create a key under',
  'Settings → API keys, or with `apiKeys.create`). A session token from `auth.login` works too.',
  '',
  'Every refusal answers a JSON body with a stable machine-readable `reason` code and its',
  '`params` (the same codes as `error.data.reason` in the typed client), the English `message`,',
  'the tRPC `code` and the `requestId` to quote in a report. Branch on `reason`, never on `message`.',
  '',
  'Not over plain HTTP: subscriptions (live progress, account status) — poll',
  '`GET /v1/campaigns/{id}` instead — and FormData uploads (recipient files, media, opt-out',
  'files), which need the typed client or the web app.',
].join('\n');

/** The error body of every refusal under /api/v1 (see `errorBody`). */
const zApiError = z
  .object({
    message: z.string().describe('A sentence for people and logs; do not branch on it.'),
    code: z.string().describe('The tRPC error code, e.g. UNAUTHORIZED, NOT_FOUND, BAD_REQUEST.'),
    reason: z
      .enum(Object.keys(REASONS) as [keyof typeof REASONS, ...(keyof typeof REASONS)[]])
      .describe('The stable reason code (the same as the typed client’s `error.data.reason`).'),
    params: z.record(z.string(), z.unknown()).describe('The values the reason’s sentence uses.'),
    field: z.string().nullable().describe('The input field that was refused, when one was.'),
    retryAfter: z.number().int().nullable().describe('Seconds to wait (RATE_LIMITED only).'),
    requestId: z.string().nullable().describe('Quote it when reporting a problem.'),
    issues: z
      .array(
        z.object({ path: z.array(z.union([z.string(), z.number()])), code: z.string(), message: z.string() }),
      )
      .nullable()
      .describe('Every refused input value (INVALID_INPUT only).'),
  })
  .meta({ title: 'Error' });

/** The document; servers point at /api of whichever host serves it. */
export function openApiDocument() {
  const document = generateOpenApiDocument(appRouter, {
    title: 'Chapar API',
    description: DESCRIPTION,
    version: '1.0.0',
    baseUrl: OPENAPI_PREFIX,
    docsUrl: OPENAPI_DOCS_PATH,
    tags: ['Campaigns', 'Recipients', 'Accounts', 'Opt-outs', 'Webhooks'],
    securitySchemes: {
      Authorization: {
        type: 'http',
        scheme: 'bearer',
        description: 'An API key (chp_…) or a session token from auth.login.',
      },
    },
  });
  // trpc-to-openapi describes its own error body; ours is reshaped (errorBody), so every
  // error response points at one Error schema made from zApiError.
  const schemas = { ...document.components?.schemas };
  for (const name of Object.keys(schemas)) if (name.startsWith('error.')) delete schemas[name];
  schemas.Error = z.toJSONSchema(zApiError, { target: 'draft-2020-12' }) as never;
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations ?? {})) {
      const responses = (operation as { responses?: Record<string, { content?: unknown }> }).responses;
      for (const [status, response] of Object.entries(responses ?? {})) {
        if (Number(status) >= 400) {
          response.content = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
        }
      }
    }
  }
  return { ...document, components: { ...document.components, schemas } };
}

interface RawError {
  message?: string;
  code?: string;
  /** Zod's own issues of a refused input (the library adds them). */
  issues?: unknown[];
  data?: {
    reason?: string;
    params?: Record<string, unknown>;
    field?: string | null;
    retryAfter?: number | null;
    requestId?: string | null;
    zodIssues?: Array<{ path: Array<string | number>; code: string; message: string }> | null;
  };
}

/**
 * trpc-to-openapi answers an error with the tRPC error shape (our formatter's `data`) and a
 * generic "Input validation failed"; callers get the reason at the top instead, and the same
 * sentence for a refused input as the typed client.
 */
function errorBody(raw: RawError) {
  const data = raw.data ?? {};
  const issues = data.zodIssues ?? null;
  return {
    message: raw.issues?.length
      ? validationMessage(raw.issues as Parameters<typeof validationMessage>[0])
      : (raw.message ?? 'Request refused.'),
    code: raw.code ?? 'INTERNAL_SERVER_ERROR',
    reason: data.reason ?? 'INTERNAL',
    params: data.params ?? {},
    field: data.field ?? null,
    retryAfter: data.retryAfter ?? null,
    requestId: data.requestId ?? null,
    issues,
  };
}

/** Rewrites the body of an error answer as it is sent (the library writes it in one `end`). */
function reshapeErrors(res: http.ServerResponse) {
  const end = res.end.bind(res) as (chunk?: unknown) => http.ServerResponse;
  res.end = ((chunk?: unknown) => {
    if (res.statusCode < 400 || typeof chunk !== 'string') return end(chunk);
    try {
      const body = JSON.stringify(errorBody(JSON.parse(chunk) as RawError));
      res.setHeader('content-length', Buffer.byteLength(body));
      return end(body);
    } catch {
      return end(chunk);
    }
  }) as typeof res.end;
}

const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const DOCS_ASSETS: Record<string, { file: string; type: string }> = {
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
  'favicon-32x32.png': { file: 'favicon-32x32.png', type: 'image/png' },
};
// External, not inline: the content security policy allows scripts from this origin only.
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: ${JSON.stringify(OPENAPI_DOCUMENT_PATH)}, dom_id: '#api', deepLinking: true });\n`;
const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chapar API reference</title>
<link rel="icon" href="${OPENAPI_DOCS_PATH}/favicon-32x32.png">
<link rel="stylesheet" href="${OPENAPI_DOCS_PATH}/swagger-ui.css">
</head>
<body>
<div id="api"></div>
<script src="${OPENAPI_DOCS_PATH}/swagger-ui-bundle.js"></script>
<script src="${OPENAPI_DOCS_PATH}/init.js"></script>
</body>
</html>
`;

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, cache: string) {
  res.writeHead(status, { 'content-type': type, 'cache-control': cache });
  res.end(body);
}

/** Answers /api/v1/…, /api/openapi.json and /api/docs…; false for any other path. */
export function createOpenApiRoutes(createContext: ReturnType<typeof createContextFactory>) {
  const document = JSON.stringify(openApiDocument());
  // The Node handler, not the standalone one: that one hands createContext a fetch Request,
  // and ours reads Node's request (headers, socket address) as for every other route.
  const handler = createOpenApiNodeHttpHandler({
    router: appRouter,
    createContext: (opts) => createContext(opts as unknown as Parameters<typeof createContext>[0]),
    maxBodySize: 10 * 1024 * 1024,
    responseMeta: ({ errors }) => {
      const cause = (errors[0] as { cause?: { retryAfter?: unknown } } | undefined)?.cause;
      return typeof cause?.retryAfter === 'number'
        ? { headers: { 'retry-after': String(cause.retryAfter) } }
        : {};
    },
  });
  return (req: http.IncomingMessage, res: http.ServerResponse, pathname: string): boolean => {
    const reading = req.method === 'GET' || req.method === 'HEAD';
    if (pathname === OPENAPI_DOCUMENT_PATH && reading) {
      send(res, 200, 'application/json; charset=utf-8', document, 'no-cache');
      return true;
    }
    if ((pathname === OPENAPI_DOCS_PATH || pathname === `${OPENAPI_DOCS_PATH}/`) && reading) {
      send(res, 200, 'text/html; charset=utf-8', DOCS_PAGE, 'no-cache');
      return true;
    }
    if (pathname === `${OPENAPI_DOCS_PATH}/init.js` && reading) {
      send(res, 200, 'text/javascript; charset=utf-8', DOCS_INIT, 'no-cache');
      return true;
    }
    const asset = pathname.startsWith(`${OPENAPI_DOCS_PATH}/`)
      ? DOCS_ASSETS[pathname.slice(OPENAPI_DOCS_PATH.length + 1)]
      : undefined;
    if (asset && reading) {
      readFile(path.join(swaggerDir, asset.file)).then(
        (body) => send(res, 200, asset.type, body, 'public, max-age=86400'),
        () => send(res, 404, 'text/plain; charset=utf-8', 'Not found', 'no-store'),
      );
      return true;
    }
    if (pathname === `${OPENAPI_PREFIX}/v1` || pathname.startsWith(`${OPENAPI_PREFIX}/v1/`)) {
      // The procedures' paths start at /v1: the library matches on the whole URL.
      req.url = (req.url ?? '/').slice(OPENAPI_PREFIX.length);
      // The library reads a JSON body only when the type is exactly application/json.
      if (/^application\/json\s*;/i.test(req.headers['content-type'] ?? '')) {
        req.headers['content-type'] = 'application/json';
      }
      reshapeErrors(res);
      void handler(req, res);
      return true;
    }
    return false;
  };
}

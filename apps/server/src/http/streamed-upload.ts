/**
 * Recipient-file uploads, parsed as they stream in. tRPC's FormData support calls undici's
 * `Request.formData()`, which holds the whole multipart body in memory (and then a `File`
 * copy of it) before the procedure sees a byte: a 40 MB file cost the server ~80 MB before
 * parsing began. For the procedures that read their file as a stream, busboy parses the raw
 * request instead, and the procedure gets a FormData whose `file` is a `StreamedFile`: its
 * `stream()` is the part's bytes as they arrive, with backpressure on the socket, so the
 * import parses (and stores) while the upload is still coming in.
 *
 * The fields must come before the file (FormData keeps the order they were appended in; the
 * SPA appends the file last): a field after the file fails the upload with a message saying
 * so. To be sure to notice one, the file's stream ends only once the whole body is parsed, so
 * an import that read every row still fails (and stores nothing) when a field follows. Everything else (context, middleware, errors, the
 * response's shape) is tRPC's own: the request goes through `resolveResponse` as any other.
 */
import type http from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import { ChaparError } from '@chapar/api';
import { type AnyRouter, TRPCError } from '@trpc/server';
import { type ResponseMetaFn, resolveResponse } from '@trpc/server/http';
import busboy from 'busboy';

/** tRPC paths whose upload is streamed (each reads `file` once, as a stream, and its fields first). */
export const STREAMED_UPLOAD_PATHS: ReadonlySet<string> = new Set([
  'campaigns.importRecipients',
  'campaigns.previewImport',
  'optOuts.import',
]);

const LIMITS = { fields: 20, fieldSize: 64 * 1024, files: 1, parts: 30 } as const;

/** An uploaded file read once as a stream; its size is unknown until read (the reader bounds it). */
export class StreamedFile extends File {
  readonly #bytes: () => AsyncGenerator<Uint8Array>;

  constructor(bytes: () => AsyncGenerator<Uint8Array>, name: string, type: string) {
    super([], name, { type });
    this.#bytes = bytes;
    // Unknown until read: not 0 (which means "empty"), never larger than any limit.
    Object.defineProperty(this, 'size', { value: Number.NaN });
  }

  override stream(): ReadableStream<Uint8Array> {
    return Readable.toWeb(Readable.from(this.#bytes(), { objectMode: false })) as ReadableStream<Uint8Array>;
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    throw new Error('A streamed upload is read with stream()');
  }

  override text(): Promise<string> {
    throw new Error('A streamed upload is read with stream()');
  }
}

const badRequest = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });

/**
 * The FormData of a multipart request, resolved once the `file` part begins (with the fields
 * before it), or at the end of the body when there is no file.
 */
function streamedForm(req: http.IncomingMessage): { form: Promise<FormData>; parser: busboy.Busboy } {
  const parser = busboy({ headers: req.headers, limits: LIMITS });
  const form = new Promise<FormData>((resolve, reject) => {
    const fields = new FormData();
    let body: PassThrough | null = null; // the file's bytes, as the procedure reads them
    let file: Readable | null = null;
    let failure: Error | null = null;
    let fileEnded = false;
    let bodyParsed = false;
    const endBody = () => {
      if (!body || body.writableEnded) return;
      file?.unpipe(body);
      body.end();
    };
    // After the file began, a failure ends its bytes early and is thrown where they end.
    const fail = (error: Error) => {
      if (!body) return reject(error);
      failure ??= error;
      endBody();
    };
    async function* bytes(stream: PassThrough): AsyncGenerator<Uint8Array> {
      for await (const chunk of stream) yield chunk as Uint8Array;
      if (failure) throw failure;
    }
    parser.on('field', (name, value) => {
      if (!body) fields.append(name, value);
      else
        fail(
          new ChaparError(
            'BAD_REQUEST',
            `Send "${name}" before the file: put the file last in the form.`,
            name,
          ),
        );
    });
    parser.on('file', (name, stream, info) => {
      if (body || name !== 'file') {
        stream.resume(); // only one file, named "file", is read
        return;
      }
      const passed = new PassThrough();
      body = passed;
      file = stream;
      stream.pipe(passed, { end: false });
      stream.once('end', () => {
        fileEnded = true;
        if (bodyParsed) endBody();
      });
      fields.append(
        'file',
        new StreamedFile(() => bytes(passed), info.filename ?? 'upload', info.mimeType ?? ''),
      );
      resolve(fields);
    });
    parser.on('fieldsLimit', () => fail(badRequest('The form has too many fields.')));
    parser.on('partsLimit', () => fail(badRequest('The form has too many parts.')));
    parser.on('close', () => {
      bodyParsed = true;
      if (fileEnded) endBody();
      resolve(fields);
    });
    parser.on('error', (error: Error) => fail(badRequest(`The upload could not be read: ${error.message}`)));
  });
  form.catch(() => {}); // reported through the procedure's input; never unhandled
  return { form, parser };
}

function fetchHeaders(req: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

export interface StreamedUploadOptions<TRouter extends AnyRouter> {
  router: TRouter;
  path: string;
  createContext(opts: {
    req: http.IncomingMessage;
    res: http.ServerResponse;
    info: unknown;
  }): Promise<unknown>;
  responseMeta?: ResponseMetaFn<TRouter>;
}

/** Answers one streamed upload as tRPC would; the rest of an unread body is discarded. */
export async function handleStreamedUpload<TRouter extends AnyRouter>(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: StreamedUploadOptions<TRouter>,
): Promise<void> {
  const { form, parser } = streamedForm(req);
  const abort = new AbortController();
  res.once('close', () => abort.abort());
  req.pipe(parser);
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method: 'POST',
    headers: fetchHeaders(req),
    signal: abort.signal,
  });
  // tRPC reads a multipart body with formData(): here, the one busboy is parsing.
  Object.defineProperty(request, 'formData', { value: () => form });
  try {
    const response = await resolveResponse({
      router: options.router,
      req: request,
      path: options.path,
      error: null,
      createContext: ({ info }) =>
        options.createContext({ req, res, info }) as ReturnType<
          Parameters<typeof resolveResponse<TRouter>>[0]['createContext']
        >,
      ...(options.responseMeta ? { responseMeta: options.responseMeta } : {}),
    });
    const body = await response.text();
    res.statusCode = response.status;
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.end(body);
  } finally {
    // Stopped before the end of the body (a refusal, a preview's first rows): read the rest
    // and drop it, so the client gets its answer on a connection it can keep using.
    req.unpipe(parser);
    req.resume();
  }
}

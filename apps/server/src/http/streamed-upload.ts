/**
 * Recipient-file uploads, parsed as they stream in. tRPC's FormData support calls undici's
 * `Request.formData()`, which holds the whole multipart body in memory (and then a `File`
 * copy of it) before the procedure sees a byte: a 40 MB file cost the server ~80 MB before
 * parsing began. For the procedures that read their file as a stream, busboy parses the raw
 * request instead, and the procedure gets a FormData whose `file` is a `StreamedFile`: its
 * `stream()` is the part's bytes as they arrive, with backpressure on the socket, so the
 * import parses (and stores) while the upload is still coming in.
 *
 * Any field order works, as with any FormData endpoint. The file's bytes are also written to
 * a temp file (removed when the request is answered, or aborted), then:
 * - the fields a procedure needs (`UPLOADS[path].required`) came before the file (the SPA
 *   sends the file last): the procedure runs on the live stream. Should a field it reads
 *   still come after the file, the live stream fails with `LateFieldError` when it ends (it
 *   ends only once the whole body is parsed, so this is always noticed; the procedures that
 *   read to the end store nothing when it fails), and the procedure runs again once, with
 *   every field and the file read back from the temp file;
 * - a needed field is missing when the file begins: the procedure runs at the end of the
 *   body, on the temp file (no streaming, still no copy of the file in memory).
 * Everything else (context, middleware, errors, the response's shape) is tRPC's own: the
 * request goes through `resolveResponse` as any other.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { type AnyRouter, TRPCError } from '@trpc/server';
import { type ResponseMetaFn, resolveResponse } from '@trpc/server/http';
import busboy from 'busboy';

interface UploadFields {
  /** Needed before the procedure can run on the live stream. */
  required: readonly string[];
  /** Read by the procedure: one of these after the file means running it again. */
  reads: readonly string[];
}

/**
 * tRPC paths whose upload is streamed (each reads `file` once, as a stream) and the fields
 * each reads. `optOuts.import` reads none (and stores as it reads, outside a transaction),
 * so a field after its file changes nothing and never makes it run twice.
 */
const UPLOADS: Readonly<Record<string, UploadFields>> = {
  'campaigns.importRecipients': { required: ['campaignId'], reads: ['campaignId', 'mapping', 'sheet'] },
  'campaigns.previewImport': { required: [], reads: ['mapping', 'sheet'] },
  'optOuts.import': { required: [], reads: [] },
};

export const STREAMED_UPLOAD_PATHS: ReadonlySet<string> = new Set(Object.keys(UPLOADS));

const LIMITS = { fields: 20, fieldSize: 64 * 1024, files: 1, parts: 30 } as const;

/**
 * Bytes kept in the temp file. The importer refuses a file over its own limit (well below
 * this) from the size alone, so past this nothing more needs writing to disk.
 */
const SPOOL_LIMIT = 110 * 1024 * 1024;

/** Where the temp files go: a fresh `chapar-upload-*` folder per request. */
export const SPOOL_PREFIX = 'chapar-upload-';

/** An uploaded file read once as a stream; its size is unknown until read (the reader bounds it). */
export class StreamedFile extends File {
  readonly #bytes: () => AsyncGenerator<Uint8Array>;

  constructor(bytes: () => AsyncGenerator<Uint8Array>, name: string, type: string, size = Number.NaN) {
    super([], name, { type });
    this.#bytes = bytes;
    // NaN while still arriving: not 0 (which means "empty"), never larger than any limit.
    Object.defineProperty(this, 'size', { value: size });
  }

  // Typed as File's own, which differs between Node's and the DOM's lib (the e2e project sees both).
  override stream(): ReturnType<File['stream']> {
    return Readable.toWeb(Readable.from(this.#bytes(), { objectMode: false })) as ReturnType<File['stream']>;
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    throw new Error('A streamed upload is read with stream()');
  }

  override text(): Promise<string> {
    throw new Error('A streamed upload is read with stream()');
  }
}

/** A field the procedure reads came after the file: the run on the live stream is void. */
export class LateFieldError extends Error {
  constructor(readonly field: string) {
    super(`"${field}" came after the file; the upload is read again with it.`);
    this.name = 'LateFieldError';
  }
}

const badRequest = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });

interface ParsedUpload {
  parser: busboy.Busboy;
  /** The form the procedure runs on first (live file, or the temp file when resolved at the end). */
  form: Promise<FormData>;
  /** The body parsed and the temp file written; rejects when the upload failed or was cut off. */
  done: Promise<void>;
  /** The form was given out when the file began (the procedure may have run on the live stream). */
  givenAtFileStart(): boolean;
  /** The form was given out at the file's start and a field it reads came later. */
  needsSecondRun(): boolean;
  /** Every field, and the file read from the temp file: for the second run. */
  completeForm(): FormData;
  /** The procedure is done with the live stream: the rest of the file goes to the temp file only. */
  detachLive(): void;
}

function parseUpload(req: http.IncomingMessage, fields: UploadFields, spoolPath: string): ParsedUpload {
  const parser = busboy({ headers: req.headers, limits: LIMITS });
  const received = new FormData(); // every field, in the order it came
  let live: PassThrough | null = null; // the file's bytes, as the procedure reads them
  let spool: WriteStream | null = null;
  let filePart: Readable | null = null;
  let fileInfo: { name: string; type: string } | null = null;
  let fileBytes = 0;
  let givenAtFileStart = false;
  let lateField: string | null = null;
  let failure: Error | null = null;
  let fileEnded = false;
  let bodyParsed = false;

  let resolveForm!: (form: FormData) => void;
  let rejectForm!: (error: Error) => void;
  const form = new Promise<FormData>((resolve, reject) => {
    resolveForm = resolve;
    rejectForm = reject;
  });
  let resolveDone!: () => void;
  let rejectDone!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  form.catch(() => {}); // reported through the procedure's input; never unhandled
  done.catch(() => {});

  // The procedure may stop reading (a preview's first rows), which destroys the live stream.
  const liveOpen = (): PassThrough | null => (live && !live.destroyed && !live.writableEnded ? live : null);
  const endLive = () => liveOpen()?.end();
  // A failure ends the live bytes early and is thrown where they end.
  const fail = (error: Error) => {
    failure ??= error;
    endLive();
    spool?.destroy();
    rejectForm(error);
    rejectDone(error);
  };
  const resumeFile = () => {
    if (!filePart || spool?.writableNeedDrain || liveOpen()?.writableNeedDrain) return;
    filePart.resume();
  };
  const spooledFile = (): StreamedFile => {
    const info = fileInfo ?? { name: 'upload', type: '' };
    async function* bytes(): AsyncGenerator<Uint8Array> {
      for await (const chunk of createReadStream(spoolPath)) yield chunk as Uint8Array;
    }
    return new StreamedFile(bytes, info.name, info.type, fileBytes);
  };
  const completeForm = (): FormData => {
    const all = new FormData();
    for (const [name, value] of received) all.append(name, value);
    if (fileInfo) all.append('file', spooledFile());
    return all;
  };
  const finishBody = () => {
    if (!bodyParsed || (filePart && !fileEnded) || failure) return;
    const spoolWritten = spool
      ? new Promise<void>((resolve, reject) => {
          spool?.once('error', reject);
          spool?.end(resolve);
        })
      : Promise.resolve();
    spoolWritten.then(() => {
      endLive();
      resolveForm(completeForm()); // no effect when already given at the file's start
      resolveDone();
    }, fail);
  };

  async function* liveBytes(stream: PassThrough): AsyncGenerator<Uint8Array> {
    for await (const chunk of stream) yield chunk as Uint8Array;
    if (failure) throw failure;
    if (lateField !== null) throw new LateFieldError(lateField);
  }

  parser.on('field', (name, value) => {
    received.append(name, value);
    if (givenAtFileStart && fields.reads.includes(name)) lateField ??= name;
  });
  parser.on('file', (name, stream, info) => {
    if (filePart || name !== 'file') {
      stream.resume(); // only one file, named "file", is read
      return;
    }
    filePart = stream;
    fileInfo = { name: info.filename ?? 'upload', type: info.mimeType ?? '' };
    spool = createWriteStream(spoolPath);
    spool.on('error', fail);
    spool.on('drain', resumeFile);
    if (fields.required.every((field) => received.has(field))) {
      const passed = new PassThrough();
      passed.on('drain', resumeFile);
      live = passed;
      givenAtFileStart = true;
      const streamed = new FormData();
      for (const [field, value] of received) streamed.append(field, value);
      streamed.append('file', new StreamedFile(() => liveBytes(passed), fileInfo.name, fileInfo.type));
      resolveForm(streamed);
    }
    stream.on('data', (chunk: Buffer) => {
      fileBytes += chunk.length;
      const spooled = fileBytes - chunk.length;
      if (spooled < SPOOL_LIMIT) spool?.write(chunk.subarray(0, SPOOL_LIMIT - spooled));
      liveOpen()?.write(chunk);
      if (spool?.writableNeedDrain || liveOpen()?.writableNeedDrain) stream.pause();
    });
    stream.once('end', () => {
      fileEnded = true;
      finishBody();
    });
  });
  parser.on('fieldsLimit', () => fail(badRequest('The form has too many fields.')));
  parser.on('partsLimit', () => fail(badRequest('The form has too many parts.')));
  parser.on('close', () => {
    bodyParsed = true;
    finishBody();
  });
  parser.on('error', (error: Error) => fail(badRequest(`The upload could not be read: ${error.message}`)));
  // A client gone before the end of its body: nothing waits for bytes that will not come.
  req.once('close', () => {
    if (!req.complete) fail(badRequest('The upload was interrupted.'));
  });

  return {
    parser,
    form,
    done,
    needsSecondRun: () => givenAtFileStart && lateField !== null,
    completeForm,
    givenAtFileStart: () => givenAtFileStart,
    detachLive: () => {
      const passed = liveOpen();
      live = null;
      passed?.destroy();
      resumeFile();
    },
  };
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
  const fields = UPLOADS[options.path] ?? { required: [], reads: [] };
  const abort = new AbortController();
  res.once('close', () => abort.abort());
  const spoolDir = await mkdtemp(join(tmpdir(), SPOOL_PREFIX));
  const upload = parseUpload(req, fields, join(spoolDir, 'file'));
  req.pipe(upload.parser);
  let formRead = false;
  const run = (form: Promise<FormData>) => {
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
      method: 'POST',
      headers: fetchHeaders(req),
      signal: abort.signal,
    });
    // tRPC reads a multipart body with formData(): here, the one busboy is parsing.
    Object.defineProperty(request, 'formData', {
      value: () => {
        formRead = true;
        return form;
      },
    });
    return resolveResponse({
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
  };
  try {
    let response = await run(upload.form);
    upload.detachLive();
    // Only the end of the body tells whether a field the procedure reads came after the file;
    // a procedure that never read its form (refused before) or read it whole has nothing to redo.
    const complete =
      formRead && upload.givenAtFileStart()
        ? await upload.done.then(
            () => true,
            () => false,
          )
        : false;
    if (complete && upload.needsSecondRun()) response = await run(Promise.resolve(upload.completeForm()));
    const body = await response.text();
    res.statusCode = response.status;
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.end(body);
  } finally {
    // Stopped before the end of the body (a refusal, a cut-off upload): read the rest and drop
    // it, so the client gets its answer on a connection it can keep using.
    req.unpipe(upload.parser);
    req.resume();
    await rm(spoolDir, { recursive: true, force: true });
  }
}

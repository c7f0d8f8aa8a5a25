/**
 * Upload progress for tRPC's FormData requests. `fetch` cannot report how much of a request
 * body was sent; XMLHttpRequest can. The server reads a recipients file as it arrives (with
 * backpressure), so the bytes sent follow the rows read: this is the import's progress.
 */
export type UploadProgressListener = (sent: number, total: number) => void;

const listeners = new Set<UploadProgressListener>();

/** Calls `listener` as FormData uploads go out; answers the function that stops it. */
export function onUploadProgress(listener: UploadProgressListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function headersOf(xhr: XMLHttpRequest): Headers {
  const headers = new Headers();
  for (const line of xhr
    .getAllResponseHeaders()
    .trim()
    .split(/[\r\n]+/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** `fetch`, except that a FormData body is sent with XMLHttpRequest, reporting its progress. */
export const progressFetch: typeof fetch = (input, init) => {
  if (!(init?.body instanceof FormData) || typeof XMLHttpRequest === 'undefined') return fetch(input, init);
  const body = init.body;
  return new Promise<Response>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(init.method ?? 'POST', input instanceof Request ? input.url : String(input));
    xhr.withCredentials = init.credentials !== 'omit';
    new Headers(init.headers).forEach((value, name) => {
      xhr.setRequestHeader(name, value);
    });
    xhr.upload.onprogress = (event) => {
      for (const listener of listeners) listener(event.loaded, event.lengthComputable ? event.total : 0);
    };
    xhr.onload = () =>
      resolve(new Response(xhr.responseText, { status: xhr.status, headers: headersOf(xhr) }));
    xhr.onerror = () => reject(new TypeError('Failed to fetch'));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    init.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
};

import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';
import tar from 'tar-stream';

/**
 * What a backup leaves out of a Chromium profile: caches Chromium rebuilds by itself (most
 * of a profile's size), and the singleton files that name the host and process running it
 * (a restored copy must not look locked by the machine it came from).
 */
const SKIPPED = new Set([
  'Cache',
  'Code Cache',
  'GPUCache',
  'DawnCache',
  'DawnGraphiteCache',
  'DawnWebGPUCache',
  'GrShaderCache',
  'GraphiteDawnCache',
  'ShaderCache',
  'Service Worker',
  'CacheStorage',
  'Crashpad',
  'SingletonLock',
  'SingletonCookie',
  'SingletonSocket',
]);

export class ArchiveEntryError extends Error {}

/**
 * The profile directory as a gzipped tar, streamed: regular files and directories only
 * (a symlink could point anywhere on the machine that restores it). Each file is read
 * whole before its entry is written, so a file Chromium rewrites meanwhile still gets a
 * consistent size; one that vanished meanwhile is left out.
 */
export function packProfile(dir: string): Gzip {
  const pack = tar.pack();
  const gzip = createGzip();
  pack.pipe(gzip);
  addDirectory(pack, dir, '')
    .then(() => pack.finalize())
    .catch((error: Error) => {
      pack.destroy(error);
      gzip.destroy(error);
    });
  return gzip;
}

async function addDirectory(pack: tar.Pack, root: string, relative: string): Promise<void> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' && relative) return [];
      throw error;
    },
  );
  for (const entry of entries) {
    if (SKIPPED.has(entry.name)) continue;
    const name = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      await addEntry(pack, { name, type: 'directory', mode: 0o700 });
      await addDirectory(pack, root, name);
    } else if (entry.isFile()) {
      const data = await readFile(path.join(root, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      if (data) await addEntry(pack, { name, type: 'file', mode: 0o600, size: data.length }, data);
    }
  }
}

function addEntry(
  pack: tar.Pack,
  header: Partial<tar.Header> & { name: string },
  data?: Buffer,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error | null) => (error ? reject(error) : resolve());
    if (data) pack.entry(header, data, done);
    else pack.entry(header, done);
  });
}

/**
 * Unpacks a gzipped tar written by `packProfile` into `dir` (which must be empty). Refuses
 * the whole archive on an entry that is not a plain file or directory or whose name would
 * land outside `dir` (`../`, an absolute path): archives come from the database, and a
 * tampered one must not write anywhere else.
 */
export async function unpackProfile(archiveFile: string, dir: string): Promise<void> {
  const root = path.resolve(dir);
  const extract = tar.extract();
  const unpacking = (async () => {
    for await (const entry of extract) {
      const target = safeTarget(root, entry.header.name);
      if (entry.header.type === 'directory') {
        await mkdir(target, { recursive: true, mode: 0o700 });
        entry.resume();
      } else if (entry.header.type === 'file') {
        const parts: Buffer[] = [];
        for await (const part of entry) parts.push(part as Buffer);
        await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
        await writeFile(target, Buffer.concat(parts), { mode: 0o600 });
      } else {
        throw new ArchiveEntryError(
          `The stored login holds a ${entry.header.type} entry (${entry.header.name}); only files and folders are restored`,
        );
      }
    }
  })();
  await Promise.all([
    pipeline(createReadStream(archiveFile), createGunzip(), extract).catch((error: Error) => {
      extract.destroy(error);
      throw error;
    }),
    unpacking,
  ]);
}

function safeTarget(root: string, name: string): string {
  const target = path.resolve(root, name);
  if (path.isAbsolute(name) || (target !== root && !target.startsWith(root + path.sep))) {
    throw new ArchiveEntryError(`The stored login holds an entry outside its folder (${name}); refused`);
  }
  return target;
}

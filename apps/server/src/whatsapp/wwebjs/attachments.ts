import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type wwebjs from 'whatsapp-web.js';
import { errorText } from './failures';
import { loadWwebjs } from './library';

/** Attachments kept in memory: a campaign sends one file to every recipient. */
const KEEP = 2;

export interface Attachment {
  media: wwebjs.MessageMedia;
  bytes: number;
}

/**
 * Reads each attachment once (asynchronously) and hands every recipient the same base64,
 * instead of `MessageMedia.fromFilePath` reading the file synchronously for each send.
 * Keyed by path, size and mtime, so a replaced file is read again.
 */
export class AttachmentCache {
  private readonly entries = new Map<string, Promise<{ data: string; bytes: number }>>();

  async load(file: { path: string; mimeType: string; fileName?: string }): Promise<Attachment> {
    let data: string;
    let bytes: number;
    try {
      const info = await stat(file.path);
      const key = `${file.path}\0${info.size}\0${info.mtimeMs}`;
      let entry = this.entries.get(key);
      if (!entry) {
        entry = readFile(file.path).then((buffer) => ({
          data: buffer.toString('base64'),
          bytes: buffer.length,
        }));
        this.entries.set(key, entry);
        entry.catch(() => this.entries.delete(key));
        while (this.entries.size > KEEP) this.entries.delete(this.entries.keys().next().value!);
      }
      ({ data, bytes } = await entry);
    } catch (error) {
      throw new Error(`The attachment could not be read: ${errorText(error)}`);
    }
    // The engine passes the uploader's file name; without it a document arrives as <sha256>.<ext>.
    const filename = file.fileName || path.basename(file.path);
    const { MessageMedia } = await loadWwebjs();
    return { media: new MessageMedia(file.mimeType, data, filename), bytes };
  }
}

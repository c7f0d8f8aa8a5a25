import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Which phone number each private LID (`…@lid`) stands for, learned when we send to the
 * number. A reply from a LID can then be matched to its recipient even when WhatsApp Web
 * will not say. One JSON line per pair under the data dir, so every process sees it.
 */
export class LidDirectory {
  private map: Map<string, string> | undefined;
  private loading: Promise<Map<string, string>> | undefined;
  private writes: Promise<unknown> = Promise.resolve();
  /** Phones whose LID is known (once loaded): the send path asks WhatsApp only for the others. */
  private readonly phones = new Set<string>();

  constructor(private readonly file: string) {}

  /** '+98912…' for `lid` ('…@lid'), when known. */
  async phoneOf(lid: string): Promise<string | undefined> {
    return (await this.load()).get(lid);
  }

  /** False until the file is loaded (asking again then is harmless). */
  knowsPhone(phone: string): boolean {
    return this.phones.has(phone);
  }

  async remember(lid: string, phone: string): Promise<void> {
    const map = await this.load();
    if (map.get(lid) === phone) return;
    map.set(lid, phone);
    this.phones.add(phone);
    const line = `${JSON.stringify({ lid, phone })}\n`;
    this.writes = this.writes.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      await appendFile(this.file, line);
    });
    await this.writes;
  }

  private load(): Promise<Map<string, string>> {
    if (this.map) return Promise.resolve(this.map);
    this.loading ??= readFile(this.file, 'utf8')
      .catch(() => '')
      .then((text) => {
        const map = new Map<string, string>();
        for (const raw of text.split('\n')) {
          try {
            const { lid, phone } = JSON.parse(raw) as { lid?: unknown; phone?: unknown };
            if (typeof lid === 'string' && typeof phone === 'string') {
              map.set(lid, phone);
              this.phones.add(phone);
            }
          } catch {
            // a torn last line
          }
        }
        this.map = map;
        return map;
      });
    return this.loading;
  }
}

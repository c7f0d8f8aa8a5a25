import { mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { appendDurably } from '../durable-file';

const JOURNAL_COMPACT_BYTES = 256 * 1024;
const JOURNAL_KEEP_LINES = 200;

type JournalLine = { ref: string; to?: string; at?: string; messageId?: string; notSent?: true };

/** What the journal knows of a send: its message id, or only that it was about to go out. */
export type JournaledSend = { messageId: string } | { intentAt: number; to: string | undefined };

/**
 * One account's send journal (JSON lines): an intent before each send and its message id
 * after, so a send interrupted by a crash can be looked up instead of sent twice.
 */
export class SendJournal {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {}

  /** Before a send: this ref is about to go out to `to`. */
  intent(ref: string, to: string, at: Date): Promise<void> {
    return this.append({ ref, to, at: at.toISOString() }, true);
  }

  /** After a send (or a lookup that found it): this ref went out as `messageId`. */
  result(ref: string, messageId: string): Promise<void> {
    return this.append({ ref, messageId }, false);
  }

  /** After an intent: the send stopped before anything reached WhatsApp (it will be queued again). */
  abandon(ref: string): Promise<void> {
    return this.append({ ref, notSent: true }, false);
  }

  /** Message ids of the sends still on record (the most recent ones). */
  async messageIds(): Promise<string[]> {
    await this.queue.catch(() => {});
    return (await readJournal(this.file)).flatMap((line) => (line.messageId ? [line.messageId] : []));
  }

  /** The last word on a ref; undefined when it was never about to go out. */
  async find(ref: string): Promise<JournaledSend | undefined> {
    await this.queue.catch(() => {});
    let intent: { intentAt: number; to: string | undefined } | undefined;
    for (const line of await readJournal(this.file)) {
      if (line.ref !== ref) continue;
      if (line.messageId) return { messageId: line.messageId };
      if (line.notSent) intent = undefined;
      else if (line.at) intent = { intentAt: Date.parse(line.at), to: line.to };
    }
    if (!intent || Number.isNaN(intent.intentAt)) return undefined;
    return intent;
  }

  /** Appends one line, flushed to disk, in order with every other write to this journal. */
  private append(line: JournalLine, compact: boolean): Promise<void> {
    const run = this.queue.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      if (compact) await compactJournal(this.file);
      await appendDurably(this.file, `${JSON.stringify(line)}\n`);
    });
    this.queue = run.catch(() => {});
    return run;
  }
}

/** Every parseable line; a torn last line (power loss mid-write) is skipped. */
async function readJournal(file: string): Promise<JournalLine[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const lines: JournalLine[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    try {
      const line = JSON.parse(raw) as JournalLine;
      if (line && typeof line.ref === 'string') lines.push(line);
    } catch {
      // skip a partial line
    }
  }
  return lines;
}

/**
 * Keeps the journal small: only the last sends can be in doubt after a crash (one send at a
 * time per account, each resolved before the next), so older lines are dropped.
 */
async function compactJournal(file: string): Promise<void> {
  const size = await stat(file).then(
    (s) => s.size,
    () => 0,
  );
  if (size < JOURNAL_COMPACT_BYTES) return;
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim());
  const kept = `${lines.slice(-JOURNAL_KEEP_LINES).join('\n')}\n`;
  const temp = `${file}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.write(kept);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

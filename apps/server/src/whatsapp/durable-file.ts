import { open } from 'node:fs/promises';

/**
 * Appends a line and flushes it to disk before resolving: the sandbox ledger and the
 * wwebjs send journal must survive a crash right after a send.
 */
export async function appendDurably(file: string, line: string): Promise<void> {
  const handle = await open(file, 'a');
  try {
    await handle.write(line);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

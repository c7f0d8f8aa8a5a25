import { rm } from 'node:fs/promises';
import path from 'node:path';

/** `<dataDir>/wwebjs`: LocalAuth's dataPath, the journals and owner files. */
export function wwebjsDir(dataDir: string): string {
  return path.resolve(dataDir, 'wwebjs');
}

/** Saved WhatsApp Web pages (webVersionCache 'local'), shared by all accounts. */
export function wwebjsWebCacheDir(dataDir: string): string {
  return path.join(wwebjsDir(dataDir), 'web-cache');
}

/** The account's Chromium profile, where LocalAuth keeps the WhatsApp login. */
export function wwebjsAuthDir(dataDir: string, accountId: number): string {
  return path.join(wwebjsDir(dataDir), `session-account-${accountId}`);
}

export function wwebjsJournalPath(dataDir: string, accountId: number): string {
  return path.join(wwebjsDir(dataDir), `journal-${accountId}.jsonl`);
}

/** LID → phone pairs learned while sending (see `lids.ts`). */
export function wwebjsLidsPath(dataDir: string, accountId: number): string {
  return path.join(wwebjsDir(dataDir), `lids-${accountId}.jsonl`);
}

/** Which Chapar process runs the profile's Chromium (see `profile-lock.ts`). */
export function wwebjsOwnerPath(dataDir: string, accountId: number): string {
  return path.join(wwebjsDir(dataDir), `owner-${accountId}.json`);
}

/**
 * Forgets an account's WhatsApp login (logout, remove). With `journal`, also its send
 * journal (only once no send of the account can still be in doubt, e.g. on remove).
 */
export async function deleteWwebjsAuth(
  dataDir: string,
  accountId: number,
  options: { journal?: boolean } = {},
): Promise<void> {
  await rm(wwebjsAuthDir(dataDir, accountId), { recursive: true, force: true, maxRetries: 3 });
  await rm(wwebjsOwnerPath(dataDir, accountId), { force: true });
  if (options.journal) await rm(wwebjsJournalPath(dataDir, accountId), { force: true });
}

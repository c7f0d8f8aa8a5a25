/**
 * Where a real account's WhatsApp login (its Chromium profile) lives between sessions, so
 * that it follows the account's lease to whichever worker runs it (DESIGN.md, "Scale-out").
 * The driver restores the profile before its browser starts and backs it up while linked;
 * the session manager forgets it on logout and remove.
 */
export interface LoginStore {
  readonly kind: 'local' | 'mysql';
  /**
   * Puts the stored login into `dir` before the browser starts, replacing what is there.
   * Answers false (and leaves `dir` alone) when nothing is stored.
   */
  restore(accountId: number, dir: string): Promise<boolean>;
  /** Saves `dir` as the account's login (after READY, now and then, and on a graceful close). */
  backup(accountId: number, dir: string): Promise<void>;
  /** Deletes the stored login (logout, remove). */
  forget(accountId: number): Promise<void>;
}

/** The default: the profile directory under DATA_DIR is the store (one machine, or a shared volume). */
export const localLoginStore: LoginStore = {
  kind: 'local',
  restore: async () => false,
  backup: async () => {},
  // The session manager deletes the directory itself, whichever store is used.
  forget: async () => {},
};

/**
 * What every part of the server shares at run time: the event bus and its topic names, the
 * logger and the clock. Events are whole snapshots, so a subscriber only ever needs the
 * latest one.
 */
export interface EventBus {
  /** Delivered to every subscriber of `topic` on every process (best effort: see snapshotStream). */
  publish(topic: string, data: unknown): void;
  /** Returns the unsubscribe function. */
  subscribe(topic: string, handler: (data: unknown) => void): () => void;
  /** Told when the bus may have missed events (its link came back); answers the unsubscribe. */
  onResync?(listener: () => void): () => void;
}

export const topics = {
  campaign: (id: number) => `campaign:${id}`,
  account: (id: number) => `account:${id}`,
} as const;

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** Time as the server sees it; tests pass a fixed one. */
export interface Clock {
  now(): Date;
}

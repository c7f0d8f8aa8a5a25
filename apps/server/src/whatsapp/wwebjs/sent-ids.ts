import type { MessageLike } from './client-like';

/** `true_<remote>_<key>[_<participant>]`: the key is the part that survives a c.us → lid move. */
function keyOf(serialized: string): string | undefined {
  const parts = serialized.split('_');
  return parts.length >= 3 && parts[0] === 'true' ? parts[2] : undefined;
}

/**
 * The message ids `send()` returned, most recent first out when full. Only their acks go to
 * the engine: acks of messages sent from the phone or in groups are none of its business,
 * and each unknown one would be looked up for minutes.
 */
export class SentIds {
  /** Message key → the id the engine stored. */
  private readonly byKey = new Map<string, string>();
  private readonly ids = new Set<string>();

  constructor(private readonly max = 20_000) {}

  add(messageId: string) {
    this.ids.delete(messageId);
    this.ids.add(messageId);
    const key = keyOf(messageId);
    if (key) this.byKey.set(key, messageId);
    while (this.ids.size > this.max) {
      const oldest = this.ids.values().next().value!;
      this.ids.delete(oldest);
      const oldKey = keyOf(oldest);
      if (oldKey && this.byKey.get(oldKey) === oldest) this.byKey.delete(oldKey);
    }
  }

  /** The id the engine knows this acked message by, or nothing when it is not one of ours. */
  match(message: MessageLike): string | undefined {
    const serialized = message.id._serialized;
    if (this.ids.has(serialized)) return serialized;
    // The chat moved from c.us to lid keys: same message key, new serialised id.
    const key = message.id.id ?? keyOf(serialized);
    return key ? this.byKey.get(key) : undefined;
  }
}

import type { ClientLike, MessageLike } from './client-like';
import { isFromMe } from './messages';

const MAX_CHATS = 200;
const MAX_PER_CHAT = 20;

/**
 * Incoming messages still unread in 1:1 chats. whatsapp-web.js emits `message` only for
 * what arrives while the page is live, so a STOP sent while Chapar was down shows up only
 * here. Unread counts are reliable because Chapar never marks chats as read (sendSeen off).
 */
export async function unreadIncoming(client: ClientLike): Promise<MessageLike[]> {
  if (!client.getChats) return [];
  const chats = (await client.getChats())
    .filter((chat) => !chat.isGroup && (chat.unreadCount ?? 0) > 0)
    .filter((chat) => /@(c\.us|lid)$/.test(chat.id?._serialized ?? ''))
    .slice(0, MAX_CHATS);
  const found: MessageLike[] = [];
  for (const chat of chats) {
    const unread = Math.min(chat.unreadCount ?? 0, MAX_PER_CHAT);
    // Our own messages may sit among the last ones; fetch a few more and keep the incoming.
    const messages = await chat.fetchMessages({ limit: unread + 10 });
    const incoming = messages
      .filter((m) => !isFromMe(m))
      .sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
    found.push(...incoming.slice(-unread));
  }
  return found;
}

/** Ids already handled, so a reply seen live and again in the catch-up counts once. */
export class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly max = 5000) {}

  /** True the first time an id is seen. */
  first(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}

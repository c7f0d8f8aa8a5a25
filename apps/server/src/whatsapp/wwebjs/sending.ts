// Default import: the package is CommonJS, and its named exports (MessageMedia…) fail under ESM.
import wwebjs from 'whatsapp-web.js';
import type { ClientLike, MessageLike } from './client-like';
import type { WwebjsOutgoingMessage } from './driver-options';
import { errorText, unknownOutcome } from './failures';
import { isFromMe } from './messages';
import { TimeoutError, withTimeout } from './timeouts';

const { MessageMedia } = wwebjs;

const LOOKUP_MESSAGES = 30;

/** What `sendMessage` gets: the text, or the attachment with the text as its caption. */
export function outgoingContent(message: WwebjsOutgoingMessage): {
  content: unknown;
  options: Record<string, unknown>;
} {
  const options: Record<string, unknown> = {
    // Marking the chat as read is not ours to do (and sendSeen breaks on some WhatsApp Web builds).
    sendSeen: false,
  };
  if (!message.media) return { content: message.text, options };
  let media: InstanceType<typeof MessageMedia>;
  try {
    media = MessageMedia.fromFilePath(message.media.path);
  } catch (error) {
    throw new Error(`The attachment could not be read: ${errorText(error)}`);
  }
  media.mimetype = message.media.mimeType;
  const caption = message.media.caption ?? message.text;
  if (caption) options.caption = caption;
  return { content: media, options };
}

/** `sendMessage`, bounded: no answer within `ms` means the message may or may not have gone out. */
export async function sendWithTimeout(
  client: ClientLike,
  chatId: string,
  content: unknown,
  options: Record<string, unknown>,
  ms: number,
): Promise<MessageLike | null | undefined> {
  try {
    return await withTimeout(
      Promise.resolve().then(() => client.sendMessage(chatId, content, options)),
      ms,
    );
  } catch (error) {
    if (error instanceof TimeoutError) {
      throw unknownOutcome(`WhatsApp Web did not answer within ${Math.round(ms / 1000)} s`);
    }
    throw error;
  }
}

/** The first message we sent in the chat at or after `sinceMs`, among its last messages. */
export async function findSentInChat(
  client: ClientLike,
  chatId: string,
  sinceMs: number,
): Promise<string | undefined> {
  const chat = await client.getChatById(chatId);
  if (!chat) return undefined;
  const messages = await chat.fetchMessages({ limit: LOOKUP_MESSAGES });
  const since = Math.floor(sinceMs / 1000);
  const mine = messages
    .filter(
      (m) => isFromMe(m) && typeof m.timestamp === 'number' && m.timestamp >= since && m.id?._serialized,
    )
    .sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
  return mine[0]?.id._serialized;
}

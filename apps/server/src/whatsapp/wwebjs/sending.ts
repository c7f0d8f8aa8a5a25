import type { AttachmentCache } from './attachments';
import type { ClientLike, MessageLike } from './client-like';
import type { WwebjsOutgoingMessage } from './driver-options';
import { unknownOutcome } from './failures';
import { isFromMe } from './messages';
import { TimeoutError, withTimeout } from './timeouts';

const LOOKUP_MESSAGES = 30;

export interface PreparedSend {
  content: unknown;
  options: Record<string, unknown>;
  /** Attachment size, for the send timeout (0 for text). */
  bytes: number;
  /** Text sent as its own message after the attachment (audio shows no caption). */
  followUp?: string;
}

/** What `sendMessage` gets: the text, or the attachment with the text as its caption. */
export async function prepareSend(
  message: WwebjsOutgoingMessage,
  attachments: AttachmentCache,
): Promise<PreparedSend> {
  const options: Record<string, unknown> = {
    // Marking the chat as read is not ours to do (and sendSeen breaks on some WhatsApp Web builds).
    sendSeen: false,
    // Resolve once WhatsApp's server took the message, not when it is only queued in the page.
    waitUntilMsgSent: true,
  };
  if (!message.media) return { content: message.text, options, bytes: 0 };
  const { media, bytes } = await attachments.load(message.media);
  const caption = message.media.caption ?? message.text;
  // WhatsApp shows no caption under audio: the text goes as a message of its own.
  if (message.media.mimeType.startsWith('audio/')) {
    return { content: media, options, bytes, ...(caption ? { followUp: caption } : {}) };
  }
  if (caption) options.caption = caption;
  return { content: media, options, bytes };
}

/** The send timeout grows with the attachment: the upload happens inside sendMessage. */
export function sendTimeoutFor(bytes: number, baseMs: number, uploadBytesPerSecond: number): number {
  return baseMs + Math.ceil((bytes / uploadBytesPerSecond) * 1000);
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

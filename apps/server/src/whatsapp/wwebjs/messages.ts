import type { ClientLike, MessageLike, WidLike } from './client-like';

/** Message types that are WhatsApp's own notices, not something a person wrote. */
const SYSTEM_TYPES = new Set([
  'e2e_notification',
  'notification',
  'notification_template',
  'gp2',
  'call_log',
  'protocol',
  'revoked',
  'ciphertext',
  'debug',
  'broadcast_notification',
]);

/** '+98912…' for a phone-number id; nothing for a LID (not a phone number). */
export function phoneOf(wid: WidLike | undefined): string | undefined {
  if (!wid?.user || (wid.server && wid.server !== 'c.us')) return undefined;
  return /^\d{6,15}$/.test(wid.user) ? `+${wid.user}` : undefined;
}

export function isFromMe(message: MessageLike): boolean {
  return Boolean(message.id?.fromMe ?? message.fromMe);
}

/** whatsapp-web.js MessageAck: -1 error, 0 pending, 1 server, 2 device, 3 read, 4 played. */
export function mapAck(ack: number): 'DELIVERED' | 'READ' | 'FAILED' | undefined {
  if (ack === -1) return 'FAILED';
  if (ack === 2) return 'DELIVERED';
  if (ack === 3 || ack === 4) return 'READ';
  return undefined;
}

/** The '+98912…' of the person who wrote an incoming message; nothing when it is not a reply. */
export async function replySender(client: ClientLike, message: MessageLike): Promise<string | undefined> {
  if (!message || isFromMe(message) || message.isStatus) return undefined;
  if (message.type && SYSTEM_TYPES.has(message.type)) return undefined;
  const from = message.from ?? '';
  let user: string | undefined;
  if (from.endsWith('@c.us')) {
    user = from.slice(0, -'@c.us'.length);
  } else if (from.endsWith('@lid') && client.getContactLidAndPhone) {
    // Newer chats address people by a private "LID"; ask WhatsApp for the phone number.
    const [pair] = await client.getContactLidAndPhone([from]);
    if (pair?.pn?.endsWith('@c.us')) user = pair.pn.slice(0, -'@c.us'.length);
  }
  // Groups (@g.us), status@broadcast, channels (@newsletter) and unknown senders are not replies.
  if (!user || !/^\d{6,15}$/.test(user)) return undefined;
  return `+${user}`;
}

import type { ClientLike, MessageLike, WidLike } from './client-like';
import type { LidDirectory } from './lids';

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

/** The '+98912…' of a 'digits@c.us' id. */
function phoneOfUserId(id: string | undefined): string | undefined {
  if (!id?.endsWith('@c.us')) return undefined;
  const user = id.slice(0, -'@c.us'.length);
  return /^\d{6,15}$/.test(user) ? `+${user}` : undefined;
}

export type ReplySender =
  | { kind: 'reply'; from: string; lid?: string }
  /** A LID nobody could turn into a phone number. */
  | { kind: 'unresolved'; lid: string };

/**
 * Who wrote an incoming message; nothing when it is not a person's reply (groups,
 * status, channels, our own, system notices). A private LID sender is looked up in what
 * we learned while sending, then asked of WhatsApp Web: only for replies that matter
 * (`wanted`, the opt-out words), since each lookup is a round trip into the page.
 */
export async function replySender(
  client: ClientLike,
  message: MessageLike,
  options: { lids?: LidDirectory; wanted?: (body: string) => boolean } = {},
): Promise<ReplySender | undefined> {
  if (!message || isFromMe(message) || message.isStatus) return undefined;
  if (message.type && SYSTEM_TYPES.has(message.type)) return undefined;
  const from = message.from ?? '';
  if (from.endsWith('@c.us')) {
    const phone = phoneOfUserId(from);
    return phone ? { kind: 'reply', from: phone } : undefined;
  }
  if (!from.endsWith('@lid')) return undefined;
  if (options.wanted && !options.wanted(message.body ?? '')) return undefined;
  const known = await options.lids?.phoneOf(from);
  if (known) return { kind: 'reply', from: known, lid: from };
  if (client.getContactLidAndPhone) {
    const [pair] = await client.getContactLidAndPhone([from]).catch(() => []);
    const phone = phoneOfUserId(pair?.pn);
    if (phone) return { kind: 'reply', from: phone, lid: from };
  }
  if (client.getContactById) {
    const contact = await client.getContactById(from).catch(() => undefined);
    // `number` is WhatsApp's userid: for a LID contact it may be the LID itself, which is no phone.
    const number = contact?.number;
    const phone =
      phoneOfUserId(contact?.id?._serialized) ??
      (number && /^\d{6,15}$/.test(number) && `${number}@lid` !== from ? `+${number}` : undefined);
    if (phone) return { kind: 'reply', from: phone, lid: from };
  }
  return { kind: 'unresolved', lid: from };
}

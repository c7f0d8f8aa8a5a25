// What goes out (attachments, audio, timeouts) and what comes back (acks, replies, opt-outs).
import { utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import wwebjs from 'whatsapp-web.js';
import { type ChatLike, type MessageLike, UnknownSendOutcomeError, WwebjsDriver } from './wwebjs-driver';
import { BOB, BOB_ID, setup, until } from './wwebjs-fake';

const BOB_LID = '123456789012345@lid';

async function fileOf(dir: string, name: string, bytes: number) {
  const file = path.join(dir, name);
  await writeFile(file, Buffer.alloc(bytes, 7));
  return file;
}

describe('WwebjsDriver: attachments', () => {
  it('sends documents under the name the engine passes, not <sha256>.<ext>', async () => {
    const t = await setup();
    await t.ready();
    const file = await fileOf(t.dataDir, 'ab12cd.pdf', 10);
    await t.driver.send({
      to: BOB,
      text: 'Prices',
      ref: 'r1',
      media: { path: file, mimeType: 'application/pdf', fileName: 'Price list.pdf' },
    });
    expect(t.client().sendMessage.mock.calls[0]![1]).toMatchObject({ filename: 'Price list.pdf' });
  });

  it('reads the file once for all recipients, asynchronously', async () => {
    const t = await setup();
    await t.ready();
    const fromFilePath = vi.spyOn(wwebjs.MessageMedia, 'fromFilePath');
    const file = await fileOf(t.dataDir, 'offer.jpg', 4);
    const mtime = new Date('2025-01-01T00:00:00Z');
    await utimes(file, mtime, mtime);
    const media = { path: file, mimeType: 'image/jpeg' };
    await t.driver.send({ to: BOB, text: 'one', ref: 'r1', media });
    // Same size and time, other bytes: a second read would send them.
    await writeFile(file, Buffer.from([1, 2, 3, 4]));
    await utimes(file, mtime, mtime);
    await t.driver.send({ to: BOB, text: 'two', ref: 'r2', media });
    const sent = t.client().sendMessage.mock.calls.map((call) => (call[1] as { data: string }).data);
    expect(sent).toEqual([Buffer.alloc(4, 7).toString('base64'), Buffer.alloc(4, 7).toString('base64')]);
    expect(fromFilePath).not.toHaveBeenCalled();
    fromFilePath.mockRestore();
  });

  it('allows a large upload more time than a text', async () => {
    const t = await setup({ sendTimeoutMs: 20, uploadBytesPerSecond: 1024 * 1024 });
    await t.ready();
    // 200 KB at 1 MB/s: about 200 ms more than the 20 ms a text gets.
    const file = await fileOf(t.dataDir, 'video.mp4', 200 * 1024);
    t.client().sendMessage.mockImplementation(async (chatId: string) => {
      await new Promise((r) => setTimeout(r, 80));
      return { id: { _serialized: `true_${chatId}_BIG`, fromMe: true } };
    });
    await expect(
      t.driver.send({ to: BOB, text: '', ref: 'r1', media: { path: file, mimeType: 'video/mp4' } }),
    ).resolves.toEqual({ messageId: `true_${BOB_ID}_BIG` });
    await expect(t.driver.send({ to: BOB, text: 'text', ref: 'r2' })).rejects.toBeInstanceOf(
      UnknownSendOutcomeError,
    );
  });

  it('sends the text of an audio message as its own message (audio shows no caption)', async () => {
    const t = await setup();
    await t.ready();
    const file = await fileOf(t.dataDir, 'voice.ogg', 8);
    const { messageId } = await t.driver.send({
      to: BOB,
      text: 'Listen to this',
      ref: 'r1',
      media: { path: file, mimeType: 'audio/ogg' },
    });
    const calls = t.client().sendMessage.mock.calls;
    expect(calls).toHaveLength(2);
    expect(calls[0]![1]).toBeInstanceOf(wwebjs.MessageMedia);
    expect(calls[0]![2]).not.toHaveProperty('caption');
    expect(calls[1]!.slice(0, 2)).toEqual([BOB_ID, 'Listen to this']);
    expect(messageId).toBe(`true_${BOB_ID}_MSG1`);
  });
});

describe('WwebjsDriver: waiting for WhatsApp', () => {
  it('asks sendMessage to wait for the server (waitUntilMsgSent), not only the local queue', async () => {
    const t = await setup();
    await t.ready();
    await t.driver.send({ to: BOB, text: 'hi', ref: 'r1' });
    expect(t.client().sendMessage.mock.calls[0]![2]).toMatchObject({ waitUntilMsgSent: true });
  });

  it('does not hang on the chat lookup before typing', async () => {
    const t = await setup({ typingMs: 5, typingChatTimeoutMs: 20 });
    await t.ready();
    t.client().getChatById.mockImplementation(() => new Promise(() => {}));
    await expect(t.driver.send({ to: BOB, text: 'hi', ref: 'r1', typing: true })).resolves.toBeDefined();
  });
});

describe('WwebjsDriver: acks', () => {
  it('forwards only acks of messages send() returned', async () => {
    const t = await setup();
    await t.ready();
    const { messageId } = await t.driver.send({ to: BOB, text: 'hi', ref: 'r1' });
    const ack = (id: string, extra: Partial<MessageLike['id']> = {}) =>
      t.client().emit('message_ack', { id: { _serialized: id, fromMe: true, ...extra } }, 3);
    ack(`true_${BOB_ID}_FROMPHONE`);
    ack('true_120363000000000000@g.us_GROUP_98912@c.us');
    ack(messageId);
    expect(t.events.filter((e) => e.type === 'ack')).toEqual([{ type: 'ack', messageId, ack: 'READ' }]);
  });

  it('matches an ack by the message key when the chat moved from c.us to lid', async () => {
    const t = await setup();
    await t.ready();
    const { messageId } = await t.driver.send({ to: BOB, text: 'hi', ref: 'r1' });
    t.client().emit(
      'message_ack',
      { id: { _serialized: `true_${BOB_LID}_MSG1`, fromMe: true, id: 'MSG1' } },
      2,
    );
    expect(t.events.filter((e) => e.type === 'ack')).toEqual([{ type: 'ack', messageId, ack: 'DELIVERED' }]);
  });

  it('still forwards acks of sends from before a restart (from the journal)', async () => {
    const t = await setup();
    await t.ready();
    const { messageId } = await t.driver.send({ to: BOB, text: 'hi', ref: 'r1' });
    await t.driver.disconnect();
    // A new process: nothing in memory, the journal on disk.
    const fresh = new WwebjsDriver(7, {
      dataDir: t.dataDir,
      chromePath: process.execPath,
      clientFactory: () => t.client(),
    });
    const acks: unknown[] = [];
    fresh.onEvent((e) => e.type === 'ack' && acks.push(e));
    await fresh.connect();
    t.client().emit('message_ack', { id: { _serialized: messageId, fromMe: true } }, 3);
    expect(acks).toEqual([{ type: 'ack', messageId, ack: 'READ' }]);
  });
});

describe('WwebjsDriver: replies while Chapar was away', () => {
  const chat = (id: string, unreadCount: number, messages: MessageLike[], isGroup = false) =>
    ({
      id: { _serialized: id },
      isGroup,
      unreadCount,
      fetchMessages: vi.fn(async () => messages),
    }) satisfies ChatLike;

  it('on READY reads the unread 1:1 chats and passes their replies on, once', async () => {
    const t = await setup();
    await t.driver.connect();
    const stop: MessageLike = {
      id: { _serialized: 'false_bob_STOP' },
      from: BOB_ID,
      body: 'STOP',
      timestamp: 2,
    };
    const bob = chat(BOB_ID, 1, [
      { id: { _serialized: 'true_bob_OURS', fromMe: true }, from: BOB_ID, body: 'offer', timestamp: 1 },
      stop,
    ]);
    const group = chat('120363000000000000@g.us', 5, [], true);
    const read = chat('989351112233@c.us', 0, []);
    t.client().chats = [bob, group, read];
    t.client().becomeReady();
    await until(() => t.events.some((e) => e.type === 'message'));
    // The same reply arriving live as well counts once.
    t.client().emit('message', stop);
    await new Promise((r) => setTimeout(r, 20));
    expect(t.events.filter((e) => e.type === 'message')).toEqual([
      { type: 'message', from: BOB, body: 'STOP' },
    ]);
    expect(group.fetchMessages).not.toHaveBeenCalled();
    expect(read.fetchMessages).not.toHaveBeenCalled();
  });
});

describe('WwebjsDriver: replies from a private LID', () => {
  const fromLid = (body: string, n = 1): MessageLike => ({
    id: { _serialized: `false_${BOB_LID}_IN${n}` },
    from: BOB_LID,
    body,
    type: 'chat',
  });

  it('resolves a LID learned at send time when WhatsApp Web will not say', async () => {
    const t = await setup();
    await t.ready();
    t.client().getContactLidAndPhone.mockResolvedValueOnce([{ lid: BOB_LID, pn: BOB_ID }]);
    await t.driver.send({ to: BOB, text: 'hi', ref: 'r1' });
    await until(() => t.client().getContactLidAndPhone.mock.calls.length === 1);
    await new Promise((r) => setTimeout(r, 10));
    t.client().getContactLidAndPhone.mockResolvedValue([{ lid: BOB_LID }]);
    t.client().emit('message', fromLid('stop'));
    await until(() => t.events.some((e) => e.type === 'message'));
    expect(t.events.filter((e) => e.type === 'message')).toEqual([
      { type: 'message', from: BOB, body: 'stop' },
    ]);
    expect(t.client().getContactLidAndPhone).toHaveBeenCalledTimes(1);
  });

  it('falls back to getContactById, and logs what stays unresolved', async () => {
    const warn = vi.fn();
    const t = await setup({ log: { info() {}, warn, error() {} } });
    await t.ready();
    t.client().getContactLidAndPhone.mockResolvedValue([{ lid: BOB_LID }]);
    t.client().getContactById.mockResolvedValueOnce({ number: '989121234567', id: { _serialized: BOB_LID } });
    t.client().emit('message', fromLid('stop', 1));
    await until(() => t.events.some((e) => e.type === 'message'));
    expect(t.events.filter((e) => e.type === 'message')).toEqual([
      { type: 'message', from: BOB, body: 'stop' },
    ]);
    t.client().emit('message', { ...fromLid('stop', 2), from: '999999999999999@lid' });
    await until(() => warn.mock.calls.some(([, msg]) => /private LID/.test(String(msg))));
  });

  it('checks the opt-out words before any lookup', async () => {
    const t = await setup({ isOptOutReply: (body) => body.trim().toLowerCase() === 'stop' });
    await t.ready();
    t.client().emit('message', fromLid('thanks, see you'));
    await new Promise((r) => setTimeout(r, 20));
    expect(t.client().getContactLidAndPhone).not.toHaveBeenCalled();
    expect(t.events.filter((e) => e.type === 'message')).toEqual([]);
  });
});

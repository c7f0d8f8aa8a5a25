import { EventEmitter } from 'node:events';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import wwebjs from 'whatsapp-web.js';
import {
  deleteWwebjsAuth,
  describeStartFailure,
  type MessageLike,
  NotOnWhatsAppError,
  UnknownSendOutcomeError,
  WwebjsDriver,
  wwebjsAuthDir,
  wwebjsJournalPath,
} from './wwebjs-driver';
import { BOB, BOB_ID, journalLines, ME, setup, until } from './wwebjs-fake';

describe('WwebjsDriver: starting', () => {
  it('starts whatsapp-web.js with LocalAuth under the data dir and the system Chromium', async () => {
    const t = await setup();
    await t.driver.connect();
    expect(t.clientOptions).toHaveLength(1);
    const opts = t.clientOptions[0]!;
    expect(opts.authStrategy).toBeInstanceOf(wwebjs.LocalAuth);
    expect(opts.authStrategy.clientId).toBe('account-7');
    expect(opts.authStrategy.dataPath).toBe(path.join(t.dataDir, 'wwebjs'));
    expect(path.isAbsolute(opts.authStrategy.dataPath!)).toBe(true);
    expect(opts.puppeteer).toMatchObject({ executablePath: process.execPath, headless: true });
    for (const arg of [
      '--no-sandbox',
      '--disable-setuid-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
    ]) {
      expect(opts.puppeteer.args).toContain(arg);
    }
    // The server's graceful shutdown, not puppeteer's signal handlers, closes the browsers.
    expect(opts.puppeteer).toMatchObject({ handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
    expect(t.client().initialize).toHaveBeenCalledTimes(1);
    expect(t.statuses()).toEqual(['CONNECTING']);
  });

  it('resolves a relative data dir, and knows where the login and journal live', () => {
    expect(wwebjsAuthDir('rel/data', 3)).toBe(path.resolve('rel/data', 'wwebjs', 'session-account-3'));
    expect(wwebjsJournalPath('/srv/chapar', 3)).toBe('/srv/chapar/wwebjs/journal-3.jsonl');
    const driver = new WwebjsDriver(3, { dataDir: 'rel/data', chromePath: '/usr/bin/chromium' });
    expect(driver.authDir).toBe(wwebjsAuthDir('rel/data', 3));
    expect(WwebjsDriver.deleteAuth).toBe(deleteWwebjsAuth);
  });

  it('maps qr (each new one), authenticated, loading_screen and ready with the phone', async () => {
    const t = await setup();
    await t.driver.connect();
    t.client().emit('qr', 'qr-one');
    t.client().emit('qr', 'qr-two');
    t.client().emit('authenticated');
    t.client().emit('loading_screen', 50, 'WhatsApp');
    t.client().becomeReady('989351112233');
    const statusEvents = t.events.filter((e) => e.type === 'status');
    expect(statusEvents).toEqual([
      { type: 'status', status: 'CONNECTING' },
      { type: 'status', status: 'QR', qr: 'qr-one' },
      { type: 'status', status: 'QR', qr: 'qr-two' },
      { type: 'status', status: 'CONNECTING' },
      { type: 'status', status: 'CONNECTING' },
      { type: 'status', status: 'READY', phone: '+989351112233' },
    ]);
  });

  it('does not report a private LID as the phone number', async () => {
    const t = await setup();
    await t.driver.connect();
    t.client().info = { wid: { _serialized: '123456789012345@lid', user: '123456789012345', server: 'lid' } };
    t.client().emit('ready');
    expect(t.lastStatus()).toEqual({ type: 'status', status: 'READY' });
  });

  it('shares one start between concurrent connect calls and ignores connect while running', async () => {
    const t = await setup();
    await Promise.all([t.driver.connect(), t.driver.connect()]);
    await t.driver.connect();
    expect(t.clients).toHaveLength(1);
  });

  it('goes CONNECTING while WhatsApp Web reconnects and READY again after', async () => {
    const t = await setup();
    await t.ready();
    t.client().emit('change_state', 'TIMEOUT');
    t.client().emit('change_state', 'OPENING');
    t.client().emit('change_state', 'CONNECTED');
    expect(t.statuses()).toEqual(['CONNECTING', 'READY', 'CONNECTING', 'READY']);
    expect(t.lastStatus()?.phone).toBe(`+${ME}`);
  });
});

describe('WwebjsDriver: start failures', () => {
  it.each([
    [
      new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/'),
      /^WhatsApp Web is unreachable from this server \(net::ERR_NAME_NOT_RESOLVED\)/,
      'unreachable',
    ],
    [
      new Error('Browser was not found at the configured executablePath (/opt/chrome)'),
      /^Chromium was not found at .*\. Install it \(apt-get install chromium\) or set CHROME_PATH\.$/,
      'browser-missing',
    ],
    [
      new Error(
        'The browser is already running for /data/wwebjs/session-account-7. Use a different `userDataDir` or stop the running browser first.',
      ),
      /^This account's WhatsApp login is in use by another Chapar process\.$/,
      'profile-in-use',
    ],
    ['auth timeout', /^WhatsApp Web did not load in time \(auth timeout\)/, 'timeout'],
  ])(
    'destroys the client and reports FAILED when initialize rejects with %s',
    async (error, message, kind) => {
      const t = await setup({}, (c) => c.initialize.mockRejectedValue(error));
      await expect(t.driver.connect()).resolves.toBeUndefined();
      expect(t.client().destroy).toHaveBeenCalled();
      const last = t.lastStatus()!;
      expect(last.status).toBe('FAILED');
      expect(last.error).toMatch(message);
      expect(last.error).not.toContain('[object');
      expect(last.failure).toBe(kind);
      expect(t.driver.lastFailure?.kind).toBe(kind);
      // A later connect starts afresh.
      await t.driver.connect();
      expect(t.clients).toHaveLength(2);
    },
  );

  it('reports a missing Chromium before launching anything', async () => {
    const t = await setup({ chromePath: '/nonexistent/chromium' });
    await t.driver.connect();
    expect(t.clients).toHaveLength(0);
    expect(t.lastStatus()).toMatchObject({
      status: 'FAILED',
      error:
        'Chromium was not found at /nonexistent/chromium. Install it (apt-get install chromium) or set CHROME_PATH.',
      retryable: false,
    });
  });

  it('gives up, closes Chromium and reports FAILED when WhatsApp Web never loads', async () => {
    const t = await setup({ startTimeoutMs: 30 }, (c) => c.hangUntilDestroyed());
    await t.driver.connect();
    expect(t.client().destroy).toHaveBeenCalled();
    expect(t.lastStatus()).toMatchObject({ status: 'FAILED', failure: 'timeout', retryable: true });
    expect(t.lastStatus()?.error).toMatch(/did not load within/);
  });

  it('fails and closes Chromium when ready does not follow authentication in time', async () => {
    const t = await setup({ readyTimeoutMs: 30 });
    await t.driver.connect();
    t.client().emit('authenticated');
    await until(() => t.lastStatus()?.status === 'FAILED');
    expect(t.lastStatus()?.error).toMatch(/did not finish loading within/);
    expect(t.client().destroy).toHaveBeenCalled();
    // A late ready from the retired client changes nothing.
    t.client().becomeReady();
    expect(t.lastStatus()?.status).toBe('FAILED');
  });

  it('a disconnect during start closes the client without reporting a failure', async () => {
    const t = await setup({}, (c) => c.hangUntilDestroyed());
    const connecting = t.driver.connect();
    await until(() => t.clients.length === 1);
    await t.driver.disconnect();
    await connecting;
    expect(t.client().destroy).toHaveBeenCalled();
    expect(t.statuses()).toEqual(['CONNECTING', 'DISCONNECTED']);
  });

  it('reports Chromium dying under a live session', async () => {
    const t = await setup({}, (c) => {
      c.pupBrowser = Object.assign(new EventEmitter(), { isConnected: () => false, process: () => null });
    });
    await t.ready();
    t.client().pupBrowser!.emit('disconnected');
    await until(() => t.lastStatus()?.status === 'FAILED');
    expect(t.client().destroy).toHaveBeenCalled();
    expect(t.lastStatus()).toMatchObject({ status: 'FAILED', failure: 'browser-crashed', retryable: true });
  });

  it('describes launch failures for people', () => {
    expect(
      describeStartFailure(
        'Failed to launch the browser process: Code: 21\n\nstderr:\n[1:1:ERROR:process_singleton_posix.cc] Failed to create a ProcessSingleton for your profile directory.',
        '/usr/bin/chromium',
      ).kind,
    ).toBe('profile-in-use');
    const libs = describeStartFailure(
      'Failed to launch the browser process!\n/usr/lib/chromium/chromium: error while loading shared libraries: libnss3.so: cannot open shared object file',
      '/usr/bin/chromium',
    );
    expect(libs.kind).toBe('browser-failed');
    expect(libs.message).toContain('libnss3.so');
    expect(describeStartFailure(undefined, '/x').message).toBe(
      'Could not start WhatsApp Web: Unknown error from WhatsApp Web',
    );
  });
});

describe('WwebjsDriver: disconnections', () => {
  it.each([
    ['LOGOUT', /unlinked from the phone/, true],
    ['UNPAIRED', /unlinked from the phone/, true],
    ['CONFLICT', /WhatsApp Web was opened elsewhere/, false],
    ['Max qrcode retries reached', /Nobody scanned the QR code in time/, false],
    ['TOS_BLOCK', /blocked this number/, false],
    ['SOMETHING_NEW', /^WhatsApp disconnected: SOMETHING_NEW$/, false],
  ])('maps %s to DISCONNECTED with a readable error', async (reason, message, loggedOut) => {
    const t = await setup();
    await t.ready();
    t.client().emit('disconnected', reason);
    if (loggedOut) t.client().emit('qr', 'the reload after a logout shows a new QR');
    const last = t.lastStatus()!;
    expect(last).toMatchObject({ status: 'DISCONNECTED', reason, loggedOut });
    expect(last.error).toMatch(message);
    expect(t.driver.loggedOut).toBe(loggedOut);
    expect(t.driver.lastDisconnectReason).toBe(reason);
    await until(() => t.client().destroy.mock.calls.length > 0);
    // Nothing more from the retired client reaches the manager.
    t.client().emit('qr', 'late');
    expect(t.lastStatus()).toBe(last);
  });

  it('deletes the stored login when the phone unlinks the device', async () => {
    const t = await setup();
    await t.ready();
    await mkdir(t.driver.authDir, { recursive: true });
    await writeFile(path.join(t.driver.authDir, 'Local State'), '{}');
    t.client().emit('disconnected', 'LOGOUT');
    t.client().emit('qr', 'reloaded');
    await t.driver.disconnect(); // waits for the close to finish
    await expect(stat(t.driver.authDir)).rejects.toThrow();
  });

  it('keeps the login on a plain drop', async () => {
    const t = await setup();
    await t.ready();
    await mkdir(t.driver.authDir, { recursive: true });
    t.client().emit('disconnected', 'CONFLICT');
    await t.driver.disconnect();
    expect((await stat(t.driver.authDir)).isDirectory()).toBe(true);
    expect(t.lastStatus()?.retryable).toBeUndefined(); // disconnect()'s own event
  });

  it('disconnect and logout are safe when never connected, and idempotent', async () => {
    const t = await setup();
    await t.driver.disconnect();
    await t.driver.disconnect();
    await t.driver.logout();
    await t.driver.logout();
    expect(t.clients).toHaveLength(0);
    expect(t.statuses()).toEqual(['DISCONNECTED', 'DISCONNECTED', 'DISCONNECTED', 'DISCONNECTED']);
  });

  it('disconnect destroys the client but keeps the login', async () => {
    const t = await setup();
    await t.ready();
    await mkdir(t.driver.authDir, { recursive: true });
    await t.driver.disconnect();
    expect(t.client().destroy).toHaveBeenCalledTimes(1);
    expect(t.client().logout).not.toHaveBeenCalled();
    expect((await stat(t.driver.authDir)).isDirectory()).toBe(true);
    await t.driver.disconnect();
    expect(t.client().destroy).toHaveBeenCalledTimes(1);
  });

  it('logout unlinks, then destroys, then deletes the login', async () => {
    const t = await setup();
    await t.ready();
    await mkdir(t.driver.authDir, { recursive: true });
    await t.driver.logout();
    const c = t.client();
    expect(c.logout).toHaveBeenCalledTimes(1);
    expect(c.destroy).toHaveBeenCalled();
    expect(c.logout.mock.invocationCallOrder[0]!).toBeLessThan(c.destroy.mock.invocationCallOrder[0]!);
    await expect(stat(t.driver.authDir)).rejects.toThrow();
    expect(t.lastStatus()?.status).toBe('DISCONNECTED');
    await t.driver.logout();
    expect(c.logout).toHaveBeenCalledTimes(1);
  });

  it('logout still deletes the login when WhatsApp Web refuses to log out', async () => {
    const t = await setup();
    await t.ready();
    t.client().logout.mockRejectedValue('Session closed');
    await mkdir(t.driver.authDir, { recursive: true });
    await t.driver.logout();
    await expect(stat(t.driver.authDir)).rejects.toThrow();
  });
});

describe('WwebjsDriver: acks and incoming messages', () => {
  it('maps message_ack values of our own messages', async () => {
    const t = await setup();
    await t.ready();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++)
      ids.push((await t.driver.send({ to: BOB, text: 'hi', ref: `r${i}` })).messageId);
    const mine = (id: string): MessageLike => ({ id: { _serialized: id, fromMe: true } });
    t.client().emit('message_ack', mine(ids[0]!), 0);
    t.client().emit('message_ack', mine(ids[1]!), 1);
    t.client().emit('message_ack', mine(ids[2]!), 2);
    t.client().emit('message_ack', mine(ids[3]!), 3);
    t.client().emit('message_ack', mine(ids[4]!), 4);
    t.client().emit('message_ack', mine(ids[5]!), -1);
    t.client().emit('message_ack', { id: { _serialized: ids[2]!, fromMe: false } }, 3);
    expect(t.events.filter((e) => e.type === 'ack')).toEqual([
      { type: 'ack', messageId: ids[2], ack: 'DELIVERED' },
      { type: 'ack', messageId: ids[3], ack: 'READ' },
      { type: 'ack', messageId: ids[4], ack: 'READ' },
      { type: 'ack', messageId: ids[5], ack: 'FAILED', error: expect.any(String) },
    ]);
  });

  it('passes on replies from people as E.164, and nothing else', async () => {
    const t = await setup();
    await t.ready();
    let n = 0;
    const incoming = (m: Partial<MessageLike>) =>
      t.client().emit('message', { id: { _serialized: `in${++n}`, fromMe: false }, type: 'chat', ...m });
    incoming({ from: BOB_ID, body: 'STOP' });
    incoming({ from: '120363000000000000@g.us', body: 'group chatter' });
    incoming({ from: 'status@broadcast', body: 'a status', isStatus: true });
    incoming({ from: BOB_ID, body: 'sent by me elsewhere', id: { _serialized: 'y', fromMe: true } });
    incoming({ from: BOB_ID, body: '', type: 'e2e_notification' });
    incoming({ from: '123456789012345@lid', body: 'لغو' });
    await until(() => t.events.filter((e) => e.type === 'message').length >= 2);
    expect(t.events.filter((e) => e.type === 'message')).toEqual([
      { type: 'message', from: BOB, body: 'STOP' },
      { type: 'message', from: BOB, body: 'لغو' },
    ]);
    expect(t.client().getContactLidAndPhone).toHaveBeenCalledWith(['123456789012345@lid']);
  });
});

describe('WwebjsDriver: sending', () => {
  it('checks the number, sends the text and journals intent then result', async () => {
    const t = await setup();
    await t.ready();
    const { messageId } = await t.driver.send({ to: BOB, text: 'Salam Bob', ref: 'r1' });
    expect(messageId).toBe(`true_${BOB_ID}_MSG1`);
    expect(t.client().getNumberId).toHaveBeenCalledWith('989121234567');
    expect(t.client().sendMessage).toHaveBeenCalledWith(BOB_ID, 'Salam Bob', {
      sendSeen: false,
      waitUntilMsgSent: true,
    });
    const lines = await journalLines(t.dataDir);
    expect(lines).toEqual([
      { ref: 'r1', to: BOB, at: expect.any(String) },
      { ref: 'r1', messageId },
    ]);
    expect(Date.parse(lines[0]!.at as string)).toBeGreaterThan(Date.now() - 5000);
  });

  it('checks each number only once within the TTL', async () => {
    const t = await setup({ numberCheckTtlMs: 40 });
    await t.ready();
    await t.driver.send({ to: BOB, text: 'one', ref: 'r1' });
    await t.driver.send({ to: BOB, text: 'two', ref: 'r2' });
    expect(t.client().getNumberId).toHaveBeenCalledTimes(1);
    await t.driver.send({ to: '+989351112233', text: 'other', ref: 'r3' });
    expect(t.client().getNumberId).toHaveBeenCalledTimes(2);
    await new Promise((r) => setTimeout(r, 60));
    await t.driver.send({ to: BOB, text: 'three', ref: 'r4' });
    expect(t.client().getNumberId).toHaveBeenCalledTimes(3);
    expect(t.client().sendMessage).toHaveBeenCalledTimes(4);
  });

  it('refuses numbers that are not on WhatsApp (remembering that) without sending or journalling', async () => {
    const t = await setup();
    await t.ready();
    t.client().getNumberId.mockResolvedValue(null);
    const first = t.driver.send({ to: BOB, text: 'hi', ref: 'r1' });
    await expect(first).rejects.toBeInstanceOf(NotOnWhatsAppError);
    await expect(first).rejects.toThrow(/This number is not on WhatsApp/);
    await expect(t.driver.send({ to: BOB, text: 'hi', ref: 'r2' })).rejects.toBeInstanceOf(
      NotOnWhatsAppError,
    );
    // Asked twice (a null is only believed when it comes again while CONNECTED), then remembered.
    expect(t.client().getNumberId).toHaveBeenCalledTimes(2);
    expect(t.client().getState).toHaveBeenCalledTimes(1);
    expect(t.client().sendMessage).not.toHaveBeenCalled();
    expect(await journalLines(t.dataDir)).toEqual([]);
    await expect(t.driver.lookupSent('r1', BOB)).resolves.toEqual({ sent: false });
  });

  it('treats sendMessage returning undefined as an unknown outcome, never as success or plain failure', async () => {
    const t = await setup();
    await t.ready();
    t.client().sendMessage.mockResolvedValue(undefined);
    const sending = t.driver.send({ to: BOB, text: 'hi', ref: 'r1' });
    await expect(sending).rejects.toBeInstanceOf(UnknownSendOutcomeError);
    await expect(sending).rejects.toThrow(/may have gone out/);
    // Only the intent is on record, so a crash lookup cannot claim "not sent".
    expect(await journalLines(t.dataDir)).toEqual([{ ref: 'r1', to: BOB, at: expect.any(String) }]);
    await expect(t.driver.lookupSent('r1', BOB)).resolves.toEqual({ sent: 'unknown' });
  });

  it('recovers the id from the chat when sendMessage returns undefined but the message is there', async () => {
    const t = await setup();
    await t.ready();
    t.client().sendMessage.mockResolvedValue(undefined);
    const now = Math.floor(Date.now() / 1000);
    t.client().chat.fetchMessages.mockResolvedValue([
      { id: { _serialized: 'older', fromMe: true }, timestamp: now - 600 },
      { id: { _serialized: 'reply', fromMe: false }, timestamp: now + 1 },
      { id: { _serialized: 'ours', fromMe: true }, timestamp: now },
    ]);
    await expect(t.driver.send({ to: BOB, text: 'hi', ref: 'r1' })).resolves.toEqual({ messageId: 'ours' });
    expect(t.client().getChatById).toHaveBeenCalledWith(BOB_ID);
  });

  it('turns string rejections into Errors with readable messages', async () => {
    const t = await setup();
    await t.ready();
    t.client().sendMessage.mockRejectedValueOnce('Evaluation failed: Error: invalid wid');
    const sending = t.driver.send({ to: BOB, text: 'hi', ref: 'r1' });
    await expect(sending).rejects.toBeInstanceOf(Error);
    await expect(sending).rejects.toThrow('WhatsApp could not send the message: Error: invalid wid');
    t.client().getNumberId.mockRejectedValueOnce('no page');
    await expect(t.driver.send({ to: '+989351112233', text: 'hi', ref: 'r2' })).rejects.toThrow(
      'Could not check whether the number is on WhatsApp: no page',
    );
  });

  it('asks for the number again and retries once when WhatsApp Web has "No LID for user"', async () => {
    const t = await setup();
    await t.ready();
    t.client().sendMessage.mockRejectedValueOnce(new Error('Evaluation failed: Error: No LID for user'));
    await expect(t.driver.send({ to: BOB, text: 'hi', ref: 'r1' })).resolves.toEqual({
      messageId: `true_${BOB_ID}_MSG1`,
    });
    expect(t.client().getNumberId).toHaveBeenCalledTimes(2);
    expect(t.client().sendMessage).toHaveBeenCalledTimes(2);
  });

  it('refuses to send when not connected', async () => {
    const t = await setup();
    await expect(t.driver.send({ to: BOB, text: 'hi', ref: 'r1' })).rejects.toThrow(/not connected/);
    await t.driver.connect();
    t.client().emit('qr', 'scan me');
    await expect(t.driver.send({ to: BOB, text: 'hi', ref: 'r1' })).rejects.toThrow(/not connected/);
  });

  it('sends a file as media with the text as caption', async () => {
    const t = await setup();
    await t.ready();
    const file = path.join(t.dataDir, 'offer.jpg');
    await writeFile(file, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    await t.driver.send({
      to: BOB,
      text: 'Our offer',
      ref: 'r1',
      media: { path: file, mimeType: 'image/jpeg' },
    });
    const [chatId, content, options] = t.client().sendMessage.mock.calls[0]!;
    expect(chatId).toBe(BOB_ID);
    expect(content).toBeInstanceOf(wwebjs.MessageMedia);
    expect(content).toMatchObject({ mimetype: 'image/jpeg', filename: 'offer.jpg', data: '/9j/4AECAw==' });
    expect(options).toEqual({ sendSeen: false, waitUntilMsgSent: true, caption: 'Our offer' });
    await expect(
      t.driver.send({
        to: BOB,
        text: 'x',
        ref: 'r2',
        media: { path: path.join(t.dataDir, 'missing.png'), mimeType: 'image/png' },
      }),
    ).rejects.toThrow(/The attachment could not be read/);
  });

  it('shows typing before sending when the message asks for it', async () => {
    const t = await setup({ typingMs: 10 });
    await t.ready();
    await t.driver.send({ to: BOB, text: 'hi', ref: 'r1', typing: true });
    expect(t.client().chat.sendStateTyping).toHaveBeenCalledTimes(1);
    expect(t.client().chat.sendStateTyping.mock.invocationCallOrder[0]!).toBeLessThan(
      t.client().sendMessage.mock.invocationCallOrder[0]!,
    );
    await t.driver.send({ to: BOB, text: 'hi', ref: 'r2', typing: false });
    expect(t.client().chat.sendStateTyping).toHaveBeenCalledTimes(1);
  });
});

describe('WwebjsDriver: lookupSent after a crash', () => {
  async function withJournal(lines: object[], extra = '') {
    const t = await setup();
    await mkdir(path.join(t.dataDir, 'wwebjs'), { recursive: true });
    await writeFile(
      wwebjsJournalPath(t.dataDir, 7),
      lines.map((line) => `${JSON.stringify(line)}\n`).join('') + extra,
    );
    return t;
  }
  const at = new Date(Date.now() - 60_000);
  const atSeconds = Math.floor(at.getTime() / 1000);

  it('answers "not sent" when there is no intent for the ref (or no journal at all)', async () => {
    const empty = await setup();
    await expect(empty.driver.lookupSent('r1', BOB)).resolves.toEqual({ sent: false });
    const t = await withJournal([{ ref: 'r2', to: BOB, at: at.toISOString() }], '{"ref":"r1","to":"+9');
    await expect(t.driver.lookupSent('r1', BOB)).resolves.toEqual({ sent: false });
  });

  it('on disks of their own (LOGIN_STORE=mysql), a send another worker claimed is looked up in the chat, never assumed unsent', async () => {
    const t = await setup({ sharedDataDir: false });
    const byAnotherWorker = { attemptedAt: at, byAnotherWorker: true };
    // Not linked yet: nobody can tell, so it is not sent again.
    await expect(t.driver.lookupSent('r1', BOB, byAnotherWorker)).resolves.toEqual({ sent: 'unknown' });
    await t.ready();
    t.client().chat.fetchMessages.mockResolvedValue([
      { id: { _serialized: 'before', fromMe: true }, timestamp: atSeconds - 120 },
    ]);
    await expect(t.driver.lookupSent('r1', BOB, byAnotherWorker)).resolves.toEqual({ sent: 'unknown' });
    t.client().chat.fetchMessages.mockResolvedValue([
      { id: { _serialized: 'theirs', fromMe: true }, timestamp: atSeconds + 1 },
    ]);
    await expect(t.driver.lookupSent('r1', BOB, byAnotherWorker)).resolves.toEqual({
      sent: true,
      messageId: 'theirs',
    });
    // Its own claims are in its own journal: absence still means never sent.
    await expect(
      t.driver.lookupSent('r2', BOB, { attemptedAt: at, byAnotherWorker: false }),
    ).resolves.toEqual({
      sent: false,
    });
  });

  it('answers with the message id the journal has', async () => {
    const t = await withJournal([
      { ref: 'r1', to: BOB, at: at.toISOString() },
      { ref: 'r1', messageId: 'true_x_ABC' },
    ]);
    await expect(t.driver.lookupSent('r1', BOB)).resolves.toEqual({ sent: true, messageId: 'true_x_ABC' });
  });

  it('finds an interrupted send in the chat, and remembers it', async () => {
    const t = await withJournal([{ ref: 'r1', to: BOB, at: at.toISOString() }]);
    await t.ready();
    t.client().chat.fetchMessages.mockResolvedValue([
      { id: { _serialized: 'before', fromMe: true }, timestamp: atSeconds - 120 },
      { id: { _serialized: 'found', fromMe: true }, timestamp: atSeconds },
    ]);
    await expect(t.driver.lookupSent('r1', BOB)).resolves.toEqual({ sent: true, messageId: 'found' });
    expect(t.client().getChatById).toHaveBeenCalledWith(BOB_ID);
    expect(t.client().chat.fetchMessages).toHaveBeenCalledWith({ limit: 30 });
    await expect(t.driver.lookupSent('r1', BOB)).resolves.toEqual({ sent: true, messageId: 'found' });
    expect(t.client().getChatById).toHaveBeenCalledTimes(1);
  });

  it('answers "unknown" when the chat shows nothing of ours since the intent', async () => {
    const t = await withJournal([{ ref: 'r1', to: BOB, at: at.toISOString() }]);
    await t.ready();
    t.client().chat.fetchMessages.mockResolvedValue([
      { id: { _serialized: 'old', fromMe: true }, timestamp: atSeconds - 3600 },
      { id: { _serialized: 'their-reply', fromMe: false }, timestamp: atSeconds + 5 },
    ]);
    await expect(t.driver.lookupSent('r1', BOB)).resolves.toEqual({ sent: 'unknown' });
  });

  it('keeps the journal small: old lines are dropped, recent sends stay answerable', async () => {
    const old = Array.from({ length: 4000 }, (_, i) => [
      { ref: `old${i}`, to: BOB, at: at.toISOString() },
      { ref: `old${i}`, messageId: `true_${BOB_ID}_OLD${i}_${'x'.repeat(20)}` },
    ]).flat();
    const t = await withJournal(old);
    expect((await stat(wwebjsJournalPath(t.dataDir, 7))).size).toBeGreaterThan(256 * 1024);
    await t.ready();
    const { messageId } = await t.driver.send({ to: BOB, text: 'hi', ref: 'fresh' });
    expect((await stat(wwebjsJournalPath(t.dataDir, 7))).size).toBeLessThan(64 * 1024);
    await expect(t.driver.lookupSent('fresh', BOB)).resolves.toEqual({ sent: true, messageId });
    await expect(t.driver.lookupSent('old3999', BOB)).resolves.toMatchObject({ sent: true });
  });

  it('answers "unknown" when the chat cannot be read or the account is not connected', async () => {
    const t = await withJournal([{ ref: 'r1', to: BOB, at: at.toISOString() }]);
    await expect(t.driver.lookupSent('r1', BOB)).resolves.toEqual({ sent: 'unknown' });
    await t.ready();
    t.client().getChatById.mockRejectedValue('Evaluation failed: t');
    await expect(t.driver.lookupSent('r1', BOB)).resolves.toEqual({ sent: 'unknown' });
  });
});

// Faults real accounts meet: sends that never reached WhatsApp, and sessions that die quietly.
import { describe, expect, it } from 'vitest';
import { NotOnWhatsAppError, NotSentError, UnknownSendOutcomeError } from './wwebjs-driver';
import { BOB, journalLines, setup, until } from './wwebjs-fake';

describe('WwebjsDriver: a send that never reached WhatsApp is NOT_SENT (queued again)', () => {
  it('not connected yet (READY reaches the session manager asynchronously)', async () => {
    const t = await setup();
    await t.driver.connect();
    const sending = t.driver.send({ to: BOB, text: 'hi', ref: 'r1' });
    await expect(sending).rejects.toBeInstanceOf(NotSentError);
    await expect(sending).rejects.toMatchObject({
      kind: 'NOT_SENT',
      reason: 'not-connected',
      retryable: true,
    });
  });

  it('the number check failed', async () => {
    const t = await setup();
    await t.ready();
    t.client().getNumberId.mockRejectedValueOnce(new Error('Evaluation failed: t: timeout'));
    await expect(t.driver.send({ to: BOB, text: 'hi', ref: 'r1' })).rejects.toMatchObject({
      reason: 'number-check-failed',
    });
    expect(t.client().sendMessage).not.toHaveBeenCalled();
  });

  it('the page lost window.WWebJS: not sent, journalled as such, and the session is restarted', async () => {
    const t = await setup();
    await t.ready();
    t.client().sendMessage.mockRejectedValueOnce(
      new Error("Evaluation failed: TypeError: Cannot read properties of undefined (reading 'getChat')"),
    );
    const sending = t.driver.send({ to: BOB, text: 'hi', ref: 'r1' });
    await expect(sending).rejects.toMatchObject({ reason: 'page-lost' });
    // A crash lookup must not call it "maybe sent": the journal says it stopped short.
    await expect(t.driver.lookupSent('r1', BOB)).resolves.toEqual({ sent: false });
    await until(() => t.lastStatus()?.status === 'FAILED');
    expect(t.lastStatus()).toMatchObject({ failure: 'unresponsive', retryable: true });
    expect(t.client().destroy).toHaveBeenCalled();
  });

  it('sendMessage answered null (no chat): nothing was sent', async () => {
    const t = await setup();
    await t.ready();
    t.client().sendMessage.mockResolvedValueOnce(null);
    await expect(t.driver.send({ to: BOB, text: 'hi', ref: 'r1' })).rejects.toMatchObject({
      reason: 'chat-unavailable',
    });
    expect(t.client().chat.fetchMessages).not.toHaveBeenCalled();
  });

  it.each([
    'Execution context was destroyed, most likely because of a navigation.',
    'Protocol error (Runtime.callFunctionOn): Target closed.',
    'Session closed. Most likely the page has been closed.',
  ])('after the journal, "%s" is an unknown outcome, never re-sent', async (text) => {
    const t = await setup();
    await t.ready();
    t.client().sendMessage.mockRejectedValueOnce(new Error(text));
    await expect(t.driver.send({ to: BOB, text: 'hi', ref: 'r1' })).rejects.toBeInstanceOf(
      UnknownSendOutcomeError,
    );
    expect(await journalLines(t.dataDir)).toEqual([{ ref: 'r1', to: BOB, at: expect.any(String) }]);
  });
});

describe('WwebjsDriver: getNumberId nulls', () => {
  it('asks again once while CONNECTED, and a second answer wins', async () => {
    const t = await setup();
    await t.ready();
    t.client().getNumberId.mockResolvedValueOnce(null);
    await expect(t.driver.send({ to: BOB, text: 'hi', ref: 'r1' })).resolves.toMatchObject({
      messageId: expect.any(String),
    });
    expect(t.client().getNumberId).toHaveBeenCalledTimes(2);
  });

  it('a null while the socket is not CONNECTED is not believed', async () => {
    const t = await setup();
    await t.ready();
    t.client().getNumberId.mockResolvedValue(null);
    t.client().getState.mockResolvedValue('OPENING');
    await expect(t.driver.send({ to: BOB, text: 'hi', ref: 'r1' })).rejects.toMatchObject({
      reason: 'not-connected',
    });
    // Nothing remembered: once connected, the number is asked again.
    t.client().getState.mockResolvedValue('CONNECTED');
    t.client().getNumberId.mockResolvedValue({ _serialized: '989121234567@c.us' });
    await expect(t.driver.send({ to: BOB, text: 'hi', ref: 'r2' })).resolves.toBeDefined();
  });

  it('remembers "not on WhatsApp" for at most the null TTL (an hour by default)', async () => {
    const t = await setup({ numberNullTtlMs: 30 });
    await t.ready();
    t.client().getNumberId.mockResolvedValue(null);
    await expect(t.driver.send({ to: BOB, text: 'hi', ref: 'r1' })).rejects.toBeInstanceOf(
      NotOnWhatsAppError,
    );
    await expect(t.driver.send({ to: BOB, text: 'hi', ref: 'r2' })).rejects.toBeInstanceOf(
      NotOnWhatsAppError,
    );
    expect(t.client().getNumberId).toHaveBeenCalledTimes(2);
    await new Promise((r) => setTimeout(r, 50));
    await expect(t.driver.send({ to: BOB, text: 'hi', ref: 'r3' })).rejects.toBeInstanceOf(
      NotOnWhatsAppError,
    );
    expect(t.client().getNumberId).toHaveBeenCalledTimes(4);
  });

  it('a run of nulls stops skipping: the next one is NOT_SENT so the campaign pauses', async () => {
    const t = await setup({ numberSuspectRun: 3 });
    await t.ready();
    t.client().getNumberId.mockResolvedValue(null);
    const to = (i: number) => `+98912000000${i}`;
    for (const i of [1, 2]) {
      await expect(t.driver.send({ to: to(i), text: 'hi', ref: `r${i}` })).rejects.toBeInstanceOf(
        NotOnWhatsAppError,
      );
    }
    await expect(t.driver.send({ to: to(3), text: 'hi', ref: 'r3' })).rejects.toMatchObject({
      reason: 'numbers-unconfirmed',
    });
    // Not remembered as "not on WhatsApp": after the pause it is asked again.
    t.client().getNumberId.mockResolvedValue({ _serialized: '989120000003@c.us' });
    await expect(t.driver.send({ to: to(3), text: 'hi', ref: 'r3' })).resolves.toBeDefined();
  });
});

describe('WwebjsDriver: sessions that die while looking READY', () => {
  it('goes CONNECTING on a main-frame navigation and READY again when the library re-injects', async () => {
    const t = await setup();
    await t.ready();
    t.client().navigate();
    expect(t.lastStatus()?.status).toBe('CONNECTING');
    await expect(t.driver.send({ to: BOB, text: 'hi', ref: 'r1' })).rejects.toMatchObject({
      reason: 'not-connected',
    });
    t.client().becomeReady();
    expect(t.statuses()).toEqual(['CONNECTING', 'READY', 'CONNECTING', 'READY']);
  });

  it('ignores iframe navigations', async () => {
    const t = await setup();
    await t.ready();
    t.client().pupPage.emit('framenavigated', { url: () => 'about:blank', parentFrame: () => ({}) });
    expect(t.lastStatus()?.status).toBe('READY');
  });

  it('fails retryable and closes Chromium when READY does not come back after a reload', async () => {
    const t = await setup({ readyTimeoutMs: 30 });
    await t.ready();
    t.client().navigate();
    await until(() => t.lastStatus()?.status === 'FAILED');
    expect(t.lastStatus()).toMatchObject({ failure: 'timeout', retryable: true });
    expect(t.lastStatus()?.error).toMatch(/reloaded and did not come back/);
    expect(t.client().destroy).toHaveBeenCalled();
  });

  it('a getState() probe that keeps failing moves the session to FAILED (retryable)', async () => {
    const t = await setup({ probeIntervalMs: 10, probeFailures: 2 });
    await t.ready();
    t.client().getState.mockRejectedValue(
      new Error("Evaluation failed: TypeError: Cannot read properties of undefined (reading 'Socket')"),
    );
    await until(() => t.lastStatus()?.status === 'FAILED');
    expect(t.lastStatus()).toMatchObject({ failure: 'unresponsive', retryable: true });
    expect(t.client().getState.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(t.client().destroy).toHaveBeenCalled();
  });

  it('a healthy probe leaves the session alone', async () => {
    const t = await setup({ probeIntervalMs: 5, probeFailures: 2 });
    await t.ready();
    await until(() => t.client().getState.mock.calls.length >= 4);
    expect(t.lastStatus()?.status).toBe('READY');
  });
});

describe('WwebjsDriver: the sync after a QR scan', () => {
  it('fails retryable when loading_screen stops moving, and waits while it moves', async () => {
    const t = await setup({ loadingStallMs: 60 });
    await t.driver.connect();
    t.client().emit('qr', 'scan me');
    // Progress every 30 ms keeps it alive well past one stall period.
    for (const percent of [10, 20, 30, 40]) {
      t.client().emit('loading_screen', percent, 'WhatsApp');
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(t.lastStatus()?.status).toBe('CONNECTING');
    await until(() => t.lastStatus()?.status === 'FAILED');
    expect(t.lastStatus()).toMatchObject({ failure: 'timeout', retryable: true });
    expect(t.lastStatus()?.error).toMatch(/stopped syncing at 40%/);
    expect(t.client().destroy).toHaveBeenCalled();
  });

  it('a QR waiting for a person has no such deadline', async () => {
    const t = await setup({ loadingStallMs: 20, readyTimeoutMs: 20 });
    await t.driver.connect();
    t.client().emit('qr', 'scan me');
    await new Promise((r) => setTimeout(r, 60));
    expect(t.lastStatus()?.status).toBe('QR');
  });
});

describe('WwebjsDriver: client options', () => {
  it('sets authTimeoutMs from the start timeout (the library gives up after 30 s otherwise)', async () => {
    const t = await setup({ startTimeoutMs: 90_000 });
    await t.driver.connect();
    expect(t.clientOptions[0]!.authTimeoutMs).toBe(90_000);
    expect(t.clientOptions[0]!.webVersionCache).toEqual({ type: 'none' });
    expect(t.clientOptions[0]!.webVersion).toBeUndefined();
  });

  it('takes the WhatsApp Web version and a local cache under the data dir, or a remote one', async () => {
    const local = await setup({ webVersion: '2.3000.1', webVersionCache: { type: 'local' } });
    await local.driver.connect();
    expect(local.clientOptions[0]).toMatchObject({
      webVersion: '2.3000.1',
      webVersionCache: { type: 'local', path: `${local.dataDir}/wwebjs/web-cache`, strict: false },
    });
    const remote = await setup({
      webVersionCache: { type: 'remote', remotePath: 'https://example.org/{version}.html', strict: true },
    });
    await remote.driver.connect();
    expect(remote.clientOptions[0]!.webVersionCache).toEqual({
      type: 'remote',
      remotePath: 'https://example.org/{version}.html',
      strict: true,
    });
  });
});

import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { apiError } from '../../test/api';
import { campaignFixture, recipientFixture, userFixture } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import type { Account } from '../trpc/trpc';
import { LiveAccountsProvider } from '../whatsapp/live-accounts';
import { CampaignWizard } from './campaign-wizard';
import { toLocalInput } from './wizard-schedule';

const account: Account = {
  id: 3,
  label: 'Shop phone',
  driver: 'sandbox',
  status: 'READY',
  error: null,
  phone: '+989120000000',
  lastSeenAt: null,
  linkedAt: null,
  dailyLimit: 250,
  createdAt: '2025-01-01T00:00:00.000Z',
};

/** A fake server for the wizard: records every call, keeps the campaign's recipient count. */
/** What the fake server answers to addRecipients: two in, one refused. */
const ADDED_WITH_ONE_INVALID = {
  added: 2,
  skipped: 0,
  invalid: 1,
  duplicates: 0,
  optedOut: 0,
  rejected: [{ index: 2, value: '12', reason: 'Too short to be a phone number.' }],
};

function fakeServer(
  options: { startError?: ReturnType<typeof apiError>; addAnswer?: typeof ADDED_WITH_ONE_INVALID } = {},
) {
  const calls: Array<[string, unknown]> = [];
  let total = 0;
  let startError = options.startError;
  const campaign = (extra: object = {}) =>
    campaignFixture({ id: 7, status: total > 0 ? 'READY' : 'DRAFT', totalRecipients: total, ...extra });
  const record = (path: string, answer: (input: never) => unknown) => (input: unknown) => {
    calls.push([path, input]);
    return answer(input as never);
  };
  const api = {
    'whatsapp.list': () => [account],
    'whatsapp.onStatus': () => new Promise(() => {}),
    'campaigns.create': record('campaigns.create', () => campaign()),
    'campaigns.get': () => campaign(),
    'campaigns.addRecipients': record('campaigns.addRecipients', () => {
      const answer = options.addAnswer ?? ADDED_WITH_ONE_INVALID;
      total += answer.added;
      return answer;
    }),
    'campaigns.update': record('campaigns.update', (input: { interval?: string }) =>
      campaign({ interval: input.interval ?? 'TEN_SECONDS' }),
    ),
    'campaigns.recipients': () => ({ items: [recipientFixture({ id: 11, name: 'Ali' })], nextCursor: null }),
    'campaigns.preview': () => ({
      text: 'Hi Ali',
      recipient: { id: 11, phone: '+989121234567', name: 'Ali' },
      unknownVariables: [],
      problems: [],
    }),
    'campaigns.start': record('campaigns.start', () => {
      if (startError) {
        const error = startError;
        startError = undefined;
        throw error;
      }
      return campaign({ status: 'SCHEDULED' });
    }),
  };
  return {
    api,
    calls,
    called: (path: string) => calls.filter(([p]) => p === path).map(([, input]) => input),
  };
}

function renderWizard(server: ReturnType<typeof fakeServer>, language: 'en' | 'fa' = 'en') {
  return renderWithProviders(
    <LiveAccountsProvider>
      <Routes>
        <Route path="/campaigns/new" element={<CampaignWizard />} />
        <Route path="/campaigns/:id" element={<p>campaign page</p>} />
      </Routes>
    </LiveAccountsProvider>,
    { language, api: server.api, user: userFixture(), route: '/campaigns/new' },
  );
}

const next = () => fireEvent.click(screen.getByRole('button', { name: 'Next' }));

describe('the campaign wizard', () => {
  it('goes from the message to the recipients, the pacing and a schedule, calling the server at each step', async () => {
    const server = fakeServer({
      startError: apiError('Schedule the campaign within the next year.', 'BAD_REQUEST', 'scheduledAt'),
    });
    renderWizard(server);

    // Step 1: a message is needed; the preview follows the typing.
    next();
    expect(await screen.findByText('Write the message to send.')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /Message/ }), {
      target: { value: 'Hi {{name|friend}}' },
    });
    await waitFor(() => expect(screen.getByTestId('create-preview').textContent).toBe('Hi friend'));
    next();

    // Step 2: nothing to go on with before recipients are in; the first addition creates the campaign.
    const recipients = await screen.findByRole('textbox', { name: /Recipients/ });
    expect(screen.getByRole('button', { name: 'Next' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Add recipients' }));
    expect(await screen.findByText('Paste at least one number, one per line.')).toBeTruthy();
    expect(server.called('campaigns.create')).toEqual([]);
    fireEvent.change(recipients, { target: { value: '0912 123 4567, Ali\n0935 111 2233\n12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add recipients' }));
    expect(await screen.findByText('Added 2, skipped 0, invalid 1.')).toBeTruthy();
    expect(screen.getByText(/Too short to be a phone number/)).toBeTruthy();
    expect(server.called('campaigns.create')).toEqual([
      {
        title: null,
        message: 'Hi {{name|friend}}',
        interval: 'TEN_SECONDS',
        whatsappAccountId: 3,
        batchSize: 25,
        batchPauseSeconds: 90,
        typing: false,
      },
    ]);
    expect(server.called('campaigns.addRecipients')).toEqual([
      {
        campaignId: 7,
        recipients: [
          { phone: '0912 123 4567', name: 'Ali' },
          { phone: '0935 111 2233', name: null },
          { phone: '12', name: null },
        ],
      },
    ]);
    await screen.findByText('The campaign has 2 recipients.');
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Next' }).hasAttribute('disabled')).toBe(false),
    );
    next();

    // Step 3: the account and a faster pace, with how long it takes; saved on Next.
    const pace = await screen.findByRole('combobox', { name: /Pace/ });
    fireEvent.change(pace, { target: { value: 'FIVE_SECONDS' } });
    // The first goes at once, the second after a gap of 5 s plus 15% for the jitter; the
    // batch pause (after 25) is never reached.
    expect(screen.getByTestId('wizard-duration').textContent).toBe(
      'Sending to 2 recipients at this pace takes about 6 s.',
    );
    next();
    await screen.findByRole('region', { name: 'Summary' });
    expect(server.called('campaigns.update')).toEqual([
      {
        id: 7,
        whatsappAccountId: 3,
        interval: 'FIVE_SECONDS',
        batchSize: 25,
        batchPauseSeconds: 90,
        typing: false,
      },
    ]);

    // Step 4: a time in the past is refused here; the server's refusal shows beside the field.
    fireEvent.click(screen.getByRole('radio', { name: 'Schedule for later' }));
    // The day and the time are typed (the browser's own date input is not used).
    const at = (date: Date) => {
      const [day, time] = toLocalInput(date).split('T');
      fireEvent.change(screen.getByRole('textbox', { name: 'Day' }), { target: { value: day } });
      fireEvent.change(screen.getByRole('textbox', { name: 'Time' }), { target: { value: time } });
    };
    expect(screen.getByRole('group', { name: 'Start at' })).toBeTruthy();
    at(new Date(Date.now() - 3_600_000));
    fireEvent.click(screen.getByRole('button', { name: 'Schedule campaign' }));
    expect(await screen.findByText('Choose a time in the future.')).toBeTruthy();
    expect(server.called('campaigns.start')).toEqual([]);
    const tomorrow = new Date(Date.now() + 86_400_000);
    tomorrow.setSeconds(0, 0);
    at(tomorrow);
    fireEvent.click(screen.getByRole('button', { name: 'Schedule campaign' }));
    expect(await screen.findByText('Schedule the campaign within the next year.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Schedule campaign' }));
    expect(await screen.findByText('campaign page')).toBeTruthy();
    expect(server.called('campaigns.start')).toEqual([
      { id: 7, scheduledAt: tomorrow },
      { id: 7, scheduledAt: tomorrow },
    ]);
  }, 20_000);

  it('saves the message to the campaign when one goes back to it after adding recipients', async () => {
    const server = fakeServer();
    renderWizard(server);
    fireEvent.change(await screen.findByRole('textbox', { name: /Message/ }), { target: { value: 'Salam' } });
    next();
    fireEvent.change(await screen.findByRole('textbox', { name: /Recipients/ }), {
      target: { value: '09121234567' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add recipients' }));
    await screen.findByText('The campaign has 2 recipients.');
    fireEvent.click(screen.getByRole('button', { name: /What to send/ }));
    fireEvent.change(await screen.findByRole('textbox', { name: /Message/ }), {
      target: { value: 'Salam {{name}}' },
    });
    next();
    await screen.findByRole('textbox', { name: /Recipients/ });
    expect(server.called('campaigns.update')).toEqual([{ id: 7, title: null, message: 'Salam {{name}}' }]);
    expect(server.called('campaigns.create')).toHaveLength(1);
  });

  it('adds the pasted numbers on Next and goes on when every one went in', async () => {
    const server = fakeServer({ addAnswer: { ...ADDED_WITH_ONE_INVALID, invalid: 0, rejected: [] } });
    renderWizard(server);
    fireEvent.change(await screen.findByRole('textbox', { name: /Message/ }), { target: { value: 'Salam' } });
    next();
    fireEvent.change(await screen.findByRole('textbox', { name: /Recipients/ }), {
      target: { value: '09121234567\n09351112233' },
    });
    expect(screen.getByRole('button', { name: 'Next' }).hasAttribute('disabled')).toBe(false);
    next();
    expect(await screen.findByRole('combobox', { name: /Pace/ })).toBeTruthy();
    expect(server.called('campaigns.addRecipients')).toEqual([
      {
        campaignId: 7,
        recipients: [
          { phone: '09121234567', name: null },
          { phone: '09351112233', name: null },
        ],
      },
    ]);
  });

  it('stays on the recipients with the report when Next added numbers some of which were refused', async () => {
    const server = fakeServer();
    renderWizard(server);
    fireEvent.change(await screen.findByRole('textbox', { name: /Message/ }), { target: { value: 'Salam' } });
    next();
    fireEvent.change(await screen.findByRole('textbox', { name: /Recipients/ }), {
      target: { value: '09121234567\n09351112233\n12' },
    });
    next();
    expect(await screen.findByText('Added 2, skipped 0, invalid 1.')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: /Recipients/ })).toBeTruthy();
    expect(server.called('campaigns.addRecipients')).toHaveLength(1);
    // Read, then on: nothing is left to add, so Next only moves.
    await screen.findByText('The campaign has 2 recipients.');
    next();
    expect(await screen.findByRole('combobox', { name: /Pace/ })).toBeTruthy();
    expect(server.called('campaigns.addRecipients')).toHaveLength(1);
  });

  it('speaks Persian, with Persian digits, in a right-to-left page', async () => {
    renderWizard(fakeServer(), 'fa');
    expect(await screen.findByRole('button', { name: 'بعدی' })).toBeTruthy();
    expect(screen.getByText('چه فرستاده شود')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'بعدی' }));
    expect(await screen.findByText('متن پیام را بنویسید.')).toBeTruthy();
    expect(document.documentElement.getAttribute('dir')).toBe('rtl');
  });
});

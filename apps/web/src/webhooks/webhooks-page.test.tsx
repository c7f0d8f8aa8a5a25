import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { userFixture } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { WebhooksPage } from './webhooks-page';

const active = {
  id: 3,
  url: 'https://shop.example.com/hooks/chapar',
  events: ['recipient.status', 'campaign.status'],
  status: 'ACTIVE',
  disabledReason: null,
  failingSince: null,
  createdAt: '2026-03-21T12:00:00.000Z',
};
const disabled = {
  ...active,
  id: 4,
  url: 'https://old.example.com/hook',
  status: 'DISABLED',
  disabledReason: 'Every delivery failed for a day.',
  failingSince: '2026-03-20T12:00:00.000Z',
};
const delivery = {
  eventId: 'e1',
  type: 'recipient.status',
  lastError: null,
  lastAttemptAt: '2026-03-21T12:00:10.000Z',
  nextAttemptAt: null,
  createdAt: '2026-03-21T12:00:00.000Z',
  deliveredAt: null,
};
const deliveries = [
  { ...delivery, id: 11, status: 'FAILED', attempts: 9, lastStatusCode: 500, lastLatencyMs: 42 },
  { ...delivery, id: 10, status: 'SUCCEEDED', attempts: 2, lastStatusCode: 200, lastLatencyMs: 7 },
  {
    ...delivery,
    id: 9,
    status: 'PENDING',
    attempts: 1,
    lastStatusCode: null,
    lastLatencyMs: null,
    lastError: 'no answer within 10 s',
    nextAttemptAt: '2026-03-21T12:01:00.000Z',
  },
];

function renderPage(language: 'en' | 'fa', calls: Record<string, unknown[]>) {
  const push = (name: string, input: unknown) => {
    calls[name] = [...(calls[name] ?? []), input];
  };
  const record = (name: string) => (input: unknown) => {
    push(name, input);
    return { ok: true };
  };
  renderWithProviders(<WebhooksPage />, {
    language,
    user: userFixture(),
    api: {
      'webhooks.list': () => [active, disabled],
      'webhooks.create': (input) => {
        push('create', input);
        return { id: 5, secret: 'whsec_shown_once' };
      },
      'webhooks.deliveries': () => ({ items: deliveries, nextCursor: null }),
      'webhooks.redeliver': record('redeliver'),
      'webhooks.enable': record('enable'),
      'webhooks.remove': record('remove'),
    },
  });
}

describe('WebhooksPage', () => {
  it('adds an endpoint and shows its secret once, warns about a disabled one and turns it back on', async () => {
    const calls: Record<string, unknown[]> = {};
    renderPage('en', calls);
    await screen.findByText('https://shop.example.com/hooks/chapar');
    const notice = screen.getByRole('alert');
    expect(notice.textContent).toContain('Chapar stopped sending to https://old.example.com/hook');
    fireEvent.click(within(notice).getByRole('button', { name: 'Turn back on' }));
    await waitFor(() => expect(calls.enable).toEqual([{ id: 4 }]));

    fireEvent.change(screen.getByRole('textbox', { name: 'Endpoint address' }), {
      target: { value: 'https://api.example.com/in' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Opt-outs' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    expect((await screen.findByTestId('new-webhook-secret')).textContent).toBe('whsec_shown_once');
    expect(calls.create).toEqual([
      {
        url: 'https://api.example.com/in',
        events: ['recipient.status', 'message.received', 'campaign.status', 'account.status'],
      },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByTestId('new-webhook-secret')).toBeNull();
  });

  it('shows the delivery log with status, attempts, response and latency, and sends one again', async () => {
    const calls: Record<string, unknown[]> = {};
    renderPage('en', calls);
    await screen.findByText('https://shop.example.com/hooks/chapar');
    fireEvent.click(screen.getAllByRole('button', { name: 'Delivery log' })[0]!);
    const failed = await screen.findByTestId('delivery-11');
    expect(within(failed).getByText('Failed')).toBeTruthy();
    expect(within(failed).getByText('9')).toBeTruthy();
    expect(within(failed).getByText('HTTP 500')).toBeTruthy();
    expect(within(failed).getByText('42 ms')).toBeTruthy();
    const waiting = screen.getByTestId('delivery-9');
    expect(within(waiting).getByText('Waiting')).toBeTruthy();
    expect(within(waiting).getByText('no answer')).toBeTruthy();
    expect(within(waiting).getByText(/^Next try/)).toBeTruthy();
    expect(within(waiting).queryByRole('button')).toBeNull();

    fireEvent.click(within(failed).getByRole('button', { name: 'Send delivery 11 again' }));
    await waitFor(() => expect(calls.redeliver).toEqual([{ deliveryId: 11 }]));
  });

  it('speaks Persian', async () => {
    renderPage('fa', {});
    await screen.findByText('https://shop.example.com/hooks/chapar');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('وب‌هوک‌ها');
    expect(screen.getByRole('button', { name: 'افزودن گیرنده' })).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'گزارش ارسال‌ها' })[0]!);
    expect(within(await screen.findByTestId('delivery-11')).getByText('ناموفق')).toBeTruthy();
  });
});

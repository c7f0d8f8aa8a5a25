import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { campaignFixture, recipientFixture } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import type { Campaign } from '../trpc/trpc';
import { MessagePanel } from './message-panel';

const recipients = [
  recipientFixture({ id: 11, phone: '+989121234567', name: 'سارا' }),
  recipientFixture({ id: 12, phone: '+989121234568', name: 'Ali' }),
];

function Panel({ campaign }: { campaign: Campaign }) {
  const [recipientId, setRecipientId] = useState<number | null>(null);
  return <MessagePanel campaign={campaign} recipientId={recipientId} onRecipientChange={setRecipientId} />;
}

/** A fake `campaigns.preview` that renders `{{name}}` and records what it was asked. */
function api(calls: unknown[], extra: { unknownVariables?: string[]; problems?: unknown[] } = {}) {
  return {
    'campaigns.recipients': () => ({ items: recipients, nextCursor: null }),
    'campaigns.preview': (input: unknown) => {
      calls.push(input);
      const { recipientId, message } = input as { recipientId?: number; message?: string };
      const recipient = recipients.find((r) => r.id === recipientId) ?? recipients[0];
      return {
        text: (message ?? 'سلام {{name}}').replace('{{name}}', recipient?.name ?? ''),
        recipient: recipient ? { id: recipient.id, phone: recipient.phone, name: recipient.name } : null,
        unknownVariables: extra.unknownVariables ?? [],
        problems: extra.problems ?? [],
      };
    },
  };
}

describe('MessagePanel', () => {
  it('previews the first recipient, then the one chosen', async () => {
    const calls: unknown[] = [];
    renderWithProviders(<Panel campaign={campaignFixture()} />, { language: 'en', api: api(calls) });
    await waitFor(() => expect(screen.getByTestId('message-preview').textContent).toBe('سلام سارا'));
    expect(screen.getByTestId('message-preview').getAttribute('dir')).toBe('auto');

    fireEvent.click(screen.getByRole('button', { name: 'Next recipient' }));
    await waitFor(() => expect(screen.getByTestId('message-preview').textContent).toBe('سلام Ali'));
    expect(calls.at(-1)).toEqual({ id: 7, recipientId: 12 });
    expect(screen.getByRole('button', { name: 'Next recipient' }).hasAttribute('disabled')).toBe(true);

    fireEvent.change(screen.getByRole('combobox', { name: 'Preview for' }), { target: { value: '11' } });
    await waitFor(() => expect(screen.getByTestId('message-preview').textContent).toBe('سلام سارا'));
  });

  it('shows unknown variables and template problems from the server', async () => {
    renderWithProviders(<Panel campaign={campaignFixture()} />, {
      language: 'en',
      api: api([], {
        unknownVariables: ['city'],
        problems: [{ message: '"{{" is not closed.', line: 1, column: 3 }],
      }),
    });
    expect((await screen.findByTestId('preview-unknown')).textContent).toContain('{{city}}');
    expect(screen.getByTestId('preview-problems').textContent).toContain('Line 1, column 3:');
  });

  it('previews the message being edited before it is saved', async () => {
    const calls: unknown[] = [];
    renderWithProviders(<Panel campaign={campaignFixture()} />, { language: 'en', api: api(calls) });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit message' }));
    expect(screen.getByText('{{name|customer}}')).toBeTruthy(); // the syntax help
    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), {
      target: { value: 'Hi {{name}}!' },
    });
    await waitFor(() => expect(screen.getByTestId('message-preview').textContent).toBe('Hi سارا!'));
    expect(calls.at(-1)).toMatchObject({ message: 'Hi {{name}}!' });
  });

  it('offers no editing once the campaign runs', async () => {
    renderWithProviders(<Panel campaign={campaignFixture({ status: 'RUNNING' })} />, {
      language: 'en',
      api: api([]),
    });
    await screen.findByTestId('message-preview');
    expect(screen.queryByRole('button', { name: 'Edit message' })).toBeNull();
  });
});

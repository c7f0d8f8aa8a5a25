import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError } from '../../test/api';
import { campaignFixture } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { CampaignMediaSection } from './campaign-media';

const media = {
  uploadId: 4,
  fileName: 'poster.png',
  mimeType: 'image/png',
  kind: 'image' as const,
  size: 204_800,
};

function chooseFile(file: File) {
  const input = document.querySelector('input[type="file"]');
  if (!(input instanceof HTMLInputElement)) throw new Error('no file input');
  fireEvent.change(input, { target: { files: [file] } });
}

describe('CampaignMediaSection', () => {
  it('attaches a file as FormData and explains the caption', async () => {
    let sent: FormData | null = null;
    renderWithProviders(<CampaignMediaSection campaign={campaignFixture()} />, {
      language: 'en',
      api: {
        'campaigns.attachMedia': (input) => {
          sent = input as FormData;
          return campaignFixture({ media });
        },
      },
    });
    expect(screen.getByText(/the message becomes its caption/)).toBeTruthy();
    chooseFile(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'poster.png', { type: 'image/png' }));
    fireEvent.click(screen.getByRole('button', { name: 'Attach' }));
    await waitFor(() => expect(sent).not.toBeNull());
    const form = sent as FormData | null;
    expect(form?.get('campaignId')).toBe('7');
    expect((form?.get('file') as File | null)?.name).toBe('poster.png');
  });

  it('shows the attachment and removes it', async () => {
    const detached: unknown[] = [];
    renderWithProviders(<CampaignMediaSection campaign={campaignFixture({ media })} />, {
      language: 'en',
      api: {
        'campaigns.detachMedia': (input) => {
          detached.push(input);
          return campaignFixture();
        },
      },
    });
    expect(screen.getByTestId('campaign-media').textContent).toContain('poster.png');
    expect(screen.getByTestId('campaign-media').textContent).toContain('Image · 200 kB');
    fireEvent.click(screen.getByRole('button', { name: 'Remove attachment' }));
    await waitFor(() => expect(detached).toEqual([{ id: 7 }]));
  });

  it('shows the server’s reason when a file is refused', async () => {
    renderWithProviders(<CampaignMediaSection campaign={campaignFixture()} />, {
      language: 'en',
      api: {
        'campaigns.attachMedia': () => {
          throw apiError("This file's content is not a known media type.", 'BAD_REQUEST', 'file');
        },
      },
    });
    chooseFile(new File(['hello'], 'notes.txt'));
    fireEvent.click(screen.getByRole('button', { name: 'Attach' }));
    expect((await screen.findByRole('alert')).textContent).toContain('not a known media type');
  });

  it('only shows the attachment of a running campaign, and nothing without one', () => {
    const { unmount } = renderWithProviders(
      <CampaignMediaSection campaign={campaignFixture({ status: 'RUNNING', media })} />,
      { language: 'en' },
    );
    expect(screen.getByText('poster.png')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Remove attachment' })).toBeNull();
    expect(document.querySelector('input[type="file"]')).toBeNull();
    unmount();
    renderWithProviders(<CampaignMediaSection campaign={campaignFixture({ status: 'COMPLETED' })} />, {
      language: 'en',
    });
    expect(screen.queryByText('Attachment')).toBeNull();
  });
});

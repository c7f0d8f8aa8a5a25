import type { CampaignStatus } from '@chapar/domain';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { CampaignActionButtons } from './campaign-action-buttons';
import type { CampaignAction } from './campaign-status';

function buttonNames(): string[] {
  return screen.queryAllByRole('button').map((b) => b.textContent ?? '');
}

function renderFor(status: CampaignStatus, onAction: (a: CampaignAction) => void = () => {}) {
  return renderWithProviders(<CampaignActionButtons status={status} pending={false} onAction={onAction} />, {
    language: 'en',
  });
}

describe('CampaignActionButtons', () => {
  it.each<[CampaignStatus, string[]]>([
    ['DRAFT', ['Cancel']],
    ['READY', ['Start', 'Cancel']],
    ['SCHEDULED', ['Pause', 'Cancel']],
    ['RUNNING', ['Pause', 'Cancel']],
    ['PAUSED', ['Resume', 'Cancel']],
    ['COMPLETED', []],
    ['CANCELLED', []],
    ['FAILED', []],
  ])('shows only what %s allows', (status, expected) => {
    renderFor(status);
    expect(buttonNames()).toEqual(expected);
  });

  it('starts straight away', () => {
    const onAction = vi.fn();
    renderFor('READY', onAction);
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(onAction).toHaveBeenCalledWith('start');
  });

  it('asks before cancelling', async () => {
    const onAction = vi.fn();
    renderFor('RUNNING', onAction);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onAction).not.toHaveBeenCalled();
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel campaign' }));
    expect(onAction).toHaveBeenCalledWith('cancel');
  });

  it('disables every button while an action is pending', () => {
    renderWithProviders(<CampaignActionButtons status="PAUSED" pending onAction={() => {}} />, {
      language: 'en',
    });
    for (const button of screen.getAllByRole('button')) expect(button.hasAttribute('disabled')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { CAMPAIGN_TRANSITIONS, canTransition, transitionRefusal } from './campaign-state';
import { CAMPAIGN_STATUSES } from './enums';

describe('campaign lifecycle', () => {
  it('follows the design: start only from READY, resume only from PAUSED, nothing leaves a final state', () => {
    const allowed = (t: keyof typeof CAMPAIGN_TRANSITIONS) =>
      CAMPAIGN_STATUSES.filter((s) => canTransition(s, t));
    expect(allowed('start')).toEqual(['READY']);
    expect(allowed('schedule')).toEqual(['READY']);
    expect(allowed('pause')).toEqual(['SCHEDULED', 'RUNNING']);
    expect(allowed('resume')).toEqual(['PAUSED']);
    expect(allowed('complete')).toEqual(['RUNNING']);
    expect(allowed('cancel')).toEqual(['DRAFT', 'READY', 'SCHEDULED', 'RUNNING', 'PAUSED']);
    for (const final of ['COMPLETED', 'CANCELLED', 'FAILED'] as const) {
      for (const t of Object.keys(CAMPAIGN_TRANSITIONS) as Array<keyof typeof CAMPAIGN_TRANSITIONS>) {
        expect(canTransition(final, t)).toBe(false);
      }
    }
  });

  it('explains refusals in words a person can act on', () => {
    expect(transitionRefusal('DRAFT', 'start')).toMatch(/not ready/);
    expect(transitionRefusal('RUNNING', 'start')).toMatch(/already been started/);
    expect(transitionRefusal('COMPLETED', 'resume')).toMatch(/completed/);
  });
});

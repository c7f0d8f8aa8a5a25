import { describe, expect, it } from 'vitest';
import { pauseReasonKey, recipientErrorKey, rejectionReasonKey } from './server-texts';

describe('server texts', () => {
  it('recognise the engine’s own recipient errors and leave the rest as written', () => {
    expect(recipientErrorKey('Not on WhatsApp: this number has no WhatsApp account.')).toBe(
      'campaigns.recipientError.notOnWhatsApp',
    );
    expect(recipientErrorKey('Opted out: this number asked not to be messaged.')).toBe(
      'campaigns.recipientError.optedOut',
    );
    expect(recipientErrorKey('Campaign cancelled.')).toBe('campaigns.recipientError.cancelled');
    expect(recipientErrorKey('Evaluation failed: TypeError')).toBeNull();
  });

  it('name a pause by its cause, keeping a person’s own reason', () => {
    expect(pauseReasonKey('QUOTA', 'Your subscription has no messages left.')).toBe('campaigns.paused.QUOTA');
    expect(pauseReasonKey('USER', 'Paused by you.')).toBe('campaigns.paused.USER');
    expect(pauseReasonKey('USER', 'Your account was suspended by an administrator.')).toBeNull();
    expect(pauseReasonKey(null, 'Something')).toBeNull();
  });

  it('name the phone rules’ rejection reasons', () => {
    expect(rejectionReasonKey('not a valid phone number')).toBe('campaigns.rejection.invalid');
    expect(rejectionReasonKey('empty phone number')).toBe('campaigns.rejection.empty');
    expect(rejectionReasonKey('something else')).toBeNull();
  });
});

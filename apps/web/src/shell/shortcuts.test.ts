import { describe, expect, it } from 'vitest';
import { modKeyName, shortcutFor } from './shortcuts';

function press(
  code: string,
  extra: Partial<KeyboardEventInit> = {},
  target: EventTarget | null = document.body,
) {
  return { code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...extra, target };
}

describe('keyboard shortcuts', () => {
  it('opens the palette with Ctrl+K or ⌘+K, even from a text field', () => {
    expect(shortcutFor(press('KeyK', { ctrlKey: true }))).toEqual({ kind: 'palette' });
    expect(shortcutFor(press('KeyK', { metaKey: true }))).toEqual({ kind: 'palette' });
    expect(shortcutFor(press('KeyK', { ctrlKey: true }, document.createElement('input')))).toEqual({
      kind: 'palette',
    });
  });

  it('goes to pages by single keys, matched by the physical key so a Persian layout works', () => {
    // On a Persian layout the D key types "ی", but its code is still KeyD.
    expect(shortcutFor(press('KeyD'))).toEqual({ kind: 'go', to: '/dashboard' });
    expect(shortcutFor(press('KeyW'))).toEqual({ kind: 'go', to: '/whatsapp' });
    expect(shortcutFor(press('KeyN'))).toEqual({ kind: 'newCampaign' });
    expect(shortcutFor(press('Slash', { shiftKey: true }))).toEqual({ kind: 'help' });
  });

  it('leaves single keys to the field being typed in', () => {
    expect(shortcutFor(press('KeyD', {}, document.createElement('input')))).toBeNull();
    expect(shortcutFor(press('KeyD', {}, document.createElement('textarea')))).toBeNull();
  });

  it('does not fire on other modifier combinations', () => {
    expect(shortcutFor(press('KeyD', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('KeyK'))).toBeNull();
    expect(shortcutFor(press('KeyN', { altKey: true }))).toBeNull();
    expect(shortcutFor(press('Slash'))).toBeNull();
  });

  it('names the modifier as the machine does', () => {
    expect(modKeyName('MacIntel')).toBe('⌘');
    expect(modKeyName('Linux x86_64')).toBe('Ctrl');
  });
});

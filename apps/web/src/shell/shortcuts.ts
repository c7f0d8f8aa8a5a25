import type { MessageKey } from '../i18n/en';
import { NAV_ITEMS } from './nav-items';

export type ShortcutAction =
  | { kind: 'palette' }
  | { kind: 'help' }
  | { kind: 'newCampaign' }
  | { kind: 'toggleTheme' }
  | { kind: 'toggleLanguage' }
  | { kind: 'toggleNav' }
  | { kind: 'go'; to: string };

export interface Shortcut {
  /** `KeyboardEvent.code`: the physical key, the same on English and Persian layouts. */
  code: string;
  /** Ctrl on Windows/Linux, ⌘ on macOS. */
  mod?: boolean;
  shift?: boolean;
  /** What the help dialog shows for the key (without the modifiers). */
  key: string;
  label: MessageKey;
  action: ShortcutAction;
}

export const SHORTCUTS: Shortcut[] = [
  { code: 'KeyK', mod: true, key: 'K', label: 'shortcuts.palette', action: { kind: 'palette' } },
  { code: 'Slash', shift: true, key: '?', label: 'shortcuts.help', action: { kind: 'help' } },
  { code: 'KeyN', key: 'N', label: 'shortcuts.newCampaign', action: { kind: 'newCampaign' } },
  ...NAV_ITEMS.filter((item) => item.shortcut).map(
    (item): Shortcut => ({
      code: item.shortcut!,
      key: item.shortcut!.replace('Key', ''),
      label: item.label,
      action: { kind: 'go', to: item.to },
    }),
  ),
  { code: 'KeyT', key: 'T', label: 'shortcuts.toggleTheme', action: { kind: 'toggleTheme' } },
  { code: 'KeyL', key: 'L', label: 'shortcuts.toggleLanguage', action: { kind: 'toggleLanguage' } },
  { code: 'BracketLeft', key: '[', label: 'shortcuts.toggleNav', action: { kind: 'toggleNav' } },
];

type KeyEvent = Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

export function matchesShortcut(event: KeyEvent, shortcut: Shortcut): boolean {
  if (event.code !== shortcut.code || event.altKey) return false;
  if (Boolean(shortcut.mod) !== (event.ctrlKey || event.metaKey)) return false;
  return Boolean(shortcut.shift) === event.shiftKey;
}

/** Keys typed into a field belong to the field; only shortcuts with Ctrl/⌘ reach through. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The action a key press asks for, if any. */
export function shortcutFor(event: KeyEvent & { target: EventTarget | null }): ShortcutAction | null {
  const typing = isTypingTarget(event.target);
  for (const shortcut of SHORTCUTS) {
    if (typing && !shortcut.mod) continue;
    if (matchesShortcut(event, shortcut)) return shortcut.action;
  }
  return null;
}

/** How the modifier is written on this machine. */
export function modKeyName(platform: string): string {
  return /mac|iphone|ipad/i.test(platform) ? '⌘' : 'Ctrl';
}

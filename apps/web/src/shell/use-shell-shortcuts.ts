import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n-provider';
import { useChangeLanguage } from '../i18n/use-change-language';
import { useToggleColorScheme } from './color-scheme-toggle';
import { type ShortcutAction, shortcutFor } from './shortcuts';

/** A dialog is on screen (closed ones may stay in the page, hidden, while they fade out). */
function dialogOpen(): boolean {
  return [...document.querySelectorAll<HTMLElement>('[role="dialog"]')].some(
    (dialog) => dialog.getClientRects().length > 0 && getComputedStyle(dialog).visibility !== 'hidden',
  );
}

/** Listens for the shortcuts of `SHORTCUTS` on the whole window while the signed-in app is shown. */
export function useShellShortcuts(shell: { openPalette(): void; openHelp(): void; toggleNav(): void }) {
  const navigate = useNavigate();
  const toggleTheme = useToggleColorScheme();
  const changeLanguage = useChangeLanguage();
  const { language } = useI18n();
  const run = (action: ShortcutAction) => {
    switch (action.kind) {
      case 'palette':
        return shell.openPalette();
      case 'help':
        return shell.openHelp();
      case 'toggleNav':
        return shell.toggleNav();
      case 'newCampaign':
        return navigate('/campaigns/new');
      case 'go':
        return navigate(action.to);
      case 'toggleTheme':
        return toggleTheme();
      case 'toggleLanguage':
        return changeLanguage(language === 'fa' ? 'en' : 'fa');
    }
  };
  // The listener is added once; it always calls the latest `run`.
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      // While a dialog is open its keys are its own (Escape, typing), except opening the palette.
      const action = shortcutFor(event);
      if (!action) return;
      if (dialogOpen() && action.kind !== 'palette') return;
      event.preventDefault();
      latest.current(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { BrowserRouter } from 'react-router';
import { I18nProvider, useI18n } from './i18n/i18n-provider';
import { LanguageFromUrl } from './i18n/language-from-url';
import { AppRoutes } from './routes';
import { cssVariablesResolver, theme } from './theme';
import { ApiProvider } from './trpc/provider';

/**
 * Toasts at the bottom of the end side (right in English, left in Persian): clear of the
 * header's search and actions, three at most, the newest replacing the oldest.
 */
function AppNotifications() {
  const { dir } = useI18n();
  return <Notifications position={dir === 'rtl' ? 'bottom-left' : 'bottom-right'} limit={3} />;
}

export function App() {
  return (
    <I18nProvider>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <AppNotifications />
        <ApiProvider>
          {/* Sign-in relies on synchronous location updates (see useSignedIn). */}
          <BrowserRouter useTransitions={false}>
            <LanguageFromUrl />
            <AppRoutes />
          </BrowserRouter>
        </ApiProvider>
      </MantineProvider>
    </I18nProvider>
  );
}

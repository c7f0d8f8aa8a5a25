import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { BrowserRouter } from 'react-router';
import { I18nProvider } from './i18n/i18n-provider';
import { LanguageFromUrl } from './i18n/language-from-url';
import { AppRoutes } from './routes';
import { cssVariablesResolver, theme } from './theme';
import { ApiProvider } from './trpc/provider';

export function App() {
  return (
    <I18nProvider>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <Notifications position="top-center" />
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

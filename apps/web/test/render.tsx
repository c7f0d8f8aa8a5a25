import './setup';
import { MantineProvider } from '@mantine/core';
import { type RenderOptions, render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { UserProvider } from '../src/auth/user-context';
import { I18nProvider } from '../src/i18n/i18n-provider';
import type { Language } from '../src/i18n/language';
import { cssVariablesResolver, theme } from '../src/theme';
import type { User } from '../src/trpc/trpc';
import { type ApiHandlers, TestApiProvider } from './api';

interface ProvidersProps {
  /** Fixes the language; without it the provider chooses as in the browser. */
  language?: Language | undefined;
  route?: string | undefined;
  /** Answers of the fake API, by procedure path; unanswered calls fail. */
  api?: ApiHandlers | undefined;
  /** Renders as signed in as this user. */
  user?: User | undefined;
  children: ReactNode;
}

/** The app's providers (language, Mantine, a fake API) around a memory router, as in the app. */
export function TestProviders({ language, route = '/', api, user, children }: ProvidersProps) {
  return (
    <I18nProvider {...(language ? { language } : {})}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <TestApiProvider handlers={api}>
          <MemoryRouter initialEntries={[route]}>
            {user ? <UserProvider user={user}>{children}</UserProvider> : children}
          </MemoryRouter>
        </TestApiProvider>
      </MantineProvider>
    </I18nProvider>
  );
}

export function renderWithProviders(
  ui: ReactElement,
  {
    language,
    route,
    api,
    user,
    ...options
  }: Omit<RenderOptions, 'wrapper'> & Omit<ProvidersProps, 'children'> = {},
) {
  return render(
    <TestProviders language={language} route={route} api={api} user={user}>
      {ui}
    </TestProviders>,
    options,
  );
}

import './setup';
import { MantineProvider } from '@mantine/core';
import { type RenderOptions, render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { I18nProvider } from '../i18n/i18n-provider';
import type { Language } from '../i18n/language';
import { theme } from '../theme';

interface ProvidersProps {
  /** Fixes the language; without it the provider chooses as in the browser. */
  language?: Language | undefined;
  route?: string | undefined;
  children: ReactNode;
}

/** The app's providers (language, Mantine) around a memory router, as in the app. */
export function TestProviders({ language, route = '/', children }: ProvidersProps) {
  return (
    <I18nProvider {...(language ? { language } : {})}>
      <MantineProvider theme={theme}>
        <MemoryRouter initialEntries={[route]}>{children}</MemoryRouter>
      </MantineProvider>
    </I18nProvider>
  );
}

export function renderWithProviders(
  ui: ReactElement,
  { language, route, ...options }: Omit<RenderOptions, 'wrapper'> & Omit<ProvidersProps, 'children'> = {},
) {
  return render(
    <TestProviders language={language} route={route}>
      {ui}
    </TestProviders>,
    options,
  );
}

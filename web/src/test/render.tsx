// Renders a component the way main.tsx does: with an i18n instance in the
// given language (bound to <html lang dir>) and an API client.
import type { ReactElement } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { ApiClient } from '../api/client';
import { ApiProvider } from '../app/context';
import { bindDocumentLanguage, createI18n } from '../i18n';
import type { Language } from '../i18n/languages';

/** An ApiClient whose every method fails unless the test overrides it. */
export function fakeApi(overrides: Partial<ApiClient> = {}): ApiClient {
  const unexpected = (name: string) => () => Promise.reject(new Error(`unexpected call to ${name}`));
  return {
    login: unexpected('login'),
    logout: unexpected('logout'),
    me: unexpected('me'),
    mapLayers: unexpected('mapLayers'),
    layerData: unexpected('layerData'),
    health: unexpected('health'),
    get: unexpected('get'),
    post: unexpected('post'),
    patch: unexpected('patch'),
    put: unexpected('put'),
    postBytes: unexpected('postBytes'),
    ...overrides,
  };
}

export function renderWithProviders(
  ui: ReactElement,
  { lang = 'en', api = fakeApi() }: { lang?: Language; api?: ApiClient } = {},
): RenderResult & { i18n: I18n } {
  const i18n = createI18n(lang);
  bindDocumentLanguage(i18n);
  const result = render(
    <I18nextProvider i18n={i18n}>
      <ApiProvider client={api}>{ui}</ApiProvider>
    </I18nextProvider>,
  );
  return { ...result, i18n };
}

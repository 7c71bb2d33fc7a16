// Entry point: wires the API client, i18n and the document language, then
// renders the App. Composition happens here and nowhere else.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createApiClient } from './api/client';
import { bindDocumentLanguage, createI18n } from './i18n';
import { isLanguage, pickInitialLanguage, readStoredLanguage, storeLanguage } from './i18n/languages';
import { App } from './app/App';
import './styles/base.css';

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const storage = safeLocalStorage();
const i18n = createI18n(pickInitialLanguage(readStoredLanguage(storage), navigator.languages));
bindDocumentLanguage(i18n);
i18n.on('languageChanged', (lng: string) => {
  if (isLanguage(lng)) storeLanguage(storage, lng);
});

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html lacks #root');

createRoot(rootElement).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App client={createApiClient()} />
    </I18nextProvider>
  </StrictMode>,
);

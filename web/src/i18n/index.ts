// i18next set-up. Translations are bundled (three small JSON files) so the
// console works offline and renders its first frame in the right language.
//
// Keys are flat-ish dotted paths grouped by screen ("login.*", "shell.*",
// "map.*", "ticker.*", "errors.*"). Values use {{name}} interpolation only and
// no plural forms, so every key exists once in every language (checked by
// i18n.test.ts).
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { kTranslations } from './translations';
import { applyDocumentLanguage, type Language } from './languages';

export const kResources = kTranslations;

/** Creates an initialised instance; synchronous because resources are bundled. */
export function createI18n(lang: Language): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: lang,
    fallbackLng: 'en',
    supportedLngs: ['en', 'ar', 'he'],
    resources: {
      en: { translation: kTranslations.en },
      ar: { translation: kTranslations.ar },
      he: { translation: kTranslations.he },
    },
    initAsync: false,
    // React escapes output itself.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

/** Keeps <html lang dir> and the document title in step with the instance's language. */
export function bindDocumentLanguage(instance: I18n, doc: Document = document): () => void {
  const apply = (lng: string): void => {
    if (lng === 'en' || lng === 'ar' || lng === 'he') applyDocumentLanguage(lng, doc);
    doc.title = instance.t('app.name');
  };
  apply(instance.language);
  instance.on('languageChanged', apply);
  return () => instance.off('languageChanged', apply);
}

// The console's languages and how the document follows the chosen one.
//
// Autonyms (each language's name in itself) are data, not translated UI
// text: the switch always reads "EN / العربية / עברית" whatever the current
// language is.

export type Language = 'en' | 'ar' | 'he';
export type Direction = 'ltr' | 'rtl';

export interface LanguageInfo {
  code: Language;
  dir: Direction;
  /** Short label on the language switch, in the language itself. */
  autonym: string;
  /** BCP 47 tag for dates and times; Latin digits in every language. */
  locale: string;
}

export const kLanguages: readonly LanguageInfo[] = [
  { code: 'en', dir: 'ltr', autonym: 'EN', locale: 'en-GB' },
  { code: 'ar', dir: 'rtl', autonym: 'العربية', locale: 'ar-u-nu-latn' },
  { code: 'he', dir: 'rtl', autonym: 'עברית', locale: 'he-IL' },
];

export const kDefaultLanguage: Language = 'en';
export const kLanguageStorageKey = 'liaison.language';

export function isLanguage(v: unknown): v is Language {
  return v === 'en' || v === 'ar' || v === 'he';
}

export function languageInfo(lang: Language): LanguageInfo {
  const info = kLanguages.find((l) => l.code === lang);
  if (!info) throw new Error(`unknown language ${lang}`);
  return info;
}

/** Stored choice first, then the browser's preferences, then English. */
export function pickInitialLanguage(
  stored: string | null,
  browserLanguages: readonly string[],
): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split('-')[0];
    // "iw" is the legacy code for Hebrew some systems still report.
    if (primary === 'iw') return 'he';
    if (isLanguage(primary)) return primary;
  }
  return kDefaultLanguage;
}

export function readStoredLanguage(storage: Pick<Storage, 'getItem'> | null): string | null {
  try {
    return storage?.getItem(kLanguageStorageKey) ?? null;
  } catch {
    return null; // storage disabled (private mode, policy)
  }
}

export function storeLanguage(storage: Pick<Storage, 'setItem'> | null, lang: Language): void {
  try {
    storage?.setItem(kLanguageStorageKey, lang);
  } catch {
    // Not persisting the choice is acceptable; the switch still works.
  }
}

/** Sets <html lang dir> so the whole page, CSS logical properties included, follows. */
export function applyDocumentLanguage(lang: Language, doc: Document = document): void {
  const root = doc.documentElement;
  root.lang = lang;
  root.dir = languageInfo(lang).dir;
}

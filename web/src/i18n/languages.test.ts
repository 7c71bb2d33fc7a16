import { describe, expect, it } from 'vitest';
import { applyDocumentLanguage, kLanguageStorageKey, pickInitialLanguage, readStoredLanguage, storeLanguage } from './languages';

describe('pickInitialLanguage', () => {
  it('prefers the stored choice, then the browser, then English', () => {
    expect(pickInitialLanguage('he', ['ar-PS'])).toBe('he');
    expect(pickInitialLanguage(null, ['fr-FR', 'ar-PS'])).toBe('ar');
    expect(pickInitialLanguage('xx', ['iw-IL'])).toBe('he');
    expect(pickInitialLanguage(null, ['de'])).toBe('en');
  });
});

describe('storage', () => {
  it('round-trips and survives a throwing storage', () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    storeLanguage(storage, 'ar');
    expect(map.get(kLanguageStorageKey)).toBe('ar');
    expect(readStoredLanguage(storage)).toBe('ar');
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(readStoredLanguage(broken)).toBeNull();
    expect(() => storeLanguage(broken, 'he')).not.toThrow();
  });
});

describe('applyDocumentLanguage', () => {
  it('sets lang and dir on <html>', () => {
    applyDocumentLanguage('he');
    expect(document.documentElement.lang).toBe('he');
    expect(document.documentElement.dir).toBe('rtl');
    applyDocumentLanguage('en');
    expect(document.documentElement.dir).toBe('ltr');
  });
});

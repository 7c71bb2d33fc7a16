// The translation files: same keys in every language, nothing empty, same
// placeholders, real Arabic and Hebrew script, and every key the source
// code names literally exists.
import { describe, expect, it } from 'vitest';
import { kTranslationFiles, kTranslations, type Tree } from './translations';

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const files = {
  en: flatten(kTranslations.en),
  ar: flatten(kTranslations.ar),
  he: flatten(kTranslations.he),
};
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

// Keys whose value is deliberately not in the language's script: the product name.
const kScriptExempt = new Set(['app.name']);
const kArabicScript = /[\u0600-\u06FF]/;
const kHebrewScript = /[\u0590-\u05FF]/;

describe('translation files', () => {
  it('no two files of a language define the same top-level key', () => {
    for (const trees of Object.values(kTranslationFiles)) {
      const keys = trees.flatMap((t) => Object.keys(t));
      expect(keys.length).toBe(new Set(keys).size);
    }
  });

  for (const lang of ['ar', 'he'] as const) {
    it(`every English key exists, non-empty, in ${lang}`, () => {
      const missing = [...files.en.keys()].filter((k) => !(files[lang].get(k) ?? '').trim());
      expect(missing).toEqual([]);
    });

    it(`every ${lang} key exists, non-empty, in English`, () => {
      const extra = [...files[lang].keys()].filter((k) => !(files.en.get(k) ?? '').trim());
      expect(extra).toEqual([]);
    });

    it(`${lang} uses the same {{placeholders}} as English`, () => {
      const differing = [...files.en].filter(([k, v]) => {
        const other = files[lang].get(k);
        return other !== undefined && placeholders(other).join() !== placeholders(v).join();
      });
      expect(differing.map(([k]) => k)).toEqual([]);
    });
  }

  it('English has no empty values', () => {
    expect([...files.en].filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
  });

  it('Arabic values are written in Arabic script', () => {
    const latin = [...files.ar].filter(([k, v]) => !kScriptExempt.has(k) && !kArabicScript.test(v));
    expect(latin.map(([k]) => k)).toEqual([]);
  });

  it('Hebrew values are written in Hebrew script', () => {
    const latin = [...files.he].filter(([k, v]) => !kScriptExempt.has(k) && !kHebrewScript.test(v));
    expect(latin.map(([k]) => k)).toEqual([]);
  });

  it('every literal t("...") key in the source exists in English', () => {
    const sources = import.meta.glob(['../**/*.tsx', '../**/*.ts', '!../**/*.test.*'], {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>;
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\bt\(\s*'([a-z0-9_.]+)'/g)) used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((k) => !files.en.has(k))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import {
  barrierStyle,
  checkpointStyle,
  escapeHtml,
  featureName,
  kCheckpointTypes,
  kOsloClasses,
  keyOf,
  osloStyle,
  presentOsloClasses,
} from './style';

describe('featureName', () => {
  const gov = { name_en: 'Nablus', name_ar: 'نابلس', name_he: 'שכם' };
  it('uses the name in the user language', () => {
    expect(featureName(gov, 'ar')).toBe('نابلس');
    expect(featureName(gov, 'he')).toBe('שכם');
    expect(featureName(gov, 'en')).toBe('Nablus');
  });
  it('falls back to English, then to "name"', () => {
    expect(featureName({ name_en: 'Zububa', name_ar: '' }, 'ar')).toBe('Zububa');
    expect(featureName({ name_en: 'Zububa', name_ar: 'زبوبا' }, 'he')).toBe('Zububa');
    expect(featureName({ name: "Barta'a (Reihan)" }, 'he')).toBe("Barta'a (Reihan)");
    expect(featureName({}, 'en')).toBeNull();
    expect(featureName(null, 'en')).toBeNull();
  });
});

describe('Oslo styling', () => {
  it('gives A, B and C distinct colours', () => {
    const colours = ['A', 'B', 'C'].map((c) => osloStyle(c).fillColor);
    expect(new Set(colours).size).toBe(3);
  });
  it('has a translation for every known class', () => {
    const oslo = en.map.oslo as Record<string, string>;
    for (const c of kOsloClasses) expect(oslo[keyOf(c.value)], c.value).toBeTruthy();
  });
  it('lists present classes in legend order, unknown ones last', () => {
    expect(presentOsloClasses(['C', 'Zone X', 'A', 'C', null, 'H2'])).toEqual(['A', 'C', 'H2', 'Zone X']);
  });
  it('uses a neutral colour for an unknown class', () => {
    expect(osloStyle('Zone X').fillColor).toBe('#a0a0a0');
  });
});

describe('points and lines', () => {
  it('has a translation for every checkpoint type', () => {
    const cp = en.map.checkpoint as Record<string, string>;
    for (const t of kCheckpointTypes) expect(cp[keyOf(t.key)], t.key).toBeTruthy();
  });
  it('draws checkpoints larger than road blocks', () => {
    expect(checkpointStyle('checkpoint').radius).toBeGreaterThan(checkpointStyle('road block').radius);
  });
  it('dashes Barrier segments not yet built', () => {
    expect(barrierStyle('Constructed').dashArray).toBeUndefined();
    expect(barrierStyle('Projected').dashArray).toBeDefined();
  });
});

describe('keyOf and escapeHtml', () => {
  it('makes keys from values', () => {
    expect(keyOf('partial checkpoint')).toBe('partial_checkpoint');
    expect(keyOf("No Man's Land")).toBe('no_man_s_land');
    expect(keyOf('Under Construction')).toBe('under_construction');
  });
  it('escapes markup', () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe('&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;');
  });
});

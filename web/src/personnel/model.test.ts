import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../api/personnel';
import { buildCareer, careerOrder, initialCareerForm, isDate, validateCareer } from './career';
import { buildPosts, emptyPost, validatePosts } from './establishment';
import {
  bandShares,
  canManagePersonnel,
  canReadPersonnel,
  canReadPersonnelAnalytics,
  commitReadiness,
  filtersFromHash,
  filtersHash,
  kNoFilters,
  localName,
  parseRatio,
  personQuery,
  rankTitle,
  reportFromRefusal,
  treeOrder,
} from './model';
import { kReference, unit, user } from './testing';

describe('who sees what', () => {
  it('opens the registry to HR of any party and to the coordinator vetting officers and trainers', () => {
    expect(canReadPersonnel(user('pasf', ['hr']))).toBe(true);
    expect(canReadPersonnel(user('ussc', ['hr']))).toBe(true);
    expect(canReadPersonnel(user('ussc', ['vetting']))).toBe(true);
    expect(canReadPersonnel(user('ussc', ['trainer']))).toBe(true);
    // A party's own "trainer" or "vetting" role is not the coordinator's.
    expect(canReadPersonnel(user('pasf', ['trainer']))).toBe(false);
    for (const roles of [['liaison'], ['duty'], ['commander'], ['analyst'], ['auditor'], ['admin']]) {
      expect(canReadPersonnel(user('pasf', roles))).toBe(false);
    }
  });

  it('opens the analytics to HR, analysts and commanders', () => {
    for (const roles of [['hr'], ['analyst'], ['commander']]) expect(canReadPersonnelAnalytics(user('pasf', roles))).toBe(true);
    for (const roles of [['liaison'], ['vetting'], ['trainer'], ['auditor']]) {
      expect(canReadPersonnelAnalytics(user('ussc', roles))).toBe(false);
    }
  });

  it('lets only a party HR write, not the coordinator', () => {
    expect(canManagePersonnel(user('pasf', ['hr']))).toBe(true);
    expect(canManagePersonnel(user('ussc', ['hr']))).toBe(false);
    expect(canManagePersonnel(user('pasf', ['commander']))).toBe(false);
  });
});

describe('names', () => {
  it('names a record in the language, Hebrew falling back to English', () => {
    const n = { name_en: 'Civil Police', name_ar: 'الشرطة المدنية' };
    expect(localName(n, 'ar')).toBe('الشرطة المدنية');
    expect(localName(n, 'he')).toBe('Civil Police');
    expect(localName({ ...n, name_he: 'המשטרה' }, 'he')).toBe('המשטרה');
  });

  it('titles a rank, and shows an unknown code as it is', () => {
    expect(rankTitle(kReference, 'CPT', 'ar')).toBe('نقيب');
    expect(rankTitle(kReference, 'CPT', 'he')).toBe('סרן');
    expect(rankTitle(kReference, 'XYZ', 'en')).toBe('XYZ');
    expect(rankTitle(null, 'CPT', 'en')).toBe('CPT');
  });
});

describe('the search filters in the address', () => {
  it('round-trip, Arabic included, leaving empty filters out', () => {
    const f = { ...kNoFilters, q: 'أحمد خليل', service: 'CP', status: 'active' };
    const hash = filtersHash(f);
    expect(hash.startsWith('#/personnel?')).toBe(true);
    expect(hash).not.toContain('rank=');
    expect(filtersFromHash(hash)).toEqual(f);
    expect(filtersHash(kNoFilters)).toBe('#/personnel');
    expect(filtersFromHash('#/personnel')).toEqual(kNoFilters);
    expect(filtersFromHash('#/personnel?bogus=1&band=nco').band).toBe('nco');
  });

  it('query only what is set, trimmed', () => {
    expect(personQuery({ ...kNoFilters, q: '  CP-1 ', unit: ' ', district: 'PS0101' })).toEqual({ q: 'CP-1', district: 'PS0101' });
  });
});

describe('commitReadiness', () => {
  const report = (patch: Partial<ImportReport> = {}): ImportReport => ({
    digest: 'd',
    rows: 2,
    valid_rows: 2,
    error_count: 0,
    errors: [],
    truncated: false,
    ...patch,
  });
  const a = { name: 'a.csv' };
  const b = { name: 'a.csv' };

  it('is ready only after a clean dry run of that same file', () => {
    expect(commitReadiness(null, null, null)).toBe('no_file');
    expect(commitReadiness(a, null, null)).toBe('no_dry_run');
    expect(commitReadiness(a, a, report())).toBe('ready');
    // The same name is not the same file.
    expect(commitReadiness(b, a, report())).toBe('no_dry_run');
    expect(commitReadiness(a, a, report({ error_count: 1, valid_rows: 1 }))).toBe('has_errors');
    expect(commitReadiness(a, a, report({ valid_rows: 1 }))).toBe('has_errors');
    expect(commitReadiness(a, a, report({ rows: 0, valid_rows: 0 }))).toBe('empty');
  });

  it('reads the report of a refused commit from the problem members', () => {
    const dry = report({ rows: 5, valid_rows: 5 });
    const errors = [{ row: 4, line: 5, column: 'unit', code: 'unknown_unit', message: 'no unit X' }];
    expect(reportFromRefusal({ errors, error_count: 1 }, dry)).toEqual({
      ...dry,
      valid_rows: 4,
      error_count: 1,
      errors,
      truncated: false,
    });
    expect(reportFromRefusal({ errors, error_count: 9 }, dry)?.truncated).toBe(true);
    expect(reportFromRefusal({ reasons: [] }, dry)).toBeNull();
  });
});

describe('treeOrder', () => {
  it('puts each unit under its parent, children by id, with their depth', () => {
    const units = [
      unit({ id: 'CP-PS0115-2', parent: 'CP-PS0115' }),
      unit({ id: 'NSF', parent: null, service: 'NSF' }),
      unit({ id: 'CP-PS0115', parent: 'CP' }),
      unit({ id: 'CP', parent: null }),
      unit({ id: 'CP-PS0115-1', parent: 'CP-PS0115' }),
      unit({ id: 'CP-PS0101', parent: 'CP' }),
    ];
    expect(treeOrder(units).map((r) => [r.unit.id, r.depth])).toEqual([
      ['CP', 0],
      ['CP-PS0101', 1],
      ['CP-PS0115', 1],
      ['CP-PS0115-1', 2],
      ['CP-PS0115-2', 2],
      ['NSF', 0],
    ]);
  });

  it('makes a unit whose parent is not listed a root, and places every unit once even in a cycle', () => {
    const rows = treeOrder([
      unit({ id: 'CP-PS0115-1', parent: 'CP-PS0115' }),
      unit({ id: 'X', parent: 'Y' }),
      unit({ id: 'Y', parent: 'X' }),
    ]);
    expect(rows.map((r) => r.unit.id).sort()).toEqual(['CP-PS0115-1', 'X', 'Y']);
    expect(rows.find((r) => r.unit.id === 'CP-PS0115-1')?.depth).toBe(0);
  });
});

describe('bandShares', () => {
  it('computes the shares from the counts and the target from the ratio', () => {
    expect(bandShares({ officer: 50, nco: 50, enlisted: 100 }, { officer: 1, nco: 3, enlisted: 6 })).toEqual([
      { band: 'officer', count: 50, share: 0.25, target: 0.1 },
      { band: 'nco', count: 50, share: 0.25, target: 0.3 },
      { band: 'enlisted', count: 100, share: 0.5, target: 0.6 },
    ]);
  });

  it('gives zero shares to an empty service', () => {
    expect(bandShares({ officer: 0, nco: 0, enlisted: 0 }, { officer: 1, nco: 1, enlisted: 2 }).map((s) => s.share)).toEqual([0, 0, 0]);
  });
});

describe('parseRatio', () => {
  it('reads three numbers separated by colons', () => {
    expect(parseRatio('1:3:6')).toEqual({ officer: 1, nco: 3, enlisted: 6 });
    expect(parseRatio(' 1 : 2.5 : 7 ')).toEqual({ officer: 1, nco: 2.5, enlisted: 7 });
    for (const bad of ['1:3', '1:3:6:1', 'a:b:c', '0:0:0', '-1:3:6', '']) expect(parseRatio(bad)).toBeNull();
  });
});

describe('the career event form', () => {
  const now = Date.parse('2026-11-21T10:00:00Z');

  it('needs the new rank of a promotion and the unit of a transfer', () => {
    const f = initialCareerForm(now);
    expect(f.effective).toMatch(/^2026-11-2[01]$/);
    expect(validateCareer(f)).toEqual({ rank: 'personnel.career.error.rank' });
    expect(validateCareer({ ...f, kind: 'transfer' })).toEqual({ unit: 'personnel.career.error.unit' });
    expect(validateCareer({ ...f, kind: 'retirement', effective: '2026-02-30' })).toEqual({
      effective: 'personnel.career.error.effective',
    });
  });

  it('sends only the fields of the kind', () => {
    const f = { ...initialCareerForm(now), effective: '2026-12-01', rank: 'CPT', unit: 'NSF', post: 'P1', note: ' board ' };
    expect(buildCareer(f)).toEqual({ kind: 'promotion', effective: '2026-12-01', rank: 'CPT', note: 'board' });
    expect(buildCareer({ ...f, kind: 'transfer', unit: ' CP-PS0101 ' })).toEqual({
      kind: 'transfer',
      effective: '2026-12-01',
      unit: 'CP-PS0101',
      post: 'P1',
      note: 'board',
    });
    expect(buildCareer({ ...f, kind: 'suspension', note: '' })).toEqual({ kind: 'suspension', effective: '2026-12-01' });
  });

  it('orders the career by effective date, then as recorded', () => {
    const e = (effective: string, seq: number, idx = 0) => ({ kind: 'promotion' as const, effective, seq, idx });
    expect(careerOrder([e('2020-01-01', 9), e('2010-01-01', 50, 2), e('2020-01-01', 3), e('2010-01-01', 50, 1)]).map((x) => [x.seq, x.idx])).toEqual([
      [50, 1],
      [50, 2],
      [3, 0],
      [9, 0],
    ]);
  });

  it('knows a calendar date', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2023-02-29')).toBe(false);
    expect(isDate('2024-2-1')).toBe(false);
  });
});

describe('the posts form', () => {
  it('checks codes, titles, bands and numbers', () => {
    const ok = { post: 'CMD', title_en: 'Commander', title_ar: 'قائد', band: 'officer' as const, authorised: '1' };
    expect(validatePosts([ok]).size).toBe(0);
    const errors = validatePosts([ok, { ...ok }, { ...ok, post: ' ' }, { ...ok, post: 'A', title_ar: '' }, { ...ok, post: 'B', authorised: '-2' }, emptyPost()]);
    expect([...errors]).toEqual([
      [1, 'personnel.posts.error.duplicate'],
      [2, 'personnel.posts.error.code'],
      [3, 'personnel.posts.error.title'],
      [4, 'personnel.posts.error.authorised'],
      [5, 'personnel.posts.error.code'],
    ]);
    expect(buildPosts([{ ...ok, post: ' CMD ', authorised: ' 12 ' }])).toEqual([
      { post: 'CMD', title_en: 'Commander', title_ar: 'قائد', band: 'officer', authorised: 12 },
    ]);
  });
});

// The personnel screens' rules, pure: who may see and change what, names in
// the user's language, the search filters in the address, the readiness of
// an import to commit, the unit tree's order, and the pyramid's shares.
import {
  kBands,
  type Band,
  type BandCounts,
  type ImportReport,
  type OrgUnit,
  type PersonnelReference,
  type PersonQuery,
  type PyramidRow,
  type Rank,
  type Service,
} from '../api/personnel';
import type { Me } from '../api/types';
import type { Language } from '../i18n/languages';

// --- Who sees what (docs/personnel.md, "Visibility"; the server decides) ---

/**
 * The registry and the establishment: HR staff (the registry party's; the
 * server refuses another party's), and the coordinator's vetting officers
 * and trainers.
 */
export function canReadPersonnel(me: Me): boolean {
  return me.roles.includes('hr') || (me.is_coordinator && (me.roles.includes('vetting') || me.roles.includes('trainer')));
}

/** The analytics: HR staff, analysts and commanders. */
export const kAnalyticsRoles: readonly string[] = ['hr', 'analyst', 'commander'];

export function canReadPersonnelAnalytics(me: Me): boolean {
  return me.roles.some((r) => kAnalyticsRoles.includes(r));
}

/**
 * Registering, importing, recording career events and setting posts: the
 * registry party's HR staff. The coordinator advises and does not write.
 */
export function canManagePersonnel(me: Me): boolean {
  return me.roles.includes('hr') && !me.is_coordinator;
}

// --- Names ------------------------------------------------------------------

/** A record named in English and Arabic (and maybe Hebrew), named in `language`; Hebrew falls back to English. */
export function localName(
  named: { name_en: string; name_ar: string; name_he?: string | null | undefined },
  language: Language,
): string {
  if (language === 'ar') return named.name_ar || named.name_en;
  if (language === 'he') return named.name_he || named.name_en;
  return named.name_en || named.name_ar;
}

export function findService(ref: PersonnelReference | null, code: string): Service | undefined {
  return ref?.services.find((s) => s.code === code);
}

export function findRank(ref: PersonnelReference | null, code: string): Rank | undefined {
  return ref?.ranks.find((r) => r.code === code);
}

/** A service's name in `language`, or its code while the reference data is not loaded. */
export function serviceName(ref: PersonnelReference | null, code: string, language: Language): string {
  const s = findService(ref, code);
  return s ? localName(s, language) : code;
}

/** A rank's title in `language`, or its code when unknown. */
export function rankTitle(ref: PersonnelReference | null, code: string, language: Language): string {
  const r = findRank(ref, code);
  if (!r) return code;
  return (language === 'ar' ? r.title_ar : language === 'he' ? r.title_he : r.title_en) || r.title_en || code;
}

/** The ranks of a band (or all), highest first, as a choice lists them. */
export function ranksForChoice(ref: PersonnelReference | null, band?: Band | ''): Rank[] {
  return (ref?.ranks ?? []).filter((r) => !band || r.band === band).sort((a, b) => b.grade - a.grade);
}

// --- The search filters, kept in the address --------------------------------

export interface PersonnelFilters {
  q: string;
  service: string;
  unit: string;
  rank: string;
  band: string;
  status: string;
  district: string;
}

export const kNoFilters: PersonnelFilters = { q: '', service: '', unit: '', rank: '', band: '', status: '', district: '' };

const kFilterKeys = Object.keys(kNoFilters) as (keyof PersonnelFilters)[];

/** The filters written in a "#/personnel?q=...&service=..." address; unknown keys are ignored. */
export function filtersFromHash(hash: string): PersonnelFilters {
  const i = hash.indexOf('?');
  const query = new URLSearchParams(i < 0 ? '' : hash.slice(i + 1));
  const out = { ...kNoFilters };
  for (const k of kFilterKeys) out[k] = query.get(k) ?? '';
  return out;
}

/** The address of the search with `f` (empty filters left out); the inverse of filtersFromHash. */
export function filtersHash(f: PersonnelFilters): string {
  const query = new URLSearchParams();
  for (const k of kFilterKeys) if (f[k]) query.set(k, f[k]);
  const s = query.toString();
  return s ? `#/personnel?${s}` : '#/personnel';
}

/** The search query of the filters (the text and the unit trimmed, empty ones left out). */
export function personQuery(f: PersonnelFilters): PersonQuery {
  const q: PersonQuery = {};
  for (const k of kFilterKeys) {
    const v = f[k].trim();
    if (v) q[k] = v;
  }
  return q;
}

// --- The import -------------------------------------------------------------

/** Why a file may not be committed yet, or 'ready'. */
export type CommitReadiness = 'no_file' | 'no_dry_run' | 'has_errors' | 'empty' | 'ready';

/**
 * Whether the chosen file may be committed: only after a dry run of that
 * same file (`checked` is the file the report is about) found rows and no
 * error. Files are compared by identity: choosing the file again, even
 * with the same name, needs a new dry run.
 */
export function commitReadiness<F>(file: F | null, checked: F | null, report: ImportReport | null): CommitReadiness {
  if (file === null) return 'no_file';
  if (report === null || checked !== file) return 'no_dry_run';
  if (report.error_count > 0 || report.valid_rows < report.rows) return 'has_errors';
  if (report.rows === 0) return 'empty';
  return 'ready';
}

/**
 * The report a 422 commit refusal carries (its problem members), merged
 * into the dry run's; null when the members hold no error list.
 */
export function reportFromRefusal(members: Readonly<Record<string, unknown>>, dryRun: ImportReport): ImportReport | null {
  const errors = members['errors'];
  if (!Array.isArray(errors)) return null;
  const count = typeof members['error_count'] === 'number' ? (members['error_count'] as number) : errors.length;
  const num = (k: string, fallback: number) => (typeof members[k] === 'number' ? (members[k] as number) : fallback);
  return {
    ...dryRun,
    rows: num('rows', dryRun.rows),
    valid_rows: num('valid_rows', Math.max(0, dryRun.rows - count)),
    error_count: count,
    errors: errors as ImportReport['errors'],
    truncated: members['truncated'] === true || count > errors.length,
  };
}

// --- The unit tree ------------------------------------------------------------

export interface TreeRow {
  unit: OrgUnit;
  /** 0 for a unit whose parent is not listed (a service's headquarters, or a filtered-out parent). */
  depth: number;
}

const byId = (a: OrgUnit, b: OrgUnit) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The units in tree order: each unit followed by its children (by id),
 * depth-first. A unit whose parent is not among `units` is a root. A cycle
 * (not possible from the server) cannot loop: every unit is placed once.
 */
export function treeOrder(units: readonly OrgUnit[]): TreeRow[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string, OrgUnit[]>();
  const roots: OrgUnit[] = [];
  for (const u of units) {
    if (u.parent && ids.has(u.parent) && u.parent !== u.id) {
      const list = children.get(u.parent) ?? [];
      list.push(u);
      children.set(u.parent, list);
    } else {
      roots.push(u);
    }
  }
  const out: TreeRow[] = [];
  const placed = new Set<string>();
  const visit = (u: OrgUnit, depth: number) => {
    if (placed.has(u.id)) return;
    placed.add(u.id);
    out.push({ unit: u, depth });
    for (const c of (children.get(u.id) ?? []).sort(byId)) visit(c, depth + 1);
  };
  for (const r of roots.sort(byId)) visit(r, 0);
  // Units only reachable through a cycle.
  for (const u of [...units].sort(byId)) visit(u, 0);
  return out;
}

/** A per-band count read defensively: missing bands count 0. */
export function bandCount(counts: Partial<BandCounts> | null | undefined, band: Band): number {
  const v = counts?.[band];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function sumBands(counts: Partial<BandCounts> | null | undefined): number {
  return kBands.reduce((n, b) => n + bandCount(counts, b), 0);
}

/** The posts authorised per band, from a unit's posts. */
export function authorisedFromPosts(posts: readonly { band: Band; authorised: number }[]): BandCounts {
  const out: BandCounts = { officer: 0, nco: 0, enlisted: 0 };
  for (const p of posts) out[p.band] += p.authorised;
  return out;
}

// --- The pyramid ----------------------------------------------------------------

export interface BandShare {
  band: Band;
  count: number;
  /** 0..1 of the row's total (0 when the total is 0). */
  share: number;
  /** 0..1 of the target ratio. */
  target: number;
}

/**
 * A pyramid row's bands, top first, with shares computed from the counts
 * and the target ratio (so they always add up, whatever rounding the
 * server applied to its own shares).
 */
export function bandShares(row: Partial<BandCounts>, target: Partial<BandCounts>): BandShare[] {
  const total = sumBands(row);
  const targetTotal = sumBands(target);
  return kBands.map((band) => ({
    band,
    count: bandCount(row, band),
    share: total > 0 ? bandCount(row, band) / total : 0,
    target: targetTotal > 0 ? bandCount(target, band) / targetTotal : 0,
  }));
}

/** The row's total: the server's, else the sum of its bands. */
export function pyramidTotal(row: Partial<PyramidRow>): number {
  return typeof row.total === 'number' ? row.total : sumBands(row);
}

/** Reads a ratio "1:3:6" (positive numbers); null when it is not one. */
export function parseRatio(text: string): BandCounts | null {
  const parts = text.split(':').map((p) => p.trim());
  if (parts.length !== kBands.length) return null;
  const values = parts.map((p) => (/^\d+(\.\d+)?$/.test(p) ? Number(p) : Number.NaN));
  if (values.some((v) => !Number.isFinite(v)) || values.every((v) => v === 0)) return null;
  return { officer: values[0] as number, nco: values[1] as number, enlisted: values[2] as number };
}

// The posts form's model, pure: a unit's posts as editable rows, their
// checks, and the body of PUT /establishment/units/{id}.
import { kBands, type Band, type EstablishmentPost } from '../api/personnel';

export interface PostRow {
  post: string;
  title_en: string;
  title_ar: string;
  band: Band;
  /** As typed. */
  authorised: string;
}

/** The most one post may authorise (a sanity bound, not a rule of the reform). */
export const kMaxAuthorised = 100_000;

export function rowsFromPosts(posts: readonly EstablishmentPost[]): PostRow[] {
  return posts.map((p) => ({ ...p, authorised: String(p.authorised) }));
}

export function emptyPost(): PostRow {
  return { post: '', title_en: '', title_ar: '', band: 'enlisted', authorised: '1' };
}

/** The first problem of each row, as an i18n key by row index; empty when the posts may be saved. */
export function validatePosts(rows: readonly PostRow[]): Map<number, string> {
  const errors = new Map<number, string>();
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const code = r.post.trim();
    const n = r.authorised.trim();
    if (!code) errors.set(i, 'personnel.posts.error.code');
    else if (seen.has(code)) errors.set(i, 'personnel.posts.error.duplicate');
    else if (!r.title_en.trim() || !r.title_ar.trim()) errors.set(i, 'personnel.posts.error.title');
    else if (!(kBands as readonly string[]).includes(r.band)) errors.set(i, 'personnel.posts.error.band');
    else if (!/^\d+$/.test(n) || Number(n) > kMaxAuthorised) errors.set(i, 'personnel.posts.error.authorised');
    seen.add(code);
  });
  return errors;
}

/** The posts to send. REQUIRES: validatePosts(rows) is empty. */
export function buildPosts(rows: readonly PostRow[]): EstablishmentPost[] {
  return rows.map((r) => ({
    post: r.post.trim(),
    title_en: r.title_en.trim(),
    title_ar: r.title_ar.trim(),
    band: r.band,
    authorised: Number(r.authorised.trim()),
  }));
}

// Links to other records (a request, an incident, an operation, a case) as
// form rows: the checks made before sending, the body's `links`, and the
// fields a server problem on "/links/N/id" lands on. Pure.
//
// Every row is sent, in order, so the N of a problem's pointer is the row
// the user sees; an empty row is a local error rather than silently dropped.
import { kLinkKinds, type Link, type LinkKind } from '../api/requests';

export interface LinkRow {
  kind: LinkKind;
  id: string;
}

/** The longest record id the server accepts. */
export const kMaxLinkIdLength = 64;

export function emptyLink(): LinkRow {
  return { kind: 'request', id: '' };
}

/** The body's `links`: one per row, ids trimmed. */
export function linksOf(rows: readonly LinkRow[]): Link[] {
  return rows.map((r) => ({ kind: r.kind, id: r.id.trim() }));
}

/** The fields a problem about the links may be placed on. */
export function linkFields(rows: readonly LinkRow[]): string[] {
  return ['links', ...rows.flatMap((_, i) => [`links.${i}.kind`, `links.${i}.id`])];
}

/** Field -> i18n key of what is wrong with a row. */
export function validateLinks(rows: readonly LinkRow[]): Record<string, string> {
  const errors: Record<string, string> = {};
  rows.forEach((r, i) => {
    const id = r.id.trim();
    if (!id) errors[`links.${i}.id`] = 'requests.validation.required';
    else if ([...id].length > kMaxLinkIdLength) errors[`links.${i}.id`] = 'requests.validation.too_long';
  });
  return errors;
}

/** The hash route of a linked record the console can open, else null. */
export function linkHref(link: Link): string | null {
  return link.kind === 'request' ? `#/requests/${encodeURIComponent(link.id)}` : null;
}

/** The links in an event body (a comment's), skipping anything that is not one. */
export function linksIn(body: Record<string, unknown>): Link[] {
  const v = body['links'];
  if (!Array.isArray(v)) return [];
  const out: Link[] = [];
  for (const e of v as unknown[]) {
    if (typeof e !== 'object' || e === null) continue;
    const { kind, id } = e as Record<string, unknown>;
    if (typeof id === 'string' && id && (kLinkKinds as readonly unknown[]).includes(kind)) out.push({ kind: kind as LinkKind, id });
  }
  return out;
}

// Small pieces shared by the request screens: the live countdown, the state
// and precedence badges, the Oslo areas and coordination lists, linked
// records, error messages, the "more" button of a paged list, and the
// parties directory.
import { useCallback, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import {
  listParties,
  type Coordination,
  type Link,
  type OsloArea,
  type Party,
  type Precedence,
  type RequestState,
} from '../api/requests';
import { useApi } from '../app/context';
import { isLanguage, languageInfo, type Direction, type Language } from '../i18n/languages';
import { deadlineView } from '../common/time';
import type { PagedList } from '../common/usePagedList';
import { partyName } from './format';
import { linkHref } from './links';
import { stateTone } from './state';


/** The user's language, its locale for dates and its direction. */
export function useLanguage(): { language: Language; locale: string; dir: Direction } {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage;
  const language: Language = isLanguage(lng) ? lng : 'en';
  const info = languageInfo(language);
  return { language, locale: info.locale, dir: info.dir };
}

/** A live countdown to `at`; red and counting up once overdue. */
export function Countdown({ at, nowMs, testId }: { at: string; nowMs: number; testId?: string }) {
  const { t } = useTranslation();
  const view = deadlineView(at, nowMs);
  if (!view) return null;
  return (
    <span
      className={`countdown${view.overdue ? ' countdown--overdue' : ''}`}
      data-testid={testId}
      data-overdue={view.overdue}
      title={at}
    >
      {view.overdue
        ? t('requests.deadline.overdue_by', { elapsed: view.text })
        : t('requests.deadline.due_in', { remaining: view.text })}
    </span>
  );
}

export function StateBadge({ state }: { state: RequestState }) {
  const { t } = useTranslation();
  return (
    <span className={`req-state req-state--${stateTone(state)}`} data-testid="request-state" data-state={state}>
      {t(`requests.state.${state}`)}
    </span>
  );
}

export function PrecedenceBadge({ precedence }: { precedence: Precedence }) {
  const { t } = useTranslation();
  return (
    <span
      className={`req-precedence req-precedence--${precedence.toLowerCase()}`}
      data-testid="request-precedence"
      data-precedence={precedence}
    >
      {t(`requests.precedence.${precedence}`)}
    </span>
  );
}

export function AreaList({ areas, testId }: { areas: readonly OsloArea[]; testId?: string }) {
  const { t } = useTranslation();
  if (areas.length === 0) return <span className="req-muted">{t('requests.evaluation.no_areas')}</span>;
  return (
    <ul className="req-chips" data-testid={testId}>
      {areas.map((a) => (
        <li key={a} className={`req-chip req-chip--area-${a.toLowerCase()}`} data-area={a}>
          {t(`requests.area.${a}`, { defaultValue: a })}
        </li>
      ))}
    </ul>
  );
}

/** Linked records, each with its kind; a linked request opens its page. */
export function LinkList({ links, testId }: { links: readonly Link[]; testId?: string }) {
  const { t } = useTranslation();
  return (
    <ul className="req-chips req-links__list" data-testid={testId}>
      {links.map((l) => {
        const href = linkHref(l);
        return (
          <li key={`${l.kind}-${l.id}`} className="req-chip req-link" data-kind={l.kind} data-id={l.id}>
            <span className="req-link__kind">{t(`requests.links.kind_${l.kind}`, { defaultValue: l.kind })}</span>{' '}
            {href ? (
              <a href={href} data-testid="link-open">
                <bdi>{l.id}</bdi>
              </a>
            ) : (
              <bdi>{l.id}</bdi>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Wraps text in Unicode first-strong isolates (FSI ... PDI), the plain-text
 * <bdi>: a Latin rule id inside a Hebrew or Arabic sentence keeps its order.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** "ISF approval required — rule pasf-armed-b-c — Interim Agreement 1995, Annex I, Art. V". */
export function CoordinationList({
  coordination,
  parties,
  testId,
}: {
  coordination: readonly Coordination[];
  parties: readonly Party[];
  testId?: string;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  if (coordination.length === 0) {
    return (
      <p className="req-muted" data-testid={testId} data-required="false">
        {t('requests.evaluation.no_coordination')}
      </p>
    );
  }
  return (
    <ul className="req-coordination" data-testid={testId} data-required="true">
      {coordination.map((c, i) => (
        <li key={`${c.party}-${c.requirement}-${i}`} data-party={c.party} data-requirement={c.requirement}>
          <strong>
            {t(`requests.requirement.${c.requirement}`, {
              party: partyName(c.party, parties, language),
              defaultValue: `${partyName(c.party, parties, language)}: ${c.requirement}`,
            })}
          </strong>
          {c.rules.length > 0 && (
            <>
              {' — '}
              {t('requests.evaluation.rules', { rules: isolate(c.rules.join(', ')) })}
            </>
          )}
          {c.basis.length > 0 && (
            <>
              {' — '}
              <bdi>{c.basis.join('; ')}</bdi>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** i18n keys of the messages for 403, 409 and 404, in a screen's own words. */
export interface ErrorKeys {
  forbidden: string;
  conflict: string;
  not_found: string;
}

export const kRequestErrorKeys: ErrorKeys = {
  forbidden: 'requests.error.forbidden',
  conflict: 'requests.error.conflict',
  not_found: 'requests.error.not_found',
};

/**
 * The message for a failed call: 403, 409 and 404 in the screen's own words
 * (the request screens' by default), everything else by the problem's code,
 * with the server's reference.
 */
export function ErrorMessage({
  error,
  testId = 'error',
  keys = kRequestErrorKeys,
}: {
  error: unknown;
  testId?: string;
  keys?: ErrorKeys;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!isApiError(error)) {
    return (
      <p className="req-error" role="alert" data-testid={testId}>
        {t('errors.internal')}
      </p>
    );
  }
  let text: string;
  if (error.status === 403) text = t(keys.forbidden);
  else if (error.status === 409) text = t(keys.conflict);
  else if (error.status === 404) text = t(keys.not_found);
  else text = t(`errors.${error.code}`);
  return (
    <div className="req-error" role="alert" data-testid={testId} data-status={error.status}>
      <p>{text}</p>
      {error.problem.detail && (
        <p className="req-error__detail" dir="auto">
          {error.problem.detail}
        </p>
      )}
      {error.problem.request_id && (
        <p className="req-error__ref">{t('errors.reference', { id: error.problem.request_id })}</p>
      )}
    </div>
  );
}

/** The "more" button under a paged list, while the server has more rows. */
export function LoadMore({ list }: { list: Pick<PagedList<{ id: string }>, 'hasMore' | 'loadingMore' | 'loadMore'> }) {
  const { t } = useTranslation();
  if (!list.hasMore) return null;
  return (
    <button
      type="button"
      className="button req-more"
      data-testid="load-more"
      disabled={list.loadingMore}
      onClick={() => void list.loadMore()}
    >
      {list.loadingMore ? t('app.loading') : t('requests.list.more')}
    </button>
  );
}

/** The parties directory (for names and the receiving-party choice); empty until loaded or on failure. */
export function useParties(): Party[] {
  const api = useApi();
  const [parties, setParties] = useState<Party[]>([]);
  useEffect(() => {
    const abort = new AbortController();
    listParties(api, abort.signal)
      .then((list) => setParties(list.items))
      .catch(() => {
        // Names fall back to party ids; the form offers none to choose.
      });
    return () => abort.abort();
  }, [api]);
  return parties;
}

/**
 * A paged list under a list screen's filters: its error, then "loading", the
 * empty message or the table (`head` its header cells, `row` a row an item),
 * then the "more" button once loaded.
 */
export function PagedTable<T extends { id: string }>({
  list,
  testId,
  empty,
  head,
  row,
  errorKeys = kRequestErrorKeys,
}: {
  list: PagedList<T>;
  /** The table's data-testid. */
  testId: string;
  /** The message when there is nothing to show. */
  empty: string;
  head: ReactNode;
  row(item: T): ReactNode;
  errorKeys?: ErrorKeys;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ErrorMessage error={list.error} testId="list-error" keys={errorKeys} />
      {list.loading ? (
        <p className="req-muted" role="status">{t('app.loading')}</p>
      ) : list.items.length === 0 ? (
        <p className="req-muted" data-testid="list-empty">{empty}</p>
      ) : (
        <table className="req-table" data-testid={testId}>
          <thead>
            <tr>{head}</tr>
          </thead>
          <tbody>{list.items.map(row)}</tbody>
        </table>
      )}
      {!list.loading && <LoadMore list={list} />}
    </>
  );
}

/**
 * A list screen's filter: a labelled choice (data-testid "filter-<name>")
 * with "all" (the empty value) first, or last with `allLast`.
 */
export function FilterSelect({
  name,
  label,
  value,
  onChange,
  allLast = false,
  children,
}: {
  name: string;
  label: string;
  value: string;
  onChange(value: string): void;
  allLast?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const id = `${useId()}-${name}`;
  const all = <option value="">{t('requests.list.all')}</option>;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-testid={`filter-${name}`} value={value} onChange={(e) => onChange(e.target.value)}>
        {!allLast && all}
        {children}
        {allLast && all}
      </select>
    </div>
  );
}

/** A list's filters and their setter (a patch), with the key that names them for usePagedList. */
export function useFilters<F>(initial: F): { filters: F; setFilter(patch: Partial<F>): void; key: string } {
  const [filters, setFilters] = useState<F>(initial);
  const key = useMemo(() => JSON.stringify(filters), [filters]);
  const setFilter = useCallback((patch: Partial<F>) => setFilters((f) => ({ ...f, ...patch })), []);
  return { filters, setFilter, key };
}

/**
 * What the page of one record shows before it is loaded: "loading", or the
 * failure with a link back to its list. The page keeps its own element
 * around it, so that the element stays the same once the record is shown.
 */
export function RecordPlaceholder({
  error,
  errorKeys = kRequestErrorKeys,
  backHref,
  backLabel,
}: {
  error: unknown;
  errorKeys?: ErrorKeys;
  backHref: string;
  backLabel: string;
}) {
  const { t } = useTranslation();
  return error ? (
    <>
      <ErrorMessage error={error} testId="load-error" keys={errorKeys} />
      <a className="button" href={backHref}>
        {backLabel}
      </a>
    </>
  ) : (
    <p className="req-muted" role="status">{t('app.loading')}</p>
  );
}

/** One option a party of `parties`, named from the `directory` in `language`. */
export function PartyOptions({
  parties,
  directory = parties,
  language,
}: {
  parties: readonly Party[];
  directory?: readonly Party[];
  language: Language;
}) {
  return (
    <>
      {parties.map((p) => (
        <option key={p.id} value={p.id}>
          {partyName(p.id, directory, language)}
        </option>
      ))}
    </>
  );
}

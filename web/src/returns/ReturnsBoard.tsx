// The returns board: a column per stage with the cases at it, overdue
// cases marked and first, the time each has spent at its stage and the
// countdown to its limit. The active cases and the latest closed ones are
// read, again when a return.* event arrives on the shell's stream. The
// figures follow the board for those who may read them.
import { useTranslation } from 'react-i18next';
import { kReturnCategories, kReturnStages, listReturns, type ReturnCase, type ReturnQuery } from '../api/returns';
import type { Party } from '../api/requests';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { formatDateTime } from '../common/time';
import { kMaxPageSize } from '../common/usePagedList';
import { useNow } from '../common/useNow';
import { useRecord } from '../common/useRecord';
import { DistrictName } from '../deconfliction/common';
import { isCoordinatorDesk } from '../deconfliction/model';
import type { Language } from '../i18n/languages';
import { Countdown, ErrorMessage, FilterSelect, PartyOptions, useFilters, useLanguage, useParties } from '../requests/common';
import { EnumOptions } from '../requests/fields';
import { partyName } from '../requests/format';
import { canWrite } from '../requests/state';
import { canReadFigures, routeHash, useStreamEvents } from '../shell/routes';
import { kReturnErrorKeys, MedicalBadge, OverdueMark } from './common';
import { boardOrder, groupByStage, isOverdue, kReturnEvents } from './model';
import { ReturnFigures } from './ReturnFigures';
import '../requests/requests.css';
import './returns.css';

/** How many closed cases the board shows (the newest). */
export const kClosedShown = 20;

export interface BoardFilters {
  category: '' | ReturnCase['category'];
  party: string;
}

export const kDefaultBoardFilters: BoardFilters = { category: '', party: '' };

/** The two list queries of the board: the active cases, and the latest closed ones. Pure. */
export function boardQueries(f: BoardFilters): [ReturnQuery, ReturnQuery] {
  const common: ReturnQuery = {};
  if (f.category) common.category = f.category;
  if (f.party) common.party = f.party;
  return [
    { ...common, stage: ['active'], limit: kMaxPageSize },
    { ...common, stage: ['closed'], limit: kClosedShown },
  ];
}

function CaseCard({
  c,
  nowMs,
  parties,
  language,
}: {
  c: ReturnCase;
  nowMs: number;
  parties: readonly Party[];
  language: Language;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const overdue = isOverdue(c, nowMs);
  return (
    <li className={`ret-card${overdue ? ' ret-card--overdue' : ''}`} data-testid="case-card" data-id={c.id} data-overdue={overdue}>
      <div className="ret-card__head">
        <a href={routeHash({ page: 'return_case', id: c.id })} className="req-id" data-testid="case-link">
          <bdi>{c.id}</bdi>
        </a>
        {overdue && <OverdueMark />}
      </div>
      <span>
        {t(`returns.category.${c.category}`)} · {t('returns.persons', { n: c.count })}
      </span>
      <span className="req-muted">
        <DistrictName code={c.district} />
        {' · '}
        <bdi>{c.holding_party ? partyName(c.holding_party, parties, language) : t('returns.nobody_holds')}</bdi>
        {' → '}
        <bdi>{partyName(c.receiving_party, parties, language)}</bdi>
      </span>
      {c.medical_status !== 'unknown' && c.medical_status !== 'uninjured' && <MedicalBadge status={c.medical_status} />}
      {c.stage === 'closed' ? (
        <span className="req-muted">{formatDateTime(c.closed_at, locale)}</span>
      ) : (
        <span className="req-muted">
          {t('returns.since', { at: formatDateTime(c.stage_since, locale) })}
          {c.stage_due_at && (
            <>
              {' · '}
              <Countdown at={c.stage_due_at} nowMs={nowMs} testId="card-countdown" />
            </>
          )}
        </span>
      )}
    </li>
  );
}

export interface ReturnsBoardProps {
  /** Clock, injectable for tests. */
  now?: () => number;
}

export function ReturnsBoard({ now = Date.now }: ReturnsBoardProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { language } = useLanguage();
  const parties = useParties();
  const nowMs = useNow(now);
  const desk = isCoordinatorDesk(me);
  const changed = latestEventSeq(useStreamEvents(), kReturnEvents);
  const { filters, setFilter, key } = useFilters<BoardFilters>(kDefaultBoardFilters);
  const { record: cases, loadError } = useRecord(
    async (signal) => {
      const [active, closed] = boardQueries(filters);
      const [a, c] = await Promise.all([listReturns(api, active, signal), listReturns(api, closed, signal)]);
      return [...a.items, ...c.items];
    },
    key,
    changed,
  );
  const columns = cases ? groupByStage(cases) : null;

  return (
    <div className="req-page" data-testid="returns-board">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('returns.board.title')}</h1>
        {canWrite(me) && (
          <a className="button button--primary req-page__new" href={routeHash({ page: 'new_return' })} data-testid="new-return">
            {t('returns.board.new')}
          </a>
        )}
      </div>
      <p className="req-hint">{t('returns.board.intro')}</p>

      <form className="req-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          name="category"
          label={t('returns.field.category')}
          value={filters.category}
          onChange={(category) => setFilter({ category: category as BoardFilters['category'] })}
        >
          <EnumOptions values={kReturnCategories} labelKey="returns.category" />
        </FilterSelect>
        {desk && (
          <FilterSelect name="party" label={t('returns.field.party')} value={filters.party} onChange={(party) => setFilter({ party })}>
            <PartyOptions parties={parties} language={language} />
          </FilterSelect>
        )}
      </form>

      <ErrorMessage error={loadError} testId="list-error" keys={kReturnErrorKeys} />
      {!columns ? (
        !loadError && <p className="req-muted" role="status">{t('app.loading')}</p>
      ) : (
        <div className="ret-board" data-testid="board">
          {kReturnStages.map((stage) => {
            const list = boardOrder(columns[stage], nowMs);
            return (
              <section key={stage} className="ret-column" data-testid={`column-${stage}`} aria-labelledby={`column-${stage}`}>
                <h2 className="ret-column__head" id={`column-${stage}`}>
                  <span>{t(`returns.stage.${stage}`)}</span>
                  <span className="req-chip" data-testid="column-count">
                    {list.length}
                  </span>
                </h2>
                {list.length === 0 ? (
                  <p className="req-muted">{t('returns.board.none')}</p>
                ) : (
                  <ul className="ret-column__list">
                    {list.map((c) => (
                      <CaseCard key={c.id} c={c} nowMs={nowMs} parties={parties} language={language} />
                    ))}
                  </ul>
                )}
                {stage === 'closed' && list.length >= kClosedShown && (
                  <p className="req-hint">{t('returns.board.closed_latest', { n: kClosedShown })}</p>
                )}
              </section>
            );
          })}
        </div>
      )}

      {canReadFigures(me) && <ReturnFigures now={now} />}
    </div>
  );
}

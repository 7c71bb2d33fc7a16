// The duty desk page ("#/duty"): the desk's queue of open items with live
// countdowns, the roster (current shift, desks, who is on duty), the
// handover form and the handover history, and the FLASH/overdue alert banner.
//
// Data: GET /duty/roster, /duty/queue?unit=, /duty/handovers?unit=
// (docs/requests.md, "The duty desk"). The queue reloads on every request.*
// event of the shell's stream, the roster and history on duty.handover. One
// timer ticks every countdown on the page.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { getQueue, getRoster, listHandovers, type Handover, type QueueItem, type Roster } from '../api/duty';
import { useApi, useSession } from '../app/context';
import { isLanguage, languageInfo, type Language } from '../i18n/languages';
import { useStreamEvents } from '../shell/routes';
import { HandoverForm } from './HandoverForm';
import { HandoverHistory } from './HandoverHistory';
import { QueueTable } from './QueueTable';
import { defaultDesk, mayHandOver, memberName } from './desk';
import { RosterPanel, ShiftLine } from './RosterPanel';
import { usePartyNames } from './parties';
import { affectsQueue, affectsRoster, latestSeq } from './queue';
import { useNow } from '../common/useNow';
import './duty.css';


type Load<T> = { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; messageKey: string };
/** A load of one desk's data: shown only while that desk is selected. */
type DeskLoad<T> = { unit: string | null; load: Load<T> };

const kLoading = { kind: 'loading' } as const;

function forDesk<T>(state: DeskLoad<T>, unit: string | null): Load<T> {
  return state.unit === unit ? state.load : kLoading;
}

export interface DutyPageProps {
  /** Clock, injectable for tests. */
  now?: () => number;
}


export function DutyPage({ now = Date.now }: DutyPageProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const session = useSession();
  const me = session.me;
  const events = useStreamEvents();
  const partyName = usePartyNames();
  const lng = i18n.resolvedLanguage;
  const lang: Language = isLanguage(lng) ? lng : 'en';
  const locale = languageInfo(lang).locale;
  const clock = useNow(now);

  const [roster, setRoster] = useState<Load<Roster>>({ kind: 'loading' });
  const [queueState, setQueue] = useState<DeskLoad<QueueItem[]>>({ unit: null, load: kLoading });
  const [historyState, setHistory] = useState<DeskLoad<Handover[]>>({ unit: null, load: kLoading });
  const [chosen, setChosen] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  // Reload keys: they change exactly when a relevant event arrives.
  const queueSeq = latestSeq(events, affectsQueue);
  const rosterSeq = latestSeq(events, affectsRoster);

  // Through a ref: a new session object must not reload the page's data.
  const expiredRef = useRef(session.expired);
  expiredRef.current = session.expired;
  const failed = useCallback((err: unknown): { kind: 'failed'; messageKey: string } | null => {
    if (err instanceof DOMException && err.name === 'AbortError') return null;
    if (isApiError(err) && err.status === 401) expiredRef.current();
    return { kind: 'failed', messageKey: isApiError(err) ? `errors.${err.code}` : 'errors.internal' };
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    getRoster(api, abort.signal)
      .then((value) => setRoster({ kind: 'ready', value }))
      .catch((err: unknown) => {
        const f = failed(err);
        if (f) setRoster(f);
      });
    return () => abort.abort();
  }, [api, failed, rosterSeq, reload]);

  const desks = roster.kind === 'ready' ? roster.value.desks : [];
  const unit = chosen ?? defaultDesk(desks, me);
  const desk = desks.find((d) => d.unit === unit) ?? null;
  // Without a visible desk the server's default (the user's own unit) applies.
  const rosterSettled = roster.kind !== 'loading';

  useEffect(() => {
    if (!rosterSettled) return;
    const abort = new AbortController();
    getQueue(api, unit ?? undefined, abort.signal)
      .then((page) => setQueue({ unit, load: { kind: 'ready', value: page.items } }))
      .catch((err: unknown) => {
        const f = failed(err);
        if (f) setQueue({ unit, load: f });
      });
    return () => abort.abort();
  }, [api, failed, unit, rosterSettled, queueSeq, reload]);

  useEffect(() => {
    if (!unit) return;
    const abort = new AbortController();
    listHandovers(api, unit, abort.signal)
      .then((page) => setHistory({ unit, load: { kind: 'ready', value: page.items } }))
      .catch((err: unknown) => {
        const f = failed(err);
        if (f) setHistory({ unit, load: f });
      });
    return () => abort.abort();
  }, [api, failed, unit, rosterSeq, reload]);

  const queue = forDesk(queueState, unit);
  const history = forDesk(historyState, unit);
  const refresh = () => setReload((n) => n + 1);
  const nameOf = (username: string) => memberName(desk, username);

  return (
    <div className="duty" data-testid="duty-page">
      <header className="page-header">
        <h1 className="page-title">{t('duty.title')}</h1>
        {roster.kind === 'ready' && <ShiftLine roster={roster.value} locale={locale} />}
        {desks.length > 1 && (
          <label className="duty__desk-pick">
            <span>{t('duty.desk_shown')}</span>
            <select value={unit ?? ''} data-testid="desk-pick" onChange={(e) => setChosen(e.target.value)}>
              {desks.map((d) => (
                <option key={d.unit} value={d.unit}>
                  {d.unit_name[lang]}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" className="button" onClick={refresh} data-testid="duty-refresh">
          {t('duty.refresh')}
        </button>
      </header>

      <div className="duty__grid">
        <div className="duty__main">
          {queue.kind === 'loading' && (
            <p className="duty-panel duty-panel__empty" role="status">{t('duty.loading')}</p>
          )}
          {queue.kind === 'failed' && (
            <div className="duty-panel duty-panel__error" role="alert" data-testid="queue-error">
              <p>{t('duty.queue.failed')}</p>
              <p>{t(queue.messageKey, { defaultValue: t('errors.internal') })}</p>
            </div>
          )}
          {queue.kind === 'ready' && (
            <QueueTable
              items={queue.value}
              now={clock}
              deskName={desk?.unit_name[lang] ?? me.unit_name}
              partyName={partyName}
            />
          )}
          {roster.kind === 'failed' && (
            <div className="duty-panel duty-panel__error" role="alert" data-testid="roster-error">
              <p>{t('duty.roster.failed')}</p>
              <p>{t(roster.messageKey, { defaultValue: t('errors.internal') })}</p>
            </div>
          )}
          {roster.kind === 'ready' && (
            <RosterPanel
              roster={roster.value}
              selected={unit}
              onSelect={setChosen}
              lang={lang}
              locale={locale}
              partyName={partyName}
            />
          )}
        </div>

        <div className="duty__side">
          {desk && mayHandOver(desk, me) && (
            <HandoverForm key={desk.unit} desk={desk} me={me} locale={locale} onHandedOver={refresh} />
          )}
          {unit && history.kind === 'ready' && (
            <HandoverHistory items={history.value} locale={locale} nameOf={nameOf} />
          )}
          {unit && history.kind === 'failed' && (
            <div className="duty-panel duty-panel__error" role="alert">
              <p>{t('duty.history.failed')}</p>
              <p>{t(history.messageKey, { defaultValue: t('errors.internal') })}</p>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

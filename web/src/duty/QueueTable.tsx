// The desk queue: one row per open item, earliest deadline first, with a
// countdown driven by the page's clock (`now`), the next step, precedence,
// parties, title and a link to the request. Overdue rows are marked in text
// and colour.
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../api/duty';
import { routeHash } from '../shell/routes';
import { deadlineView } from '../common/time';
import type { PartyNamer } from './parties';
import { overdueCount, queueRows } from './queue';

export interface QueueTableProps {
  items: readonly QueueItem[];
  /** ms since the epoch; the page ticks it once a second. */
  now: number;
  deskName: string;
  partyName: PartyNamer;
}

function Countdown({ dueAt, now }: { dueAt: string | null; now: number }) {
  const { t } = useTranslation();
  const view = deadlineView(dueAt, now);
  if (!view) return <span className="duty-queue__none">{t('duty.queue.no_deadline')}</span>;
  return (
    <time
      className="duty-queue__countdown"
      dateTime={dueAt ?? undefined}
      title={dueAt ?? undefined}
      data-testid="countdown"
    >
      {/* LRI…PDI keeps the h:mm:ss in order inside Arabic or Hebrew text. */}
      {view.overdue
        ? t('duty.queue.overdue_by', { time: `\u2066${view.text}\u2069` })
        : t('duty.queue.left', { time: `\u2066${view.text}\u2069` })}
    </time>
  );
}

export function QueueTable({ items, now, deskName, partyName }: QueueTableProps) {
  const { t } = useTranslation();
  const rows = queueRows(items, now);
  const late = overdueCount(rows);

  return (
    <section className="duty-panel duty-queue" aria-labelledby="duty-queue-title" data-testid="duty-queue">
      <header className="duty-panel__header">
        <h2 id="duty-queue-title" className="duty-panel__title">
          {t('duty.queue.title')}
        </h2>
        <span className="duty-queue__summary" data-testid="queue-summary">
          {t('duty.queue.summary', { count: String(rows.length), overdue: String(late) })}
        </span>
      </header>
      {rows.length === 0 ? (
        <p className="duty-panel__empty">{t('duty.queue.empty')}</p>
      ) : (
        <div className="duty-queue__scroll">
          <table className="duty-table">
            <caption className="visually-hidden">{t('duty.queue.caption', { desk: deskName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('duty.queue.due')}</th>
                <th scope="col">{t('duty.queue.stage')}</th>
                <th scope="col">{t('duty.queue.precedence')}</th>
                <th scope="col">{t('duty.queue.request')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ item, overdue }) => {
                const r = item.request;
                return (
                  <tr
                    key={r.id}
                    className={overdue ? 'duty-queue__row duty-queue__row--overdue' : 'duty-queue__row'}
                    data-testid="queue-row"
                    data-id={r.id}
                    data-overdue={overdue}
                  >
                    <td>
                      {overdue && <span className="duty-queue__flag">{t('duty.queue.overdue')}</span>}
                      <Countdown dueAt={item.due_at} now={now} />
                    </td>
                    <td>{t(`duty.stage.${item.stage}`, { defaultValue: item.stage })}</td>
                    <td>
                      <span className={`duty-precedence duty-precedence--${r.precedence.toLowerCase()}`}>
                        {t(`duty.precedence.${r.precedence}`, { defaultValue: r.precedence })}
                      </span>
                    </td>
                    <td>
                      <div className="duty-queue__request">
                        <a href={routeHash({ page: 'request', id: r.id })} className="duty-queue__id">
                          <bdi>{r.id}</bdi>
                        </a>
                        <bdi className="duty-queue__title">{r.title}</bdi>
                        <span className="duty-queue__parties">
                          {t('duty.queue.from_to', {
                            from: `\u2068${partyName(r.from_party)}\u2069`,
                            to: `\u2068${partyName(r.to_party)}\u2069`,
                          })}
                        </span>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

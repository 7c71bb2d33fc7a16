// The handover history of a desk, newest first: who handed over to whom,
// when, the note and the open items carried over.
import { useTranslation } from 'react-i18next';
import type { Handover } from '../api/duty';
import { routeHash } from '../shell/routes';
import { formatDateTime } from '../common/time';

const isolate = (s: string) => `\u2068${s}\u2069`;

export interface HandoverHistoryProps {
  items: readonly Handover[];
  locale: string;
  /** Display name of a user (the desk's members); the username when unknown. */
  nameOf(username: string): string;
}

export function HandoverHistory({ items, locale, nameOf }: HandoverHistoryProps) {
  const { t } = useTranslation();
  const sorted = [...items].sort((a, b) => b.seq - a.seq);
  return (
    <section className="duty-panel duty-history" aria-labelledby="duty-history-title" data-testid="handover-history">
      <header className="duty-panel__header">
        <h2 id="duty-history-title" className="duty-panel__title">{t('duty.history.title')}</h2>
      </header>
      {sorted.length === 0 ? (
        <p className="duty-panel__empty">{t('duty.history.empty')}</p>
      ) : (
        <ol className="duty-history__list">
          {sorted.map((h) => (
            <li key={h.seq} className="duty-history__item" data-seq={h.seq}>
              <div className="duty-history__head">
                <time dateTime={h.at} className="duty-time">{formatDateTime(h.at, locale)}</time>
                <span>
                  {h.from && h.from !== h.to
                    ? t('duty.roster.handover_line', { from: isolate(nameOf(h.from)), to: isolate(nameOf(h.to)) })
                    : t('duty.history.took', { name: isolate(nameOf(h.to)) })}
                </span>
              </div>
              {h.note && (
                <p className="duty-history__note" dir="auto">
                  {h.note}
                </p>
              )}
              {h.open_items.length > 0 && (
                <details className="duty-history__items">
                  <summary>{t('duty.history.items', { count: String(h.open_items.length) })}</summary>
                  <ul className="duty-items">
                    {h.open_items.map((item) => (
                      <li key={item.id}>
                        <a href={routeHash({ page: 'request', id: item.id })}>
                          <bdi>{item.id}</bdi>
                        </a>
                        {item.title && <bdi className="duty-items__title">{item.title}</bdi>}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

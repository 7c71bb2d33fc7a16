// The live event ticker: the latest events from the stream, newest first,
// with the connection state above them.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StreamState } from '../api/stream';
import type { StreamEvent } from '../api/types';
import { isLanguage, languageInfo } from '../i18n/languages';
import { formatCountdown } from '../common/countdown';
import { eventTypeKey, formatEventTime } from './events';
import './ticker.css';

const kTickMs = 1000;

export function ConnectionState({ state }: { state: StreamState }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(Date.now);
  const waiting = state.kind === 'waiting';
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(() => setNow(Date.now()), kTickMs);
    return () => window.clearInterval(timer);
  }, [waiting]);

  let text: string;
  let tone: 'ok' | 'warn' | 'bad';
  switch (state.kind) {
    case 'open':
      text = t('ticker.state.live');
      tone = 'ok';
      break;
    case 'connecting':
      text = t('ticker.state.connecting');
      tone = 'warn';
      break;
    case 'waiting':
      text = t('ticker.state.reconnecting', {
        remaining: formatCountdown((state.retryAt - now) / 1000),
      });
      tone = 'bad';
      break;
    case 'unauthenticated':
      text = t('ticker.state.unauthenticated');
      tone = 'bad';
      break;
    case 'stopped':
      text = t('ticker.state.stopped');
      tone = 'warn';
      break;
  }
  return (
    <span className={`connection connection--${tone}`} role="status" data-testid="stream-state" data-state={state.kind}>
      <span className="connection__dot" aria-hidden="true" />
      {text}
    </span>
  );
}

export function EventTicker({ events, state }: { events: readonly StreamEvent[]; state: StreamState }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage;
  const locale = isLanguage(lng) ? languageInfo(lng).locale : 'en-GB';

  return (
    <section className="ticker" aria-labelledby="ticker-title" data-testid="ticker">
      <header className="ticker__header">
        <h2 id="ticker-title" className="ticker__title">{t('ticker.title')}</h2>
        <ConnectionState state={state} />
      </header>
      {events.length === 0 ? (
        <p className="ticker__empty">{t('ticker.empty')}</p>
      ) : (
        <ol className="ticker__list" role="log" aria-live="polite" aria-relevant="additions">
          {events.map((e) => (
            <li key={e.seq} className="ticker__item" data-seq={e.seq}>
              <time className="ticker__time" dateTime={e.at} title={e.at}>
                {formatEventTime(e.at, locale)}
              </time>
              <span className="ticker__type">{t(eventTypeKey(e.type), { defaultValue: e.type })}</span>
              <span className="ticker__actor">
                <bdi>{e.actor}</bdi>
                {e.party && <span className="ticker__party"> · <bdi>{e.party}</bdi></span>}
              </span>
              {e.subject && (
                <span className="ticker__subject">
                  <bdi>{e.subject}</bdi>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

// Search of the messages the user may see (full text on the server: words,
// "phrases", prefix*), in all channels or one. The query lives in the
// address ("#/messages/search?q=…&channel=…") so Back and links work. Each
// result shows what the server returns: the matching passage (`snippet`),
// who sent it, when, and in which channel, with a link to the channel. The
// terms the server marks in the passage are highlighted.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kMaxQueryLength, listChannels, searchMessages, type Channel } from '../api/messaging';
import { useApi, useSession } from '../app/context';
import { usePagedList } from '../common/usePagedList';
import { ErrorMessage, LoadMore, useLanguage } from '../requests/common';
import { navigate, routeHash } from '../shell/routes';
import { FlashBadge, kMessagingErrorKeys, MessageTime, useChannelTitle } from './common';
import { snippetParts } from './model';
import '../requests/requests.css';
import './messaging.css';

export interface MessageSearchPageProps {
  q: string;
  /** A channel id to search in, or '' for all. */
  channel: string;
}

/** The channels the user is a member of, for the channel choice and the results' names. */
function useChannels(): Channel[] {
  const api = useApi();
  const { language } = useLanguage();
  const [channels, setChannels] = useState<Channel[]>([]);
  useEffect(() => {
    const abort = new AbortController();
    listChannels(api, language, abort.signal)
      .then((list) => setChannels(list.items))
      .catch(() => {
        // Results then name channels by id.
      });
    return () => abort.abort();
  }, [api, language]);
  return channels;
}

export function MessageSearchPage({ q, channel }: MessageSearchPageProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { language } = useLanguage();
  const ids = useId();
  const titleOf = useChannelTitle();
  const channels = useChannels();
  const [draft, setDraft] = useState(q);
  const [scope, setScope] = useState(channel);
  useEffect(() => setDraft(q), [q]);
  useEffect(() => setScope(channel), [channel]);
  const query = q.trim();
  const results = usePagedList(
    (limit, cursor, signal) =>
      query
        ? searchMessages(api, { q: query, channel: channel || undefined, limit, cursor }, language, signal)
        : Promise.resolve({ items: [], next: null }),
    `${query}|${channel}|${language}`,
    0,
  );
  const nameOf = (id: string) => {
    const c = channels.find((x) => x.id === id);
    return c ? titleOf(c, me.username) : id;
  };

  return (
    <div className="req-page" data-testid="message-search-page">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('messaging.search.title')}</h1>
        <a className="button req-page__new" href={routeHash({ page: 'messages' })}>
          {t('messaging.chat.back')}
        </a>
      </div>
      <form
        className="req-filters"
        role="search"
        data-testid="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          navigate({ page: 'message_search', q: draft.trim(), channel: scope });
        }}
      >
        <div className="field req-filters__q">
          <label htmlFor={`${ids}-q`}>{t('messaging.search.query')}</label>
          <input
            id={`${ids}-q`}
            type="search"
            dir="auto"
            maxLength={kMaxQueryLength}
            value={draft}
            data-testid="search-q"
            aria-describedby={`${ids}-hint`}
            onChange={(e) => setDraft(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-channel`}>{t('messaging.search.channel')}</label>
          <select id={`${ids}-channel`} value={scope} data-testid="search-channel-select" onChange={(e) => setScope(e.target.value)}>
            <option value="">{t('messaging.search.all_channels')}</option>
            {channel && !channels.some((c) => c.id === channel) && <option value={channel}>{channel}</option>}
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {titleOf(c, me.username)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--primary" data-testid="search-submit">
          {t('messaging.search.submit')}
        </button>
      </form>
      <p className="req-hint" id={`${ids}-hint`}>
        {t('messaging.search.hint')}
      </p>

      {query && (
        <>
          <ErrorMessage error={results.error} testId="search-error" keys={kMessagingErrorKeys} />
          {results.loading ? (
            <p className="req-muted" role="status">
              {t('app.loading')}
            </p>
          ) : results.items.length === 0 ? (
            <p className="req-muted" data-testid="search-empty">
              {t('messaging.search.none')}
            </p>
          ) : (
            <ol className="msg-results" data-testid="search-results">
              {results.items.map((hit) => (
                <li key={hit.id} className="msg-result" data-testid="search-hit" data-id={hit.id} data-channel={hit.channel_id}>
                  <div className="msg__meta">
                    <a href={routeHash({ page: 'channel', id: hit.channel_id })} data-testid="hit-channel" dir="auto">
                      {nameOf(hit.channel_id)}
                    </a>
                    <bdi className="msg__sender" title={hit.sender}>
                      {hit.sender_name || hit.sender}
                    </bdi>
                    <MessageTime at={hit.sent_at} />
                    {hit.priority === 'flash' && <FlashBadge />}
                  </div>
                  <p className="msg__body" dir="auto" data-testid="hit-snippet">
                    {hit.snippet
                      ? snippetParts(hit.snippet).map((part, i) =>
                          part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
                        )
                      : hit.rendered}
                  </p>
                </li>
              ))}
            </ol>
          )}
          {!results.loading && <LoadMore list={results} />}
        </>
      )}
    </div>
  );
}

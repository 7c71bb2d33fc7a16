// Messages: the channels the user is a member of (crisis rooms, district
// desks, the coordinator's channel, direct conversations), most recent
// activity first, each with its unread count and a mark while FLASH
// messages wait for the user's acknowledgement; a way to start a direct
// conversation; and the search. Read again live when a message or incident
// event arrives on the shell's stream.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { directChannelId, listChannels, type Channel } from '../api/messaging';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { usePagedList } from '../common/usePagedList';
import { PagedTable, useLanguage, useParties } from '../requests/common';
import { partyName } from '../requests/format';
import { navigate, routeHash, useStreamEvents } from '../shell/routes';
import { FlashBadge, KindBadge, kMessagingErrorKeys, MessageTime, useChannelTitle } from './common';
import { canWriteMessages, checkDirectUser } from './model';
import '../requests/requests.css';
import './messaging.css';

/** The stream events that change the list: messages, and incidents (crisis rooms come and go). */
export const kChannelListEvents = ['message.', 'incident.'];

/** Opens the direct conversation with a user named by hand. */
function DirectForm() {
  const { t } = useTranslation();
  const { me } = useSession();
  const id = useId();
  const [username, setUsername] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="msg-direct"
      data-testid="direct-form"
      onSubmit={(e) => {
        e.preventDefault();
        const checked = checkDirectUser(username, me.username);
        if ('error' in checked) {
          setError(checked.error);
          return;
        }
        navigate({ page: 'channel', id: directChannelId(me.username, checked.username) });
      }}
    >
      <div className="field msg-direct__field">
        <label htmlFor={`${id}-user`}>{t('messaging.direct.username')}</label>
        <input
          id={`${id}-user`}
          dir="ltr"
          autoComplete="off"
          spellCheck={false}
          value={username}
          data-testid="direct-username"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setUsername(e.target.value);
            setError(null);
          }}
        />
        <p className="req-hint" id={`${id}-hint`}>
          {t('messaging.direct.hint')}
        </p>
        {error && (
          <p className="msg-field__error" data-testid="direct-error">
            {t(`messaging.direct.error_${error}`)}
          </p>
        )}
      </div>
      <button type="submit" className="button" data-testid="direct-open">
        {t('messaging.direct.open')}
      </button>
    </form>
  );
}

function UnreadCell({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  return (
    <>
      {channel.unread > 0 ? (
        <span
          className="msg-unread"
          data-testid="channel-unread"
          data-count={channel.unread}
          title={t('messaging.list.unread_count', { n: channel.unread })}
        >
          {channel.unread}
        </span>
      ) : (
        <span className="msg-muted" data-testid="channel-unread" data-count={0}>
          —
        </span>
      )}
      {channel.unacknowledged_flash > 0 && (
        <span title={t('messaging.list.flash_count', { n: channel.unacknowledged_flash })} data-count={channel.unacknowledged_flash}>
          {' '}
          <FlashBadge testId="channel-flash" />
        </span>
      )}
    </>
  );
}

export function MessagesPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { language } = useLanguage();
  const directory = useParties();
  const titleOf = useChannelTitle();
  const changed = latestEventSeq(useStreamEvents(), kChannelListEvents);
  const list = usePagedList((_limit, _cursor, signal) => listChannels(api, language, signal), language, changed);

  return (
    <div className="req-page" data-testid="messages-page">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('messaging.list.title')}</h1>
        <a className="button req-page__new" href={routeHash({ page: 'message_search', q: '', channel: '' })} data-testid="open-search">
          {t('messaging.search.open')}
        </a>
      </div>
      <p className="req-hint">{t('messaging.list.intro')}</p>
      {canWriteMessages(me) && <DirectForm />}

      <PagedTable
        list={list}
        testId="channel-list"
        empty={t('messaging.list.empty')}
        errorKeys={kMessagingErrorKeys}
        head={
          <>
            <th scope="col">{t('messaging.list.channel')}</th>
            <th scope="col">{t('messaging.list.kind')}</th>
            <th scope="col">{t('messaging.list.members')}</th>
            <th scope="col">{t('messaging.list.unread')}</th>
            <th scope="col">{t('messaging.list.last')}</th>
          </>
        }
        row={(c) => (
          <tr
            key={c.id}
            data-testid="channel-row"
            data-id={c.id}
            data-kind={c.kind}
            data-unread={c.unread}
            className={c.unacknowledged_flash > 0 ? 'msg-row--flash' : c.unread > 0 ? 'msg-row--unread' : undefined}
          >
            <td>
              <a href={routeHash({ page: 'channel', id: c.id })} data-testid="channel-link" dir="auto">
                {titleOf(c, me.username)}
              </a>
            </td>
            <td>
              <KindBadge kind={c.kind} />
            </td>
            <td className="msg-muted">
              {c.kind === 'direct' && c.participants
                ? c.participants.map((u, i) => (
                    <span key={u}>
                      {i > 0 && ', '}
                      <bdi>{u}</bdi>
                    </span>
                  ))
                : c.parties.map((p, i) => (
                    <span key={p}>
                      {i > 0 && ' · '}
                      <bdi>{partyName(p, directory, language)}</bdi>
                    </span>
                  ))}
            </td>
            <td>
              <UnreadCell channel={c} />
            </td>
            <td>{c.last_at ? <MessageTime at={c.last_at} /> : <span className="msg-muted">—</span>}</td>
          </tr>
        )}
      />
    </div>
  );
}

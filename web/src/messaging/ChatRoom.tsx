// A channel as a chat, for the channel page and beside an incident (its
// crisis room): the history, newest at the bottom, with older messages on
// demand; new messages arriving live from the shell's stream; the composer
// for those who may post; and the read position moved as messages are
// seen. Messages show `rendered`, the text in the reader's language: a
// change of the console's language reads them again in it.
//
// Stable API: other screens embed <ChatRoom channelId="incident:INC-…" />.
// It needs the providers every page has (API client, session, i18n and the
// shell's stream events) and nothing else.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { directParticipants, getChannel, type Message } from '../api/messaging';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { useRecord } from '../common/useRecord';
import { ErrorMessage, useLanguage, useParties } from '../requests/common';
import { partyName } from '../requests/format';
import { useStreamEvents } from '../shell/routes';
import { KindBadge, kMessagingErrorKeys, useChannelTitle } from './common';
import { Composer } from './Composer';
import { MessageItem } from './MessageItem';
import { canWriteMessages, channelSubject } from './model';
import { useChatHistory } from './useChatHistory';
import { useReadPosition } from './useReadPosition';
import './messaging.css';

export interface ChatRoomProps {
  /** The channel's id: "incident:<id>", "desk:<P-code>", "coordinator" or "dm:<a>:<b>". */
  channelId: string;
}

/** How close to the bottom (px) the log counts as following the newest message. */
const kBottomSlackPx = 48;

export function ChatRoom({ channelId }: ChatRoomProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { language } = useLanguage();
  const directory = useParties();
  const titleOf = useChannelTitle();
  const events = useStreamEvents();
  const subject = channelSubject(channelId);
  const posted = latestEventSeq(events, ['message.posted'], subject);
  const changed = latestEventSeq(events, ['message.edited', 'message.acknowledged'], subject);
  const history = useChatHistory(channelId, language, posted, changed);
  const { record, loadError, reload: reloadChannel } = useRecord(
    (signal) => getChannel(api, channelId, language, signal),
    `${channelId}|${language}`,
    0,
  );
  const channel = record?.id === channelId ? record : null;
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [readAtOpen, setReadAtOpen] = useState<{ channelId: string; seq: number } | null>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const keepOffset = useRef<{ height: number; top: number } | null>(null);

  const pair = directParticipants(channelId);
  const notFound = isApiError(loadError) && loadError.status === 404 && !channel;
  // A direct conversation exists once its first message is sent: until
  // then, its own two users see an empty room they can write in.
  const newDirect = notFound && pair !== null && pair.includes(me.username);
  const canPost = canWriteMessages(me) && (channel !== null || newDirect);

  useEffect(() => {
    if (channel && readAtOpen?.channelId !== channelId) setReadAtOpen({ channelId, seq: channel.read_seq });
  }, [channel, channelId, readAtOpen]);
  useEffect(() => {
    setReplyTo(null);
  }, [channelId]);

  // Measured once the messages are drawn (not while "loading" shows).
  const onScroll = useReadPosition(
    channelId,
    channel?.read_seq ?? null,
    logRef,
    history.loading ? null : history.messages,
  );

  useLayoutEffect(() => {
    const log = logRef.current;
    if (!log) return;
    if (keepOffset.current) {
      log.scrollTop = log.scrollHeight - keepOffset.current.height + keepOffset.current.top;
      keepOffset.current = null;
    } else if (atBottom.current) {
      log.scrollTop = log.scrollHeight;
    }
  }, [history.messages]);

  const byId = new Map(history.messages.map((m) => [m.id, m]));
  const firstUnread =
    readAtOpen?.channelId === channelId
      ? history.messages.find((m) => m.seq > readAtOpen.seq && m.sender !== me.username)?.id
      : undefined;
  const title = channel
    ? titleOf(channel, me.username)
    : pair
      ? t('messaging.channel.direct_with', { user: pair.find((u) => u !== me.username) ?? pair[0] })
      : channelId;
  const nowMs = Date.now();
  // A room not yet started has no history to fail on.
  const historyError = newDirect ? null : history.error;

  return (
    <section className="msg-room" data-testid="chat-room" data-channel={channelId} aria-label={title}>
      <header className="msg-room__head">
        <h2 className="msg-room__title" dir="auto" data-testid="chat-title">
          {title}
        </h2>
        {channel && <KindBadge kind={channel.kind} />}
        {channel && channel.parties.length > 0 && (
          <span className="msg-muted" data-testid="chat-parties">
            {channel.parties.map((p, i) => (
              <span key={p}>
                {i > 0 && ' · '}
                <bdi>{partyName(p, directory, language)}</bdi>
              </span>
            ))}
          </span>
        )}
      </header>

      {notFound && !newDirect ? (
        <ErrorMessage error={loadError} testId="chat-error" keys={kMessagingErrorKeys} />
      ) : (
        <>
          <div
            className="msg-log"
            ref={logRef}
            role="log"
            aria-live="polite"
            aria-label={t('messaging.chat.history')}
            data-testid="message-log"
            onScroll={() => {
              const log = logRef.current;
              if (log) atBottom.current = log.scrollHeight - log.scrollTop - log.clientHeight < kBottomSlackPx;
              onScroll();
            }}
          >
            {history.hasOlder && (
              <button
                type="button"
                className="button msg-older"
                data-testid="load-older"
                disabled={history.loadingOlder}
                onClick={() => {
                  const log = logRef.current;
                  if (log) keepOffset.current = { height: log.scrollHeight, top: log.scrollTop };
                  void history.loadOlder();
                }}
              >
                {history.loadingOlder ? t('app.loading') : t('messaging.chat.older')}
              </button>
            )}
            <ErrorMessage error={historyError} testId="history-error" keys={kMessagingErrorKeys} />
            {history.loading && !newDirect ? (
              <p className="msg-muted" role="status">
                {t('app.loading')}
              </p>
            ) : history.messages.length === 0 ? (
              <p className="msg-muted msg-empty" data-testid="chat-empty">
                {newDirect ? t('messaging.chat.new_direct') : t('messaging.chat.empty')}
              </p>
            ) : (
              <ol className="msg-list" data-testid="message-list">
                {history.messages.map((m) => (
                  <MessageRow key={m.id} unreadFrom={m.id === firstUnread}>
                    <MessageItem
                      message={m}
                      me={me}
                      parties={channel?.parties ?? []}
                      directory={directory}
                      replyTarget={m.reply_to ? (byId.get(m.reply_to) ?? null) : null}
                      onChanged={history.put}
                      onReply={canPost ? setReplyTo : undefined}
                      nowMs={nowMs}
                    />
                  </MessageRow>
                ))}
              </ol>
            )}
          </div>
          {canPost && (
            <Composer
              channelId={channelId}
              replyTo={replyTo}
              onCancelReply={() => setReplyTo(null)}
              onSent={(m) => {
                atBottom.current = true;
                setReplyTo(null);
                history.put(m);
                if (newDirect) {
                  reloadChannel();
                  history.reload();
                }
              }}
            />
          )}
          {!canWriteMessages(me) && <p className="msg-hint">{t('messaging.chat.read_only')}</p>}
        </>
      )}
    </section>
  );
}

/** A message, after the "new messages" line when it is the first unread one. */
function MessageRow({ unreadFrom, children }: { unreadFrom: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      {unreadFrom && (
        <li className="msg-unread-line" data-testid="unread-line" role="separator">
          <span>{t('messaging.chat.new_messages')}</span>
        </li>
      )}
      {children}
    </>
  );
}

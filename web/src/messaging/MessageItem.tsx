// One message of a chat: who sent it and when, the text as this reader
// reads it (`rendered`, always with dir="auto"), the message it answers,
// and by priority and ownership: a FLASH message's acknowledgement (the
// button for a member who owes it, who has acknowledged and who has not
// for the sender), the "edited" mark with the earlier texts, and the edit
// form of one's own free text.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acknowledgeMessage, editMessage, kMaxTextLength, type Message } from '../api/messaging';
import type { Party } from '../api/requests';
import type { Me } from '../api/types';
import { useApi } from '../app/context';
import { useCall } from '../common/useCall';
import { ErrorMessage, isolate, useLanguage } from '../requests/common';
import { partyName } from '../requests/format';
import { FlashBadge, kMessagingErrorKeys, MessageTime } from './common';
import { canAcknowledge, canEdit, pendingParties } from './model';

export interface MessageItemProps {
  message: Message;
  me: Me;
  /** The channel's member parties (whose acknowledgement a FLASH needs). */
  parties: readonly string[];
  /** The parties directory, for names. */
  directory: readonly Party[];
  /** The message this one answers, when it is loaded. */
  replyTarget: Message | null;
  /** Puts the server's copy of the message in place after an action. */
  onChanged(message: Message): void;
  /** Starts a reply to this message; absent for a reader who may not post. */
  onReply?: ((message: Message) => void) | undefined;
  nowMs: number;
}

function EditForm({ message, onDone, onCancel }: { message: Message; onDone(m: Message): void; onCancel(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { language } = useLanguage();
  const id = useId();
  const [text, setText] = useState(message.text ?? '');
  const call = useCall<Message>(onDone);
  const trimmed = text.trim();
  const unchanged = trimmed === (message.text ?? '').trim();
  return (
    <form
      className="msg-edit"
      data-testid="edit-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!trimmed || unchanged) return;
        void call.run(() => editMessage(api, message.id, trimmed, language));
      }}
    >
      <label className="visually-hidden" htmlFor={`${id}-text`}>
        {t('messaging.edit.label')}
      </label>
      <textarea
        id={`${id}-text`}
        dir="auto"
        rows={2}
        maxLength={kMaxTextLength}
        value={text}
        data-testid="edit-text"
        onChange={(e) => setText(e.target.value)}
      />
      <div className="msg-actions">
        <button type="submit" className="button button--primary" data-testid="edit-save" disabled={call.pending || !trimmed || unchanged}>
          {t('messaging.edit.save')}
        </button>
        <button type="button" className="button" data-testid="edit-cancel" onClick={onCancel}>
          {t('messaging.edit.cancel')}
        </button>
      </div>
      <ErrorMessage error={call.error} testId="edit-error" keys={kMessagingErrorKeys} />
    </form>
  );
}

/** Who has acknowledged a FLASH message and which parties have not, for its sender. */
function Acknowledgements({
  message,
  parties,
  directory,
}: {
  message: Message;
  parties: readonly string[];
  directory: readonly Party[];
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const pending = pendingParties(message, parties);
  return (
    <div className="msg-acks" data-testid="acknowledgements" data-count={message.acknowledgements.length}>
      {message.acknowledgements.length === 0 ? (
        <p className="msg-muted">{t('messaging.flash.none_yet')}</p>
      ) : (
        <ul className="msg-acks__list">
          {message.acknowledgements.map((a) => (
            <li key={a.username} data-testid="acknowledgement" data-username={a.username} data-party={a.party}>
              {t('messaging.flash.acknowledged_by', {
                user: isolate(a.username),
                party: isolate(partyName(a.party, directory, language)),
              })}{' '}
              <MessageTime at={a.at} />
            </li>
          ))}
        </ul>
      )}
      {pending.length > 0 && (
        <p className="msg-acks__pending" data-testid="acks-pending">
          {t('messaging.flash.awaiting', {
            parties: pending.map((p) => isolate(partyName(p, directory, language))).join(', '),
          })}
        </p>
      )}
    </div>
  );
}

export function MessageItem({ message, me, parties, directory, replyTarget, onChanged, onReply, nowMs }: MessageItemProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { language } = useLanguage();
  const [editing, setEditing] = useState(false);
  const [showEdits, setShowEdits] = useState(false);
  const ack = useCall<Message>(onChanged);
  const mine = message.sender === me.username;
  const flash = message.priority === 'flash';
  const owesAck = canAcknowledge(message, me);
  const classes = ['msg', mine ? 'msg--mine' : 'msg--theirs'];
  if (flash) classes.push('msg--flash');
  if (owesAck) classes.push('msg--unacknowledged');

  return (
    <li
      className={classes.join(' ')}
      data-testid="message"
      data-id={message.id}
      data-seq={message.seq}
      data-priority={message.priority}
      data-kind={message.phrase ? 'phrase' : 'text'}
      data-mine={mine}
    >
      <div className="msg__meta">
        <bdi className="msg__sender" title={message.sender} data-testid="message-sender">
          {message.sender_name || message.sender}
        </bdi>
        <span className="msg-muted">
          <bdi>{partyName(message.sender_party, directory, language)}</bdi>
        </span>
        <MessageTime at={message.sent_at} nowMs={nowMs} />
        {flash && <FlashBadge />}
        {message.phrase && (
          <span className="msg-phrase-tag" title={message.phrase} data-testid="phrase-tag">
            {t('messaging.message.phrase')}
          </span>
        )}
        {message.edited && (
          <button
            type="button"
            className="msg-link"
            data-testid="edited"
            aria-expanded={showEdits}
            onClick={() => setShowEdits((v) => !v)}
          >
            {t('messaging.message.edited')}
          </button>
        )}
      </div>

      {message.reply_to && (
        <p className="msg-reply-to" data-testid="reply-to" data-reply-to={message.reply_to}>
          {replyTarget ? (
            <>
              {t('messaging.message.in_reply_to', { sender: replyTarget.sender_name || replyTarget.sender })}{' '}
              <span dir="auto" className="msg-reply-to__text">{replyTarget.rendered}</span>
            </>
          ) : (
            t('messaging.message.in_reply_to_earlier')
          )}
        </p>
      )}

      {editing ? (
        <EditForm
          message={message}
          onCancel={() => setEditing(false)}
          onDone={(m) => {
            setEditing(false);
            onChanged(m);
          }}
        />
      ) : (
        <p className="msg__body" dir="auto" lang={message.rendered_lang ?? undefined} data-testid="message-text">
          {message.rendered}
        </p>
      )}

      {showEdits && message.edits.length > 0 && (
        <ol className="msg-edits" data-testid="edit-history" aria-label={t('messaging.message.history')}>
          {message.edits.map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <MessageTime at={e.at} nowMs={nowMs} /> <span dir="auto">{e.text}</span>
            </li>
          ))}
        </ol>
      )}

      {flash && mine && <Acknowledgements message={message} parties={parties} directory={directory} />}
      {flash && !mine && message.acknowledged_by_me && (
        <p className="msg-muted" data-testid="acknowledged-by-me">
          {t('messaging.flash.you_acknowledged')}
        </p>
      )}

      <div className="msg-actions">
        {owesAck && (
          <button
            type="button"
            className="button button--primary"
            data-testid="acknowledge"
            disabled={ack.pending}
            onClick={() => void ack.run(() => acknowledgeMessage(api, message.id, language))}
          >
            {t('messaging.flash.acknowledge')}
          </button>
        )}
        {onReply && !editing && (
          <button type="button" className="msg-link" data-testid="reply" onClick={() => onReply(message)}>
            {t('messaging.message.reply')}
          </button>
        )}
        {canEdit(message, me) && !editing && (
          <button type="button" className="msg-link" data-testid="edit" onClick={() => setEditing(true)}>
            {t('messaging.edit.action')}
          </button>
        )}
      </div>
      <ErrorMessage error={ack.error} testId="acknowledge-error" keys={kMessagingErrorKeys} />
    </li>
  );
}

// The composer of a chat: free text (any language, dir="auto"; Enter sends,
// Shift+Enter starts a new line) or a phrase of the phrasebook with its
// parameters, a priority (routine or FLASH), and the message it answers.
// Local checks come first; the server's objection to a field is shown on
// it (a phrase parameter by its pointer, "/params/<name>").
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import {
  getPhrasebook,
  kMaxTextLength,
  kPriorities,
  postMessage,
  type Message,
  type MessagePost,
  type Phrasebook,
  type Priority,
} from '../api/messaging';
import { useApi } from '../app/context';
import { useCall } from '../common/useCall';
import { ErrorMessage, useLanguage } from '../requests/common';
import { kMessagingErrorKeys } from './common';
import { paramOfPointer, parsePhraseParams, type ParamError } from './model';
import { PhrasePicker } from './PhrasePicker';

type Mode = 'text' | 'phrase';

/** The phrasebook, read once for the composer; null until loaded, and on failure. */
function usePhrasebook(): { book: Phrasebook | null; failed: boolean } {
  const api = useApi();
  const [book, setBook] = useState<Phrasebook | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    getPhrasebook(api, abort.signal)
      .then(setBook)
      .catch(() => {
        if (!abort.signal.aborted) setFailed(true);
      });
    return () => abort.abort();
  }, [api]);
  return { book, failed };
}

export interface ComposerProps {
  channelId: string;
  /** The message being answered, or null. */
  replyTo: Message | null;
  onCancelReply(): void;
  /** The message as the server stored it. */
  onSent(message: Message): void;
}

export function Composer({ channelId, replyTo, onCancelReply, onSent }: ComposerProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { language } = useLanguage();
  const ids = useId();
  const { book, failed } = usePhrasebook();
  const [mode, setMode] = useState<Mode>('text');
  const [text, setText] = useState('');
  const [textError, setTextError] = useState(false);
  const [priority, setPriority] = useState<Priority>('routine');
  const [phraseKey, setPhraseKey] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [paramErrors, setParamErrors] = useState<Record<string, ParamError>>({});

  const call = useCall<Message>((message) => {
    setText('');
    setValues({});
    setPhraseKey('');
    setPriority('routine');
    onSent(message);
  });
  const problemField = isApiError(call.error) ? call.error.problem.field : undefined;
  const serverParam = paramOfPointer(problemField);
  const serverError =
    serverParam && isApiError(call.error) ? { param: serverParam, detail: call.error.problem.detail } : null;

  const send = () => {
    const common: Pick<MessagePost, 'priority' | 'reply_to'> = { priority };
    if (replyTo) common.reply_to = replyTo.id;
    if (mode === 'text') {
      const body = text.trim();
      setTextError(!body);
      if (!body) return;
      void call.run(() => postMessage(api, channelId, { ...common, text: body }, language));
      return;
    }
    const phrase = book?.items.find((p) => p.key === phraseKey);
    if (!phrase) {
      setParamErrors({ _phrase: 'choose' });
      return;
    }
    const { params, errors } = parsePhraseParams(phrase, values);
    setParamErrors(errors);
    if (Object.keys(errors).length > 0) return;
    void call.run(() => postMessage(api, channelId, { ...common, phrase: phrase.key, params }, language));
  };

  return (
    <form
      className="msg-composer"
      data-testid="composer"
      data-mode={mode}
      aria-label={t('messaging.composer.label')}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {replyTo && (
        <p className="msg-composer__reply" data-testid="replying-to">
          {t('messaging.composer.replying_to', { sender: replyTo.sender_name || replyTo.sender })}{' '}
          <span dir="auto" className="msg-reply-to__text">{replyTo.rendered}</span>{' '}
          <button type="button" className="msg-link" data-testid="cancel-reply" onClick={onCancelReply}>
            {t('messaging.composer.cancel_reply')}
          </button>
        </p>
      )}

      <div className="msg-composer__modes" role="group" aria-label={t('messaging.composer.mode')}>
        {(['text', 'phrase'] as const).map((m) => (
          <button
            key={m}
            type="button"
            className="msg-toggle"
            aria-pressed={mode === m}
            data-testid={`composer-mode-${m}`}
            disabled={m === 'phrase' && !book}
            title={m === 'phrase' && failed ? t('messaging.composer.phrasebook_unavailable') : undefined}
            onClick={() => {
              setMode(m);
              call.clear();
            }}
          >
            {t(`messaging.composer.mode_${m}`)}
          </button>
        ))}
      </div>

      {mode === 'text' ? (
        <div className="msg-field">
          <label className="visually-hidden" htmlFor={`${ids}-text`}>
            {t('messaging.composer.text')}
          </label>
          <textarea
            id={`${ids}-text`}
            dir="auto"
            rows={2}
            maxLength={kMaxTextLength}
            placeholder={t('messaging.composer.placeholder')}
            value={text}
            data-testid="composer-text"
            aria-invalid={textError || problemField === '/text' ? true : undefined}
            onChange={(e) => {
              setText(e.target.value);
              if (textError) setTextError(false);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
          />
          {textError && (
            <p className="msg-field__error" data-testid="error-text">
              {t('messaging.composer.text_required')}
            </p>
          )}
        </div>
      ) : (
        book && (
          <PhrasePicker
            book={book}
            phraseKey={phraseKey}
            values={values}
            errors={paramErrors}
            serverError={serverError}
            onPhrase={(key) => {
              setPhraseKey(key);
              setValues({});
              setParamErrors({});
              call.clear();
            }}
            onValue={(name, value) => {
              setValues((v) => ({ ...v, [name]: value }));
              setParamErrors((e) => {
                const next = { ...e };
                delete next[name];
                return next;
              });
            }}
          />
        )
      )}

      <div className="msg-composer__foot">
        <fieldset className="msg-priority" data-testid="priority">
          <legend className="visually-hidden">{t('messaging.composer.priority')}</legend>
          {kPriorities.map((p) => (
            <label key={p} className={`msg-priority__option msg-priority__option--${p}`}>
              <input
                type="radio"
                name={`${ids}-priority`}
                value={p}
                checked={priority === p}
                data-testid={`priority-${p}`}
                onChange={() => setPriority(p)}
              />
              {t(`messaging.priority.${p}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button--primary" data-testid="composer-send" disabled={call.pending}>
          {priority === 'flash' ? t('messaging.composer.send_flash') : t('messaging.composer.send')}
        </button>
      </div>
      {!serverError && <ErrorMessage error={call.error} testId="composer-error" keys={kMessagingErrorKeys} />}
    </form>
  );
}

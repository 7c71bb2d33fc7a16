// The handover form: the outgoing officer picks who takes the desk (a member
// with the duty role, or themselves to take an empty desk) and writes the
// note; POST /api/v1/duty/handover. On success it shows the open items the
// handover carried over; on failure the server's problem on its field.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dutyMembers, handOver, type Desk, type Handover } from '../api/duty';
import type { Me } from '../api/types';
import { useApi } from '../app/context';
import { routeHash } from '../shell/routes';
import { formatDateTime } from '../common/time';
import { memberName } from './desk';
import { handoverFailure, type HandoverFailure } from './handover';

export interface HandoverFormProps {
  desk: Desk;
  me: Me;
  locale: string;
  /** Called after a successful handover (the page reloads roster and history). */
  onHandedOver(handover: Handover): void;
}

/**
 * The server takes at most 16,000 bytes of note; 4,000 characters fit even
 * when every one takes four bytes in UTF-8.
 */
export const kMaxNoteLength = 4000;

const isolate = (s: string) => `\u2068${s}\u2069`;

export function HandoverForm({ desk, me, locale, onHandedOver }: HandoverFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const ids = useId();
  const [note, setNote] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<HandoverFailure | null>(null);
  const [done, setDone] = useState<Handover | null>(null);

  // The officer on duty hands over to another duty member; anyone else may
  // only take the desk (empty, or from an absent officer) by handing over to
  // themselves. Handing over to the officer already on duty is refused.
  const onDuty = desk.on_duty === me.username;
  const self = { username: me.username, display_name: me.display_name || me.username, roles: null };
  const options = onDuty
    ? dutyMembers(desk).filter((m) => m.username !== me.username)
    : [dutyMembers(desk).find((m) => m.username === me.username) ?? self];
  const [picked, setPicked] = useState('');
  // The pick, while still on offer (the roster may change under the form);
  // a single option is preselected.
  const to = options.some((m) => m.username === picked)
    ? picked
    : options.length === 1
      ? (options[0]?.username ?? '')
      : '';

  // The officer on duty with no other duty member to hand over to.
  const nobodyToTake = options.length === 0;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (pending || nobodyToTake) return;
    setDone(null);
    if (!to) {
      setFailure({ field: 'to', messageKey: 'duty.handover.to_required', detail: '', requestId: null });
      return;
    }
    if (!note.trim()) {
      setFailure({ field: 'note', messageKey: 'duty.handover.note_required', detail: '', requestId: null });
      return;
    }
    setPending(true);
    setFailure(null);
    try {
      const reply = await handOver(api, { unit: desk.unit, to, note });
      setDone(reply);
      setNote('');
      onHandedOver(reply);
    } catch (err) {
      setFailure(handoverFailure(err));
    } finally {
      setPending(false);
    }
  }

  const errorId = `${ids}-error`;
  const message = failure && (
    <span className="duty-form__error" id={errorId} role="alert" data-testid="handover-error">
      {t(failure.messageKey, { defaultValue: t('errors.internal') })}
      {failure.detail && <bdi className="duty-form__detail">{failure.detail}</bdi>}
      {failure.requestId && (
        <span className="duty-form__reference">{t('errors.reference', { id: failure.requestId })}</span>
      )}
    </span>
  );
  const nameOf = (username: string) => (username === me.username ? self.display_name : memberName(desk, username));

  return (
    <section className="duty-panel duty-handover" aria-labelledby={`${ids}-title`} data-testid="handover">
      <header className="duty-panel__header">
        <h2 id={`${ids}-title`} className="duty-panel__title">
          {onDuty ? t('duty.handover.title') : t('duty.handover.title_take')}
        </h2>
      </header>
      <form className="duty-form" onSubmit={(e) => void submit(e)} noValidate aria-busy={pending}>
        <div className="field">
          <label htmlFor={`${ids}-to`}>{t('duty.handover.to')}</label>
          <select
            id={`${ids}-to`}
            name="to"
            data-testid="handover-to"
            value={to}
            aria-invalid={failure?.field === 'to' || undefined}
            aria-describedby={failure?.field === 'to' ? errorId : undefined}
            onChange={(e) => setPicked(e.target.value)}
          >
            <option value="">{t('duty.handover.choose')}</option>
            {options.map((m) => (
              <option key={m.username} value={m.username}>
                {m.username === me.username
                  ? t('duty.handover.yourself', { name: isolate(m.display_name) })
                  : m.display_name}
              </option>
            ))}
          </select>
          {nobodyToTake && (
            <span className="duty-form__hint" data-testid="handover-nobody">
              {t('duty.handover.nobody_else')}
            </span>
          )}
          {failure?.field === 'to' && message}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-note`}>{t('duty.handover.note')}</label>
          <textarea
            id={`${ids}-note`}
            name="note"
            data-testid="handover-note"
            dir="auto"
            rows={5}
            maxLength={kMaxNoteLength}
            value={note}
            aria-invalid={failure?.field === 'note' || undefined}
            aria-describedby={[`${ids}-note-hint`, failure?.field === 'note' ? errorId : ''].filter(Boolean).join(' ')}
            onChange={(e) => setNote(e.target.value)}
          />
          <span className="duty-form__hint" id={`${ids}-note-hint`}>{t('duty.handover.note_hint')}</span>
          {failure?.field === 'note' && message}
        </div>
        {failure && failure.field === null && message}
        <div className="duty-form__actions">
          <button
            type="submit"
            className="button button--primary"
            data-testid="handover-submit"
            disabled={pending || nobodyToTake}
          >
            {pending ? t('duty.handover.sending') : t('duty.handover.submit')}
          </button>
        </div>
      </form>

      {done && (
        <div className="duty-handover__done" role="status" data-testid="handover-done">
          <p>
            {t('duty.handover.done', { to: isolate(nameOf(done.to)) })}{' '}
            <time dateTime={done.at} className="duty-time">{formatDateTime(done.at, locale)}</time>
          </p>
          <p className="duty-handover__receipt">{t('duty.handover.receipt', { seq: String(done.seq) })}</p>
          <h3 className="duty-handover__carried-title">{t('duty.handover.carried')}</h3>
          {done.open_items.length === 0 ? (
            <p>{t('duty.handover.carried_none')}</p>
          ) : (
            <ul className="duty-items" data-testid="carried-items">
              {done.open_items.map((item) => (
                <li key={item.id}>
                  <a href={routeHash({ page: 'request', id: item.id })}>
                    <bdi>{item.id}</bdi>
                  </a>
                  {item.title && <bdi className="duty-items__title">{item.title}</bdi>}
                  {item.stage && (
                    <span className="duty-items__stage">
                      {t(`duty.stage.${item.stage}`, { defaultValue: item.stage })}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

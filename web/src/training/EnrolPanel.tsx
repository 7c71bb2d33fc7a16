// Enrolling a person in a session: pick the person, check (the server says
// whether every rule is met and, if not, every reason; nothing written),
// then enrol. An enrolment the rules refuse is shown the same way, with
// each reason as a sentence; any other failure as an error.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { checkEnrolment, enrol, refusalOf, type Eligibility, type Enrolment, type PersonSummary, type TrainingSession } from '../api/training';
import { useApi, useSession } from '../app/context';
import { ErrorMessage } from '../requests/common';
import { canRequestVetting } from '../vetting/model';
import { kTrainingErrorKeys } from './common';
import { PersonPicker } from './PersonPicker';
import { RefusalReasons } from './RefusalReasons';

type Outcome =
  | { kind: 'none' }
  | { kind: 'check'; eligibility: Eligibility }
  | { kind: 'refused'; eligibility: Eligibility }
  | { kind: 'enrolled'; enrolment: Enrolment }
  | { kind: 'error'; error: unknown };

export interface EnrolPanelProps {
  session: TrainingSession;
  /** After an enrolment: the page reloads the session. */
  onEnrolled(enrolment: Enrolment): void;
}

export function EnrolPanel({ session, onEnrolled }: EnrolPanelProps) {
  const { t } = useTranslation();
  const api = useApi();
  const auth = useSession();
  const ids = useId();
  const [person, setPerson] = useState<PersonSummary | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [pending, setPending] = useState<'check' | 'enrol' | null>(null);

  // A new person, or another session, starts afresh.
  useEffect(() => setOutcome({ kind: 'none' }), [person, session.id]);

  const run = async (what: 'check' | 'enrol') => {
    if (!person) return;
    setPending(what);
    setOutcome({ kind: 'none' });
    try {
      if (what === 'check') {
        setOutcome({ kind: 'check', eligibility: await checkEnrolment(api, session.id, person.id) });
      } else {
        const enrolment = await enrol(api, session.id, person.id);
        setOutcome({ kind: 'enrolled', enrolment });
        onEnrolled(enrolment);
      }
    } catch (e) {
      if (isApiError(e) && e.status === 401) auth.expired();
      const refusal = refusalOf(e);
      setOutcome(refusal ? { kind: 'refused', eligibility: refusal } : { kind: 'error', error: e });
    } finally {
      setPending(null);
    }
  };

  const refusal = outcome.kind === 'check' || outcome.kind === 'refused' ? outcome : null;
  return (
    <section className="req-section req-panel" data-testid="enrol-panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="req-section__title">
        {t('training.enrol.title')}
      </h2>
      <p className="req-hint">{t('training.enrol.hint')}</p>
      <PersonPicker picked={person} onPick={setPerson} />
      {person && (
        <div className="req-actions">
          <button
            type="button"
            className="button"
            data-testid="enrol-check"
            disabled={pending !== null}
            onClick={() => void run('check')}
          >
            {pending === 'check' ? t('app.loading') : t('training.enrol.check')}
          </button>
          <button
            type="button"
            className="button button--primary"
            data-testid="enrol-submit"
            disabled={pending !== null}
            onClick={() => void run('enrol')}
          >
            {pending === 'enrol' ? t('requests.new.sending') : t('training.enrol.submit')}
          </button>
        </div>
      )}
      {refusal && person && refusal.eligibility.eligible && (
        <p className="req-receipt" role="status" data-testid="eligible">
          {t('training.enrol.eligible')}
        </p>
      )}
      {refusal && person && !refusal.eligibility.eligible && (
        <RefusalReasons
          eligibility={refusal.eligibility}
          kind={refusal.kind}
          session={session}
          person={person}
          mayRequestVetting={canRequestVetting(auth.me)}
        />
      )}
      {outcome.kind === 'enrolled' && (
        <p className="req-receipt" role="status" data-testid="enrolled">
          {t('training.enrol.done', { id: outcome.enrolment.id })}
        </p>
      )}
      {outcome.kind === 'error' && <ErrorMessage error={outcome.error} testId="enrol-error" keys={kTrainingErrorKeys} />}
    </section>
  );
}

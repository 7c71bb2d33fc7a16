// Why a person may not enrol, one sentence a reason (docs/training.md,
// "Enrolment"): every rule that holds is told, not only the first, so the
// user sees at once all that must change. A reason this console does not
// know is still shown, by its code.
import { useTranslation } from 'react-i18next';
import type { Eligibility, PersonSummary, TrainingSession } from '../api/training';
import { routeHash } from '../shell/routes';
import { orderReasons } from './model';
import { isolate } from '../requests/common';

export interface RefusalReasonsProps {
  eligibility: Eligibility;
  /** After a check (nothing written) or after a refused enrolment. */
  kind: 'check' | 'refused';
  session: Pick<TrainingSession, 'id' | 'capacity' | 'seats_taken'>;
  person: PersonSummary;
  /** Offers to request the missing vetting. */
  mayRequestVetting: boolean;
}

export function RefusalReasons({ eligibility, kind, session, person, mayRequestVetting }: RefusalReasonsProps) {
  const { t } = useTranslation();
  const reasons = orderReasons(eligibility.reasons);
  const sentence = (code: string): string => {
    switch (code) {
      case 'prerequisite_missing':
        return eligibility.missing_prerequisites.length > 0
          ? t('training.refusal.prerequisite_missing', { list: isolate(eligibility.missing_prerequisites.join(', ')) })
          : t('training.refusal.prerequisite_missing_unnamed');
      case 'session_full':
        return t('training.refusal.session_full', { taken: session.seats_taken, capacity: session.capacity });
      case 'not_active':
        return t('training.refusal.not_active', {
          status: t(`training.person_status.${person.status}`, { defaultValue: person.status }),
        });
      case 'not_cleared':
      case 'unit_not_cleared':
        return t(`training.refusal.${code}`);
      default:
        return t('training.refusal.unknown', { code });
    }
  };
  const vettingHref = (kindOf: 'person' | 'unit') =>
    routeHash({
      page: 'new_vetting',
      kind: kindOf,
      subject: kindOf === 'person' ? person.id : person.unit,
      purpose: 'course',
      ref: session.id,
    });

  return (
    <div className="trn-refusal" role="alert" data-testid="refusal" data-kind={kind}>
      <p className="trn-refusal__title">
        {kind === 'refused' ? t('training.refusal.title_refused') : t('training.refusal.title_check')}
      </p>
      <ul className="trn-refusal__reasons">
        {reasons.map((code) => (
          <li key={code} data-testid="refusal-reason" data-reason={code}>
            <span data-testid="refusal-text">{sentence(code)}</span>
            {mayRequestVetting && (code === 'not_cleared' || code === 'unit_not_cleared') && (
              <>
                {' '}
                <a href={vettingHref(code === 'not_cleared' ? 'person' : 'unit')} data-testid={`request-vetting-${code}`}>
                  {t('training.refusal.request_vetting')}
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

// Small pieces shared by the training screens: the tabs between courses,
// sessions and targets, error words, a person's name line, an enrolment's
// state, a seats gauge, the nations directory.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listNations, type EnrolmentState, type Nation, type PersonSummary } from '../api/training';
import { useApi } from '../app/context';
import type { Language } from '../i18n/languages';
import type { ErrorKeys } from '../requests/common';
import { useLanguage } from '../requests/common';
import { routeHash, type Route } from '../shell/routes';
import { percentOf } from './model';

/** 403, 409 and 404 in the training screens' words. */
export const kTrainingErrorKeys: ErrorKeys = {
  forbidden: 'training.error.forbidden',
  conflict: 'training.error.conflict',
  not_found: 'training.error.not_found',
};

const kTabs: { key: 'courses' | 'sessions' | 'targets'; route: Route }[] = [
  { key: 'courses', route: { page: 'courses' } },
  { key: 'sessions', route: { page: 'sessions', course: '' } },
  { key: 'targets', route: { page: 'targets' } },
];

/** The training area's tabs, the current one marked. */
export function TrainingTabs({ current }: { current: 'courses' | 'sessions' | 'targets' }) {
  const { t } = useTranslation();
  return (
    <nav className="req-tabs" aria-label={t('training.tabs.label')}>
      {kTabs.map((tab) => (
        <a
          key={tab.key}
          className="req-tabs__tab"
          href={routeHash(tab.route)}
          aria-current={tab.key === current ? 'page' : undefined}
          data-testid={`tab-${tab.key}`}
        >
          {t(`training.tabs.${tab.key}`)}
        </a>
      ))}
    </nav>
  );
}

/** A person's name in the reader's language, the other name, service number, rank and status. */
export function PersonName({ person }: { person: PersonSummary }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const primary = language === 'ar' ? person.name_ar || person.name_en : person.name_en || person.name_ar;
  const secondary = primary === person.name_en ? person.name_ar : person.name_en;
  return (
    <span className="trn-person" data-testid="person-name">
      <bdi className="trn-person__name">{primary}</bdi>
      {secondary && secondary !== primary && (
        <>
          {' '}
          <bdi className="req-muted">({secondary})</bdi>
        </>
      )}
      <span className="req-muted">
        {' · '}
        <bdi>{person.service_number}</bdi>
        {person.rank && (
          <>
            {' · '}
            <bdi>{person.rank}</bdi>
          </>
        )}
        {person.unit && (
          <>
            {' · '}
            <bdi>{person.unit}</bdi>
          </>
        )}
      </span>
      {person.status && person.status !== 'active' && (
        <span className="req-chip trn-person__status" data-testid="person-status" data-status={person.status}>
          {t(`training.person_status.${person.status}`, { defaultValue: person.status })}
        </span>
      )}
    </span>
  );
}

const kStateTone: Record<EnrolmentState, string> = {
  enrolled: 'active',
  withdrawn: 'closed',
  passed: 'good',
  failed: 'bad',
  absent: 'waiting',
};

export function EnrolmentStateBadge({ state }: { state: EnrolmentState }) {
  const { t } = useTranslation();
  return (
    <span className={`req-state req-state--${kStateTone[state] ?? 'closed'}`} data-testid="enrolment-state" data-state={state}>
      {t(`training.enrolment_state.${state}`, { defaultValue: state })}
    </span>
  );
}

/** A horizontal gauge: `value` of `max`, with its text beside it. */
export function Gauge({
  value,
  max,
  label,
  text,
  tone = 'accent',
  testId,
}: {
  value: number;
  max: number;
  label: string;
  text: string;
  tone?: 'accent' | 'full' | 'muted';
  testId?: string;
}) {
  const percent = percentOf(value, max);
  return (
    <div className="trn-gauge" data-testid={testId} data-value={value} data-max={max}>
      <div
        className="trn-gauge__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={Math.min(value, max)}
        aria-valuetext={text}
      >
        <div className={`trn-gauge__bar trn-gauge__bar--${tone}`} style={{ inlineSize: `${percent}%` }} />
      </div>
      <span className="trn-gauge__text">{text}</span>
    </div>
  );
}

/** Seats taken of a session's capacity. */
export function Seats({ taken, capacity }: { taken: number; capacity: number }) {
  const { t } = useTranslation();
  const text = t('training.session.seats_of', { taken, capacity });
  return (
    <Gauge
      value={taken}
      max={capacity}
      label={t('training.field.seats')}
      text={text}
      tone={taken >= capacity ? 'full' : 'accent'}
      testId="seats"
    />
  );
}

/** The coalition's nations (empty until loaded, or on failure: codes are shown then). */
export function useNations(): Nation[] {
  const api = useApi();
  const [nations, setNations] = useState<Nation[]>([]);
  useEffect(() => {
    const abort = new AbortController();
    listNations(api, abort.signal)
      .then(setNations)
      .catch(() => {
        // Codes stand in for names.
      });
    return () => abort.abort();
  }, [api]);
  return nations;
}

export function nationName(code: string, nations: readonly Nation[], language: Language): string {
  const n = nations.find((x) => x.code === code);
  if (!n) return code;
  if (language === 'ar') return n.name_ar || n.name_en;
  if (language === 'he') return n.name_he || n.name_en;
  return n.name_en;
}

/** Qualification codes as chips, or "none". */
export function CodeList({ codes, testId, none }: { codes: readonly string[]; testId?: string; none: string }) {
  if (codes.length === 0) return <span className="req-muted" data-testid={testId}>{none}</span>;
  return (
    <ul className="req-chips" data-testid={testId}>
      {codes.map((c) => (
        <li key={c} className="req-chip" data-code={c}>
          <bdi>{c}</bdi>
        </li>
      ))}
    </ul>
  );
}

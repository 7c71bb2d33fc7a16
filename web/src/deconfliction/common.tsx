// Small pieces shared by the deconfliction screens: state badges, a time
// window, a district, a distance, the pointer sentence ("conflicts with
// PASF … call the coordinator's duty desk …"), the acknowledgement of each
// side, protected-site warnings, and the dry run's conflicts.
import { useTranslation } from 'react-i18next';
import type {
  ActivityState,
  CheckConflict,
  Conflict,
  ConflictState,
  SiteWarning,
} from '../api/deconfliction';
import { governorateName } from '../common/governorates';
import { formatDateTime } from '../common/time';
import { isolate, useLanguage, useParties, type ErrorKeys } from '../requests/common';
import { partyName } from '../requests/format';
import { formatDistance, formatWindow, pointerText, type FormatContext, type PointerFacts } from './format';
import { namesOtherRecord, recordHref } from './model';

/** 403, 409 and 404 in the deconfliction screens' words. */
export const kDeconflictionErrorKeys: ErrorKeys = {
  forbidden: 'deconfliction.error.forbidden',
  conflict: 'deconfliction.error.conflict',
  not_found: 'deconfliction.error.not_found',
};

/** What formatting needs: the language, its locale and the parties directory. */
export function useFormatContext(): FormatContext {
  const { language, locale } = useLanguage();
  const parties = useParties();
  return { language, locale, parties };
}

const kConflictTone: Record<ConflictState, string> = { open: 'bad', acknowledged: 'waiting', resolved: 'good' };

export function ConflictStateBadge({ state }: { state: ConflictState }) {
  const { t } = useTranslation();
  return (
    <span className={`req-state req-state--${kConflictTone[state]}`} data-testid="conflict-state" data-state={state}>
      {t(`deconfliction.conflict_state.${state}`)}
    </span>
  );
}

/** Planned, planned but over, or cancelled. */
export function ActivityStateBadge({ state, ended }: { state: ActivityState; ended: boolean }) {
  const { t } = useTranslation();
  const shown = state === 'planned' && ended ? 'ended' : state;
  return (
    <span
      className={`req-state req-state--${shown === 'planned' ? 'active' : 'closed'}`}
      data-testid="activity-state"
      data-state={shown}
    >
      {t(`deconfliction.activity_state.${shown}`)}
    </span>
  );
}

export function TimeWindow({ start, end, testId }: { start: string; end: string; testId?: string }) {
  const { locale } = useLanguage();
  return (
    <time dateTime={start} data-testid={testId} title={`${start} – ${end}`}>
      {formatWindow(start, end, locale)}
    </time>
  );
}

export function DistrictName({ code }: { code: string | null }) {
  const { language } = useLanguage();
  return <bdi>{code ? governorateName(code, language) : '—'}</bdi>;
}

export function Distance({ metres }: { metres: number }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const d = formatDistance(metres, locale);
  return <>{t(`deconfliction.distance_${d.unit}`, { n: d.value })}</>;
}

/**
 * What a side is told about a conflict: with whom, when and roughly where,
 * and whom to call (the desk and the officer on duty).
 */
export function PointerSentence({ pointer, ctx }: { pointer: PointerFacts; ctx: FormatContext }) {
  const { t } = useTranslation();
  const p = pointerText(pointer, ctx);
  const values = {
    party: isolate(p.party),
    window: isolate(p.window),
    district: isolate(p.district ?? ''),
    desk: isolate(p.desk),
    contact_party: isolate(p.contactParty),
    on_duty: isolate(p.onDuty ?? ''),
  };
  const call = p.contact === 'coordinator' ? 'call_coordinator' : 'call_counterpart';
  return (
    <div className="dcf-pointer" data-testid="pointer" data-party={pointer.other.party}>
      <p className="dcf-pointer__summary" data-testid="pointer-summary">
        {p.district ? t('deconfliction.pointer.summary', values) : t('deconfliction.pointer.summary_nowhere', values)}
      </p>
      <p className="dcf-pointer__call" data-testid="pointer-contact" data-contact={p.contact}>
        {t(`deconfliction.pointer.${call}`, values)}{' '}
        {p.onDuty ? t('deconfliction.pointer.on_duty', values) : t('deconfliction.pointer.nobody_on_duty')}
      </p>
    </div>
  );
}

/** Each side's acknowledgement: when and by whom, or not yet. */
export function Acknowledgements({ conflict, ctx }: { conflict: Conflict; ctx: FormatContext }) {
  const { t } = useTranslation();
  return (
    <ul className="dcf-acks" data-testid="acknowledgements">
      {conflict.parties.map((party) => {
        const ack = conflict.acknowledged[party] ?? null;
        return (
          <li key={party} data-party={party} data-acknowledged={ack !== null}>
            <bdi className="dcf-acks__party">{partyName(party, ctx.parties, ctx.language)}</bdi>
            {': '}
            {ack ? (
              <>
                {t('deconfliction.conflict.acknowledged_by', {
                  by: isolate(ack.by),
                  at: isolate(formatDateTime(ack.at, ctx.locale)),
                })}
                {ack.note && (
                  <span className="req-muted">
                    {' — '}
                    <bdi dir="auto">{ack.note}</bdi>
                  </span>
                )}
              </>
            ) : (
              <span className="req-muted">{t('deconfliction.conflict.not_acknowledged')}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Protected sites within reach of a footprint. */
export function WarningList({ warnings, testId = 'warnings' }: { warnings: readonly SiteWarning[]; testId?: string }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <div className="req-warning dcf-warnings" role="note" data-testid={testId}>
      <p className="dcf-warnings__title">{t('deconfliction.warnings.title')}</p>
      <ul className="req-list">
        {warnings.map((w) => (
          <li key={w.site} data-testid="warning" data-site={w.site}>
            <bdi dir="auto">{w.name}</bdi> ({t(`deconfliction.site_kind.${w.kind}`, { defaultValue: w.kind })})
            {' — '}
            <Distance metres={w.distance_m} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The conflicts a dry run found: pointers, and for the coordinator's desk the other record too. */
export function CheckConflictList({ conflicts, ctx }: { conflicts: readonly CheckConflict[]; ctx: FormatContext }) {
  const { t } = useTranslation();
  return (
    <ul className="dcf-found" data-testid="check-conflicts">
      {conflicts.map((c, i) => (
        <li key={`${c.other.party}-${c.start}-${i}`} className="dcf-found__item" data-testid="check-conflict">
          <PointerSentence pointer={c} ctx={ctx} />
          {namesOtherRecord(c) && (
            <p className="dcf-found__record" data-testid="check-conflict-record">
              {t(`deconfliction.kind.${c.kind ?? 'other'}`)}
              {' · '}
              <a href={recordHref(c.ref, c.type ?? 'activity')}>
                <bdi>{c.ref}</bdi>
              </a>
              {' · '}
              <bdi dir="auto">{c.title}</bdi>
              {c.distance_m !== undefined && (
                <>
                  {' · '}
                  <Distance metres={c.distance_m} />
                </>
              )}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

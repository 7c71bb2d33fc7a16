// The roster: the current shift and, for each desk the user may see, who is
// on duty, since when, the members and the last handover. Clicking a desk
// selects it for the queue, the handover form and the history.
import { useTranslation } from 'react-i18next';
import type { Roster, Shift } from '../api/duty';
import { governorateName } from '../common/governorates';
import type { Language } from '../i18n/languages';
import { formatClock, formatDateTime } from '../common/time';
import { memberName } from './desk';
import type { PartyNamer } from './parties';

export interface RosterPanelProps {
  roster: Roster;
  selected: string | null;
  onSelect(unit: string): void;
  lang: Language;
  locale: string;
  partyName: PartyNamer;
}

/** FSI…PDI: a Latin user name inside Arabic or Hebrew text. */
const isolate = (s: string) => `\u2068${s}\u2069`;

function ShiftText({ shift, locale }: { shift: Shift; locale: string }) {
  const { t } = useTranslation();
  return (
    <>
      <strong className="duty-shift__name">{t('duty.shift.name', { n: String(shift.index + 1) })}</strong>{' '}
      <span className="duty-shift__range" title={`${shift.start} – ${shift.end}`}>
        {t('duty.shift.range', {
          start: `\u2066${formatClock(shift.start, locale)}\u2069`,
          end: `\u2066${formatClock(shift.end, locale)}\u2069`,
        })}
      </span>
    </>
  );
}

/** The current shift and the next one, in local time. */
export function ShiftLine({ roster, locale }: { roster: Roster; locale: string }) {
  const { t } = useTranslation();
  const { current_shift: current, next_shift: next } = roster;
  if (!current) return <p className="duty-shift" data-testid="current-shift">{t('duty.shift.none')}</p>;
  return (
    <p className="duty-shift" data-testid="current-shift">
      <span className="duty-shift__label">{t('duty.shift.current')}</span> <ShiftText shift={current} locale={locale} />
      {next && (
        <span className="duty-shift__next">
          <span className="duty-shift__label">{t('duty.shift.next')}</span> <ShiftText shift={next} locale={locale} />
        </span>
      )}
    </p>
  );
}

export function RosterPanel({ roster, selected, onSelect, lang, locale, partyName }: RosterPanelProps) {
  const { t } = useTranslation();
  return (
    <section className="duty-panel duty-roster" aria-labelledby="duty-roster-title" data-testid="duty-roster">
      <header className="duty-panel__header">
        <h2 id="duty-roster-title" className="duty-panel__title">{t('duty.roster.title')}</h2>
      </header>
      {roster.desks.length === 0 ? (
        <p className="duty-panel__empty">{t('duty.roster.no_desks')}</p>
      ) : (
        <ul className="duty-roster__desks">
          {roster.desks.map((desk) => {
            const current = desk.unit === selected;
            const last = desk.last_handover;
            return (
              <li
                key={desk.unit}
                className={current ? 'duty-desk duty-desk--selected' : 'duty-desk'}
                data-testid="desk"
                data-unit={desk.unit}
              >
                <button
                  type="button"
                  className="duty-desk__name"
                  aria-pressed={current}
                  onClick={() => onSelect(desk.unit)}
                >
                  <bdi>{desk.unit_name[lang]}</bdi>
                </button>
                <span className="duty-desk__where">
                  <bdi>{partyName(desk.party)}</bdi>
                  {desk.district && (
                    <>
                      {' · '}
                      <bdi>{governorateName(desk.district, lang)}</bdi>
                    </>
                  )}
                </span>
                <dl className="duty-desk__facts">
                  <div>
                    <dt>{t('duty.roster.on_duty')}</dt>
                    <dd data-testid="on-duty">
                      {desk.on_duty ? (
                        <bdi title={desk.on_duty}>{memberName(desk, desk.on_duty)}</bdi>
                      ) : (
                        <span className="duty-desk__empty">{t('duty.roster.nobody')}</span>
                      )}
                    </dd>
                  </div>
                  {desk.on_duty && desk.since && (
                    <div>
                      <dt>{t('duty.roster.since')}</dt>
                      <dd>
                        <time dateTime={desk.since} className="duty-time">{formatDateTime(desk.since, locale)}</time>
                      </dd>
                    </div>
                  )}
                  <div>
                    <dt>{t('duty.roster.members')}</dt>
                    <dd>
                      {desk.members.length === 0
                        ? t('duty.roster.no_members')
                        : desk.members.map((m, i) => (
                            <span key={m.username} title={m.username}>
                              {i > 0 && ', '}
                              <bdi>{m.display_name}</bdi>
                            </span>
                          ))}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('duty.roster.last_handover')}</dt>
                    <dd data-testid="last-handover">
                      {last ? (
                        <>
                          {last.from && last.from !== last.to
                            ? t('duty.roster.handover_line', {
                                from: isolate(memberName(desk, last.from)),
                                to: isolate(memberName(desk, last.to)),
                              })
                            : t('duty.history.took', { name: isolate(memberName(desk, last.to)) })}{' '}
                          <time dateTime={last.at} className="duty-time">{formatDateTime(last.at, locale)}</time>
                        </>
                      ) : (
                        t('duty.roster.no_handover')
                      )}
                    </dd>
                  </div>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

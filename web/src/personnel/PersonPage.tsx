// A person's profile ("#/personnel/<id>"): who they are, in Arabic and in
// English; where they serve (service, unit, governorate, post, rank and
// band, status); their vetting standing with the clearance's end; their
// qualifications when the server sends them; and their career, each event
// with its effective date, what it changed and who recorded it. The
// registry party's HR staff record career events here. Reading the
// profile is an access event, logged by the server. Reloaded when an event
// about this person arrives on the shell's stream.
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { getPerson, listCareerEvents, type CareerEvent, type PersonDetail, type PersonnelReference } from '../api/personnel';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { formatDateTime } from '../common/time';
import { useRecord } from '../common/useRecord';
import { DistrictName } from '../deconfliction/common';
import { formatDate } from '../figures/format';
import type { Language } from '../i18n/languages';
import { ErrorMessage, RecordPlaceholder, useLanguage } from '../requests/common';
import { useStreamEvents } from '../shell/routes';
import { careerOrder, today } from './career';
import { CareerEventForm } from './CareerEventForm';
import { kPersonnelErrorKeys, kPersonnelEvents, StatusBadge, SyntheticBadge, useReference, VettingBadge } from './common';
import { canManagePersonnel, localName, rankTitle, serviceName } from './model';
import '../requests/requests.css';
import './personnel.css';

/** The name of the person's unit in `language` (the server's names), else its id. */
function unitName(p: PersonDetail, language: Language): string {
  if (p.unit_name_en === undefined && p.unit_name_ar === undefined) return p.unit;
  return localName({ name_en: p.unit_name_en ?? '', name_ar: p.unit_name_ar ?? '', name_he: p.unit_name_he }, language) || p.unit;
}

/** The rank's title: the reference data's, else the one the server sent. */
function rankName(p: PersonDetail, ref: PersonnelReference | null, language: Language): string {
  const fromRef = rankTitle(ref, p.rank, language);
  if (fromRef !== p.rank) return fromRef;
  const sent = language === 'ar' ? p.rank_title_ar : language === 'he' ? p.rank_title_he : p.rank_title_en;
  return sent || p.rank_title_en || p.rank;
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

/** What a career event changed, as "Rank: Captain · Unit: CP-PS0115". */
function Changes({ e, reference }: { e: CareerEvent; reference: PersonnelReference | null }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const c = e.changes ?? {};
  const parts: { key: string; label: string; value: string }[] = [];
  if (c.rank) parts.push({ key: 'rank', label: t('personnel.field.rank'), value: rankTitle(reference, c.rank, language) });
  if (c.service) parts.push({ key: 'service', label: t('personnel.field.service'), value: serviceName(reference, c.service, language) });
  if (c.unit) parts.push({ key: 'unit', label: t('personnel.field.unit'), value: c.unit });
  if (c.post) parts.push({ key: 'post', label: t('personnel.field.post'), value: c.post });
  if (c.status) parts.push({ key: 'status', label: t('personnel.field.status'), value: t(`personnel.status.${c.status}`, { defaultValue: c.status }) });
  if (e.qualification) parts.push({ key: 'qualification', label: t('personnel.field.qualification'), value: e.qualification });
  if (parts.length === 0) return null;
  return (
    <ul className="req-chips" data-testid="career-changes">
      {parts.map((p) => (
        <li key={p.key} className="req-chip" data-change={p.key}>
          {p.label}: <bdi>{p.value}</bdi>
        </li>
      ))}
    </ul>
  );
}

function Career({ events, reference }: { events: readonly CareerEvent[]; reference: PersonnelReference | null }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  if (events.length === 0) return <p className="req-muted">{t('personnel.career.none')}</p>;
  return (
    <ol className="per-career" data-testid="career">
      {careerOrder(events).map((e) => (
        <li key={`${e.seq}-${e.idx ?? 0}`} className="per-career__event" data-testid="career-event" data-kind={e.kind} data-seq={e.seq}>
          <div className="per-career__head">
            <time dateTime={e.effective} className="per-career__date">
              {formatDate(`${e.effective}T00:00:00Z`, locale, 'UTC')}
            </time>
            <strong>{t(`personnel.career.kinds.${e.kind}`, { defaultValue: e.kind })}</strong>
            {e.author && (
              <span className="req-muted">
                {t('personnel.career.by', { author: e.author })}
                {e.at && <> · {formatDateTime(e.at, locale)}</>}
              </span>
            )}
          </div>
          <Changes e={e} reference={reference} />
          {e.note && (
            <p className="req-comment__text" dir="auto" data-testid="career-note">
              {e.note}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

function Qualifications({ items, nowMs }: { items: NonNullable<PersonDetail['qualifications']>; nowMs: number }) {
  const { t } = useTranslation();
  const { language, locale } = useLanguage();
  if (items.length === 0) return <p className="req-muted">{t('personnel.qualifications.none')}</p>;
  const date = (d: string | null | undefined) => (d ? formatDate(`${d}T00:00:00Z`, locale, 'UTC') : '—');
  const now = today(nowMs);
  return (
    <table className="req-table" data-testid="qualifications">
      <thead>
        <tr>
          <th scope="col">{t('personnel.qualifications.name')}</th>
          <th scope="col">{t('personnel.qualifications.obtained')}</th>
          <th scope="col">{t('personnel.qualifications.expires')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((q) => {
          const expired = !!q.expires_on && q.expires_on < now;
          const title = language === 'ar' ? q.title_ar : language === 'he' ? q.title_he : q.title_en;
          return (
            <tr key={q.qualification} data-testid="qualification" data-code={q.qualification} data-expired={expired}>
              <th scope="row">
                <bdi>{title || q.title_en || q.qualification}</bdi>
              </th>
              <td>{date(q.obtained_on)}</td>
              <td>
                {q.expires_on ? date(q.expires_on) : t('personnel.qualifications.no_expiry')}
                {expired && <span className="req-chip per-expired"> {t('personnel.qualifications.expired')}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export interface PersonPageProps {
  id: string;
  /** Clock, injectable for tests. */
  now?: () => number;
}

export function PersonPage({ id, now = Date.now }: PersonPageProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { language, locale } = useLanguage();
  const reference = useReference();
  const changed = latestEventSeq(useStreamEvents(), kPersonnelEvents, `person/${id}`);
  const [recorded, setRecorded] = useState(0);
  const [receipt, setReceipt] = useState<CareerEvent | null>(null);
  const { record, loadError } = useRecord((signal) => getPerson(api, id, signal), id, changed + recorded);
  const career = useRecord((signal) => listCareerEvents(api, id, signal), id, changed + recorded);
  const onRecorded = useCallback((reply: CareerEvent) => {
    setReceipt(reply);
    setRecorded((n) => n + 1);
  }, []);

  if (!record || record.id !== id) {
    return (
      <div className="req-page" data-testid="person-page">
        <RecordPlaceholder
          error={loadError}
          errorKeys={kPersonnelErrorKeys}
          backHref="#/personnel"
          backLabel={t('personnel.profile.back')}
        />
      </div>
    );
  }

  const p = record;
  const date = (d: string | null | undefined) => (d ? formatDate(`${d}T00:00:00Z`, locale, 'UTC') : '—');
  const band = p.band ?? reference?.ranks.find((r) => r.code === p.rank)?.band;

  return (
    <div className="req-page req-detail" data-testid="person-page" data-id={p.id} data-status={p.status}>
      <header className="req-detail__head">
        <h1 className="req-page__title per-names">
          <bdi lang="ar" dir="rtl" data-testid="person-name-ar">
            {p.name_ar}
          </bdi>
          <bdi lang="en" dir="ltr" className="per-names__en" data-testid="person-name-en">
            {p.name_en}
          </bdi>
        </h1>
        <StatusBadge status={p.status} />
        {p.synthetic && <SyntheticBadge />}
        <VettingBadge standing={p.vetting} locale={locale} />
      </header>
      <p>
        <a href="#/personnel" data-testid="back-to-search">
          {t('personnel.profile.back')}
        </a>
      </p>

      {receipt && (
        <p className="req-receipt" role="status" data-testid="receipt">
          {t('personnel.career.recorded', { kind: t(`personnel.career.kinds.${receipt.kind}`, { defaultValue: receipt.kind }) })}
        </p>
      )}

      <div className="per-columns">
        <section className="req-section" aria-labelledby="per-identity">
          <h2 id="per-identity" className="req-section__title">
            {t('personnel.profile.identity')}
          </h2>
          <dl className="req-facts">
            <Fact label={t('personnel.field.id')} testId="person-id">
              <bdi>{p.id}</bdi>
            </Fact>
            <Fact label={t('personnel.field.service_number')} testId="person-service-number">
              <bdi>{p.service_number}</bdi>
            </Fact>
            <Fact label={t('personnel.field.name_ar')}>
              <bdi lang="ar" dir="rtl">
                {p.name_ar}
              </bdi>
            </Fact>
            <Fact label={t('personnel.field.name_en')}>
              <bdi lang="en" dir="ltr">
                {p.name_en}
              </bdi>
            </Fact>
            <Fact label={t('personnel.field.sex')}>{p.sex ? t(`personnel.sex.${p.sex}`, { defaultValue: p.sex }) : '—'}</Fact>
            <Fact label={t('personnel.field.birth_date')}>{date(p.birth_date)}</Fact>
            <Fact label={t('personnel.field.joined_on')}>{date(p.joined_on)}</Fact>
            <Fact label={t('personnel.field.education')}>
              {p.education ? <bdi dir="auto">{p.education}</bdi> : '—'}
            </Fact>
            {p.notes && (
              <Fact label={t('personnel.field.notes')}>
                <span dir="auto">{p.notes}</span>
              </Fact>
            )}
          </dl>
        </section>

        <section className="req-section" aria-labelledby="per-service">
          <h2 id="per-service" className="req-section__title">
            {t('personnel.profile.service')}
          </h2>
          <dl className="req-facts">
            <Fact label={t('personnel.field.service')} testId="person-service">
              {serviceName(reference, p.service, language)}
            </Fact>
            <Fact label={t('personnel.field.unit')} testId="person-unit">
              <bdi>{unitName(p, language)}</bdi>
              {unitName(p, language) !== p.unit && (
                <span className="req-muted">
                  {' '}
                  (<bdi>{p.unit}</bdi>)
                </span>
              )}
            </Fact>
            <Fact label={t('personnel.field.district')}>
              <DistrictName code={p.district} />
            </Fact>
            <Fact label={t('personnel.field.post')}>{p.post ? <bdi>{p.post}</bdi> : '—'}</Fact>
            <Fact label={t('personnel.field.rank')} testId="person-rank">
              {rankName(p, reference, language)}
              {band && <span className="req-muted"> · {t(`personnel.band.${band}`)}</span>}
            </Fact>
            <Fact label={t('personnel.field.status')}>
              <StatusBadge status={p.status} />
            </Fact>
            <Fact label={t('personnel.field.vetting')}>
              <VettingBadge standing={p.vetting} locale={locale} />
            </Fact>
          </dl>
        </section>
      </div>

      {p.qualifications !== undefined && (
        <section className="req-section" aria-labelledby="per-qualifications">
          <h2 id="per-qualifications" className="req-section__title">
            {t('personnel.qualifications.title')}
          </h2>
          <Qualifications items={p.qualifications} nowMs={now()} />
        </section>
      )}

      <section className="req-section" aria-labelledby="per-career">
        <h2 id="per-career" className="req-section__title">
          {t('personnel.career.title')}
        </h2>
        <ErrorMessage error={career.loadError} testId="career-load-error" keys={kPersonnelErrorKeys} />
        {career.record ? (
          <Career events={career.record} reference={reference} />
        ) : (
          !career.loadError && <p className="req-muted" role="status">{t('app.loading')}</p>
        )}
      </section>

      {canManagePersonnel(me) && <CareerEventForm person={p} reference={reference} onDone={onRecorded} now={now} />}
    </div>
  );
}

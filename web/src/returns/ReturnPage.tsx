// One return case: who, how many, where found and where to be handed over
// (both on a small map), the parties holding and receiving the person, the
// name where the server sends it (only to the parties entitled to it), the
// time at the current stage against its limit, the chain of custody (each
// stage with its time, officer, party and receipt, with the proof that it is
// in the signed audit log), and the form for the next stage when this user
// may take it. Reloaded when an event about this case arrives on the
// shell's stream.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getReturn, kReturnStages, type HandoverPoint, type ReturnCase, type StageEntry } from '../api/returns';
import type { Party } from '../api/requests';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { formatDateTime } from '../common/time';
import { useNow } from '../common/useNow';
import { useRecord } from '../common/useRecord';
import { DistrictName } from '../deconfliction/common';
import { LinkedIds, Receipt } from '../incidents/common';
import { Countdown, RecordPlaceholder, useLanguage, useParties } from '../requests/common';
import { fromGeometry } from '../requests/draw';
import { FootprintMap } from '../requests/FootprintMap';
import { partyName } from '../requests/format';
import { useStreamEvents } from '../shell/routes';
import { AdvanceForm, NameForm } from './AdvanceForm';
import { kReturnErrorKeys, MedicalBadge, OverdueMark, StageBadge, useHandoverPoints } from './common';
import { advanceFor, isOverdue, kReturnEvents, mayKnowName, mayRecordName, pointName, stageIndex } from './model';
import '../requests/requests.css';
import './returns.css';

/** The highest seq of an event about case `id`, 0 when none. */
export function latestCaseEvent(events: readonly { seq: number; type: string; subject?: string }[], id: string): number {
  return latestEventSeq(events, kReturnEvents, id);
}

function Chain({ c, parties }: { c: ReturnCase & { stages: StageEntry[] }; parties: readonly Party[] }) {
  const { t } = useTranslation();
  const { language, locale } = useLanguage();
  const done = new Map(c.stages.map((s) => [s.stage, s]));
  const current = stageIndex(c.stage);
  return (
    <ol className="ret-chain" data-testid="chain">
      {kReturnStages.map((stage, i) => {
        const s = done.get(stage);
        if (!s) {
          return (
            <li key={stage} className="ret-chain__stage ret-chain__stage--pending" data-testid="chain-pending" data-stage={stage}>
              <strong>{t(`returns.stage.${stage}`)}</strong>{' '}
              <span>{i === current + 1 ? t('returns.chain.next') : t('returns.chain.to_come')}</span>
            </li>
          );
        }
        return (
          <li key={stage} className="ret-chain__stage" data-testid="chain-stage" data-stage={stage} data-seq={s.seq}>
            <div className="ret-chain__head">
              <strong>{t(`returns.stage.${stage}`)}</strong>
              <time dateTime={s.at}>{formatDateTime(s.at, locale)}</time>
              <bdi data-testid="chain-by">{s.by}</bdi>
              <bdi className="req-muted" data-testid="chain-party">
                {partyName(s.party, parties, language)}
              </bdi>
            </div>
            {s.note && (
              <p className="req-comment__text" dir="auto" data-testid="chain-note">
                {s.note}
              </p>
            )}
            <Receipt seq={s.seq} keys={kReturnErrorKeys} />
          </li>
        );
      })}
    </ol>
  );
}

export interface ReturnPageProps {
  id: string;
  /** Clock, injectable for tests. */
  now?: () => number;
}

export function ReturnPage({ id, now = Date.now }: ReturnPageProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { language, locale } = useLanguage();
  const parties = useParties();
  const { points, failed } = useHandoverPoints();
  const nowMs = useNow(now);
  const changed = latestCaseEvent(useStreamEvents(), id);
  const { record, loadError, reload } = useRecord((signal) => getReturn(api, id, signal), id, changed);
  const [receipt, setReceipt] = useState<{ kind: 'stage' | 'name'; stage: string; seq: number } | null>(null);

  useEffect(() => setReceipt(null), [id]);
  const found = useMemo(() => (record ? fromGeometry(record.location) : null), [record]);
  const point: HandoverPoint | null = useMemo(
    () => (record?.handover_point ? points.find((p) => p.id === record.handover_point) ?? null : null),
    [record, points],
  );
  const onAdvanced = useCallback(
    (reply: ReturnCase) => {
      setReceipt({ kind: 'stage', stage: reply.stage, seq: reply.seq });
      reload();
    },
    [reload],
  );
  const onNamed = useCallback(
    (reply: ReturnCase) => {
      setReceipt({ kind: 'name', stage: reply.stage, seq: reply.seq });
      reload();
    },
    [reload],
  );

  if (!record || record.id !== id) {
    return (
      <div className="req-page" data-testid="return-page">
        <RecordPlaceholder error={loadError} errorKeys={kReturnErrorKeys} backHref="#/returns" backLabel={t('returns.page.back')} />
      </div>
    );
  }

  const c = record;
  const party = (p: string | null) => (p ? partyName(p, parties, language) : t('returns.nobody_holds'));
  const overdue = isOverdue(c, nowMs);
  const next = advanceFor(me, c);
  const unit = (u: string | null) =>
    u && (
      <span className="req-muted">
        {' · '}
        <bdi>{u}</bdi>
      </span>
    );

  return (
    <div className="req-page req-detail" data-testid="return-page" data-id={c.id} data-stage={c.stage}>
      <header className="req-detail__head">
        <h1 className="req-page__title">
          <bdi data-testid="case-id">{c.id}</bdi>
        </h1>
        <StageBadge stage={c.stage} />
        {overdue && <OverdueMark />}
        <span className="req-chip" data-testid="case-category">
          {t(`returns.category.${c.category}`)}
        </span>
        <MedicalBadge status={c.medical_status} />
      </header>

      {receipt && (
        <p className="req-receipt" role="status" data-testid="receipt">
          {receipt.kind === 'name'
            ? t('returns.page.receipt_name', { seq: receipt.seq })
            : t('returns.page.receipt_stage', { stage: t(`returns.stage.${receipt.stage}`), seq: receipt.seq })}
        </p>
      )}

      <div className="req-detail__grid">
        <section className="req-section" aria-label={t('returns.page.summary')}>
          <dl className="req-facts">
            <dt>{t('returns.field.count')}</dt>
            <dd data-testid="case-count">{c.count}</dd>
            {mayKnowName(c) && (
              <>
                <dt>{t('returns.field.name')}</dt>
                <dd data-testid="case-name">
                  {c.name ? <bdi dir="auto">{c.name}</bdi> : <span className="req-muted">{t('returns.page.no_name')}</span>}
                </dd>
              </>
            )}
            <dt>{t('returns.field.district')}</dt>
            <dd>
              <DistrictName code={c.district} />
            </dd>
            <dt>{t('returns.field.reporting_party')}</dt>
            <dd data-testid="case-reporter">
              <bdi>{party(c.party)}</bdi>
              {unit(c.reporting_unit)}
              {' · '}
              <time dateTime={c.reported_at}>{formatDateTime(c.reported_at, locale)}</time>
            </dd>
            <dt>{t('returns.field.holding_party')}</dt>
            <dd data-testid="case-holding">
              <bdi>{party(c.holding_party)}</bdi>
              {unit(c.holding_unit)}
            </dd>
            <dt>{t('returns.field.receiving_party')}</dt>
            <dd data-testid="case-receiving">
              <bdi>{party(c.receiving_party)}</bdi>
              {unit(c.receiving_unit)}
            </dd>
            {c.handover_point && (
              <>
                <dt>{t('returns.field.handover_point')}</dt>
                <dd data-testid="case-handover">
                  <bdi>{point ? pointName(point, language) : c.handover_point}</bdi>
                  {c.handover_at && (
                    <>
                      {' · '}
                      <time dateTime={c.handover_at}>{formatDateTime(c.handover_at, locale)}</time>
                    </>
                  )}
                </dd>
              </>
            )}
            {c.stage !== 'closed' && (
              <>
                <dt>{t('returns.page.at_stage')}</dt>
                <dd data-testid="case-stage-time">
                  {t('returns.since', { at: formatDateTime(c.stage_since, locale) })}
                  {c.stage_due_at && (
                    <>
                      {' · '}
                      <Countdown at={c.stage_due_at} nowMs={nowMs} testId="stage-countdown" />
                    </>
                  )}
                </dd>
              </>
            )}
            {c.incident && (
              <>
                <dt>{t('returns.field.incident')}</dt>
                <dd>
                  <LinkedIds ids={[c.incident]} testId="case-incident" />
                </dd>
              </>
            )}
            {c.summary && (
              <>
                <dt>{t('returns.field.summary')}</dt>
                <dd dir="auto" data-testid="case-summary">
                  {c.summary}
                </dd>
              </>
            )}
          </dl>
          <p className="req-detail__details" dir="auto" data-testid="case-circumstances">
            {c.circumstances}
          </p>
        </section>

        <section className="req-section" aria-label={t('returns.page.map')}>
          <h2 className="req-section__title">{t('returns.page.map')}</h2>
          <FootprintMap
            testId="case-map"
            label={t('returns.page.map')}
            mode="point"
            vertices={found?.vertices ?? []}
            alternative={point?.location ?? null}
            className="req-map--small"
          />
          <p className="req-map-legend" data-testid="map-legend">
            <span className="req-map-legend__item req-map-legend__item--requested">{t('returns.page.legend_found')}</span>
            {point && (
              <span className="req-map-legend__item req-map-legend__item--proposed">{t('returns.page.legend_handover')}</span>
            )}
          </p>
        </section>
      </div>

      {next && (
        <AdvanceForm
          key={`${c.id}-${next}`}
          record={c}
          stage={next}
          points={points}
          pointsFailed={failed}
          onDone={onAdvanced}
          onStale={reload}
        />
      )}
      {mayRecordName(me, c) && <NameForm key={`${c.id}-${c.name ?? ''}`} record={c} onDone={onNamed} onStale={reload} />}

      <section className="req-section" aria-label={t('returns.page.chain')}>
        <h2 className="req-section__title">{t('returns.page.chain')}</h2>
        <Chain c={c} parties={parties} />
      </section>
    </div>
  );
}

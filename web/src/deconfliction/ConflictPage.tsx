// One conflict, as the user may see it. A side sees the pointer: whom it
// conflicts with, when, roughly where, whom to call (the desk and the
// officer on duty), its own record, and each side's acknowledgement, with
// the button to acknowledge. The coordinator's duty desk sees the full
// view: both records with their kind, title, unit, point of contact and
// footprint, drawn on one map in two styles, the distance between them,
// and the form to resolve the conflict. Reloaded when an event about this
// conflict arrives on the stream.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  getConflict,
  type Conflict,
  type ConflictFull,
  type ConflictPointer,
  type ConflictReceipt,
  type ConflictSide,
} from '../api/deconfliction';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { formatDateTime } from '../common/time';
import { useRecord } from '../common/useRecord';
import { RecordPlaceholder } from '../requests/common';
import { fromGeometry } from '../requests/draw';
import { partyName } from '../requests/format';
import { FootprintMap } from '../requests/FootprintMap';
import { routeHash, useStreamEvents } from '../shell/routes';
import {
  Acknowledgements,
  ConflictStateBadge,
  Distance,
  DistrictName,
  kDeconflictionErrorKeys,
  PointerSentence,
  TimeWindow,
  useFormatContext,
} from './common';
import { AcknowledgeForm, ResolveForm } from './ConflictActions';
import { displayPartyName, type FormatContext } from './format';
import { canAcknowledge, canResolve, isFullView, recordHref } from './model';
import '../requests/requests.css';
import './deconfliction.css';

function PointerView({ conflict, ctx }: { conflict: ConflictPointer; ctx: FormatContext }) {
  const { t } = useTranslation();
  const mine = conflict.mine;
  return (
    <section className="req-section dcf-pointer-view" aria-label={t('deconfliction.conflict.pointer')}>
      <PointerSentence pointer={conflict} ctx={ctx} />
      <dl className="req-facts">
        <dt>{t('deconfliction.field.other')}</dt>
        <dd data-testid="conflict-other">
          <bdi>{displayPartyName(conflict.other, ctx)}</bdi>
        </dd>
        <dt>{t('deconfliction.field.window')}</dt>
        <dd>
          <TimeWindow start={conflict.start} end={conflict.end} testId="conflict-window" />
        </dd>
        <dt>{t('deconfliction.field.district')}</dt>
        <dd data-testid="conflict-district">
          <DistrictName code={conflict.district} />
        </dd>
        <dt>{t('deconfliction.field.mine')}</dt>
        <dd data-testid="conflict-mine">
          {t(`deconfliction.record_type.${mine.type}`)}{' '}
          <a href={recordHref(mine.ref, mine.type)} data-testid="conflict-mine-link">
            <bdi>{mine.ref}</bdi>
          </a>{' '}
          <bdi dir="auto">{mine.title}</bdi>
        </dd>
        <dt>{t('deconfliction.field.contact')}</dt>
        <dd data-testid="conflict-contact">
          <bdi>{conflict.contact.desk_name || conflict.contact.desk}</bdi>
          {conflict.contact.desk_name && (
            <span className="req-muted">
              {' · '}
              <bdi>{conflict.contact.desk}</bdi>
            </span>
          )}
          {' · '}
          {conflict.contact.on_duty ? (
            <bdi data-testid="conflict-on-duty">{conflict.contact.on_duty}</bdi>
          ) : (
            <span className="req-muted">{t('deconfliction.pointer.nobody_on_duty')}</span>
          )}
        </dd>
      </dl>
      <p className="req-hint">{t('deconfliction.conflict.pointer_hint')}</p>
    </section>
  );
}

/** One side of a conflict in full, marked with the style the map draws it in. */
function SideFacts({ side, first, ctx }: { side: ConflictSide; first: boolean; ctx: FormatContext }) {
  const { t } = useTranslation();
  return (
    <section className="dcf-card" data-testid="conflict-side" data-party={side.party} data-ref={side.ref}>
      <h3 className="req-subtitle">
        <span className={`dcf-side-mark dcf-side-mark--${first ? 'first' : 'second'}`} aria-hidden="true" />
        <bdi>{partyName(side.party, ctx.parties, ctx.language)}</bdi>
      </h3>
      <dl className="req-facts">
        <dt>{t('deconfliction.field.record')}</dt>
        <dd>
          {t(`deconfliction.record_type.${side.type}`)}{' '}
          <a href={recordHref(side.ref, side.type)}>
            <bdi>{side.ref}</bdi>
          </a>
        </dd>
        <dt>{t('deconfliction.field.kind')}</dt>
        <dd>{t(`deconfliction.kind.${side.kind}`, { defaultValue: side.kind })}</dd>
        <dt>{t('deconfliction.field.title')}</dt>
        <dd dir="auto" data-testid="conflict-side-title">
          {side.title}
        </dd>
        <dt>{t('deconfliction.field.unit')}</dt>
        <dd>
          <bdi>{side.unit ?? '—'}</bdi>
        </dd>
        <dt>{t('deconfliction.field.poc')}</dt>
        <dd dir="auto">{side.poc ?? '—'}</dd>
        <dt>{t('deconfliction.field.window')}</dt>
        <dd>
          <TimeWindow start={side.footprint.start} end={side.footprint.end} />
        </dd>
      </dl>
    </section>
  );
}

function FullView({ conflict, ctx }: { conflict: ConflictFull; ctx: FormatContext }) {
  const { t } = useTranslation();
  const [first, second] = conflict.sides;
  const drawn = useMemo(() => fromGeometry(first.footprint.geometry), [first]);
  return (
    <div className="req-detail__grid">
      <section className="req-section" aria-label={t('deconfliction.conflict.sides')}>
        <dl className="req-facts">
          <dt>{t('deconfliction.field.window')}</dt>
          <dd>
            <TimeWindow start={conflict.start} end={conflict.end} testId="conflict-window" />
          </dd>
          <dt>{t('deconfliction.field.district')}</dt>
          <dd data-testid="conflict-district">
            <DistrictName code={conflict.district} />
          </dd>
          <dt>{t('deconfliction.field.distance')}</dt>
          <dd data-testid="conflict-distance">
            <Distance metres={conflict.distance_m} />
          </dd>
        </dl>
        <div className="dcf-sides" data-testid="conflict-sides">
          {conflict.sides.map((s, i) => (
            <SideFacts key={s.ref} side={s} first={i === 0} ctx={ctx} />
          ))}
        </div>
      </section>
      <section className="req-section" aria-label={t('deconfliction.conflict.map')}>
        <h2 className="req-section__title">{t('deconfliction.conflict.map')}</h2>
        <FootprintMap
          testId="conflict-map"
          label={t('deconfliction.conflict.map')}
          mode={drawn.mode}
          vertices={drawn.vertices}
          bufferM={first.footprint.buffer_m}
          alternative={second.footprint.geometry}
          alternativeBufferM={second.footprint.buffer_m}
          className="req-map--small"
        />
        <p className="req-map-legend" data-testid="conflict-legend">
          <span className="req-map-legend__item">
            {t('deconfliction.conflict.legend_first', {
              party: partyName(first.party, ctx.parties, ctx.language),
              ref: first.ref,
            })}
          </span>
          <span className="req-map-legend__item req-map-legend__item--proposed">
            {t('deconfliction.conflict.legend_second', {
              party: partyName(second.party, ctx.parties, ctx.language),
              ref: second.ref,
            })}
          </span>
        </p>
      </section>
    </div>
  );
}

function Resolution({ conflict, ctx }: { conflict: Conflict; ctx: FormatContext }) {
  const { t } = useTranslation();
  if (conflict.state !== 'resolved' || !conflict.outcome) return null;
  return (
    <section className="req-section" data-testid="resolution" aria-label={t('deconfliction.conflict.resolution')}>
      <h2 className="req-section__title">{t('deconfliction.conflict.resolution')}</h2>
      <dl className="req-facts">
        <dt>{t('deconfliction.field.outcome')}</dt>
        <dd data-testid="resolution-outcome" data-outcome={conflict.outcome}>
          {t(`deconfliction.outcome.${conflict.outcome}`)}
          {conflict.auto && (
            <>
              {' · '}
              <span className="req-muted">{t('deconfliction.conflict.auto')}</span>
            </>
          )}
        </dd>
        {conflict.note && (
          <>
            <dt>{t('deconfliction.field.note')}</dt>
            <dd dir="auto">{conflict.note}</dd>
          </>
        )}
        {conflict.resolved_at && (
          <>
            <dt>{t('deconfliction.field.resolved_at')}</dt>
            <dd>
              <time dateTime={conflict.resolved_at}>{formatDateTime(conflict.resolved_at, ctx.locale)}</time>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

export function ConflictPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const ctx = useFormatContext();
  const changed = latestEventSeq(useStreamEvents(), ['conflict.'], id);
  const {
    record: conflict,
    setRecord: setConflict,
    loadError,
    reload,
  } = useRecord<Conflict>((signal) => getConflict(api, id, signal), id, changed);
  const [receipt, setReceipt] = useState<ConflictReceipt | null>(null);

  useEffect(() => setReceipt(null), [id]);

  const onDone = useCallback(
    (r: ConflictReceipt) => {
      setReceipt(r);
      setConflict(r);
    },
    [setConflict],
  );

  if (!conflict) {
    return (
      <div className="req-page" data-testid="conflict-page">
        <RecordPlaceholder
          error={loadError}
          errorKeys={kDeconflictionErrorKeys}
          backHref={routeHash({ page: 'conflicts' })}
          backLabel={t('deconfliction.conflict.back')}
        />
      </div>
    );
  }

  const c = conflict;
  const full = isFullView(c);
  return (
    <div
      className="req-page req-detail"
      data-testid="conflict-page"
      data-id={c.id}
      data-state={c.state}
      data-view={full ? 'full' : 'pointer'}
    >
      <header className="req-detail__head">
        <h1 className="req-page__title">
          <bdi data-testid="conflict-id">{c.id}</bdi>
        </h1>
        <ConflictStateBadge state={c.state} />
      </header>

      {receipt && (
        <p className="req-receipt" role="status" data-testid="receipt">
          {t('deconfliction.conflict.receipt', {
            state: t(`deconfliction.conflict_state.${receipt.state}`),
            seq: receipt.seq,
          })}
        </p>
      )}

      {full ? <FullView conflict={c} ctx={ctx} /> : <PointerView conflict={c} ctx={ctx} />}

      <section className="req-section" aria-label={t('deconfliction.field.acknowledged')}>
        <h2 className="req-section__title">{t('deconfliction.field.acknowledged')}</h2>
        <Acknowledgements conflict={c} ctx={ctx} />
        {canAcknowledge(session.me, c) && <AcknowledgeForm conflict={c} onDone={onDone} onStale={reload} />}
      </section>

      <Resolution conflict={c} ctx={ctx} />
      {canResolve(session.me, c) && <ResolveForm conflict={c} onDone={onDone} onStale={reload} />}
    </div>
  );
}

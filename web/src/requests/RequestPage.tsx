// One coordination request: who asks whom for what, where and when (with
// the footprint on a small map, and a proposed one dashed beside it), who
// logged it when it came by phone or radio, the Oslo areas and the
// coordination required, the linked records, the deadlines with live
// countdowns, the decision (with a proposed footprint's areas), the actions
// this user may take, the comment thread, and the timeline of events, each
// with its seq and a proof that it is in the signed audit log. Reloaded
// when an event about this request arrives on the shell's stream.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import {
  getRequest,
  inclusionProof,
  type DeadlineStage,
  type InclusionProof,
  type RequestReceipt,
  type RequestRecord,
  type TimelineEntry,
} from '../api/requests';
import { useApi, useSession } from '../app/context';
import { useStreamEvents } from '../shell/routes';
import {
  AreaList,
  CoordinationList,
  Countdown,
  ErrorMessage,
  isolate,
  LinkList,
  PrecedenceBadge,
  RecordPlaceholder,
  StateBadge,
  useLanguage,
  useParties,
} from './common';
import { governorateName } from '../common/governorates';
import { fromGeometry } from './draw';
import { latestEventSeq, type EventFacts } from '../common/events';
import { formatDateTime } from '../common/time';
import { useNow } from '../common/useNow';
import { useRecord } from '../common/useRecord';
import { partyName, timelineFields, type TimelineField } from './format';
import { FootprintMap } from './FootprintMap';
import { linksIn } from './links';
import { CommentForm, RequestActions } from './RequestActions';
import { availableActions, isTerminal } from './state';
import './requests.css';

/** The highest seq of an event about request `id`, 0 when none. */
export function latestEventFor(events: readonly EventFacts[], id: string): number {
  return latestEventSeq(events, ['request.'], id);
}

/** "request.decided" -> "decided". */
function eventName(type: string): string {
  return type.startsWith('request.') ? type.slice('request.'.length) : type;
}

function DeadlineRow({
  request,
  stage,
  by,
  metAt,
  nowMs,
}: {
  request: RequestRecord;
  stage: DeadlineStage;
  by: string | null;
  metAt: string | null;
  nowMs: number;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  if (!by) return null;
  const overdue = request.overdue.includes(stage);
  const late = metAt !== null && Date.parse(metAt) > Date.parse(by);
  let status;
  if (metAt) {
    status = (
      <span className={late ? 'req-late' : 'req-ok'}>
        {t(late ? 'requests.deadline.met_late' : 'requests.deadline.met', { at: formatDateTime(metAt, locale) })}
      </span>
    );
  } else if (isTerminal(request.state, request.type)) {
    status = <span className="req-muted">{t('requests.deadline.closed')}</span>;
  } else {
    status = <Countdown at={by} nowMs={nowMs} testId={`countdown-${stage}`} />;
  }
  return (
    <tr data-testid={`deadline-${stage}`} data-overdue={overdue}>
      <th scope="row">{t(`requests.stage.${stage}`)}</th>
      <td>
        <time dateTime={by}>{formatDateTime(by, locale)}</time>
      </td>
      <td>{status}</td>
      <td>
        {overdue && (
          <span className="req-overdue" data-testid={`overdue-${stage}`}>
            {t('requests.deadline.overdue')}
          </span>
        )}
      </td>
    </tr>
  );
}

/**
 * True when the server refused a proof because the event is newer than the
 * latest signed tree head (heads are signed every minute or so): a wait,
 * not an error.
 */
export function isNotYetSigned(e: unknown): boolean {
  return isApiError(e) && e.status === 400 && e.problem.field === '/seq';
}

function ProofButton({ seq }: { seq: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'loading' }
    | { kind: 'done'; proof: InclusionProof }
    | { kind: 'pending' }
    | { kind: 'error'; error: unknown }
  >({ kind: 'idle' });
  const load = () => {
    setState({ kind: 'loading' });
    inclusionProof(api, seq)
      .then((proof) => setState({ kind: 'done', proof }))
      .catch((error: unknown) => setState(isNotYetSigned(error) ? { kind: 'pending' } : { kind: 'error', error }));
  };
  return (
    <div className="req-proof" data-testid={`proof-${seq}`} data-state={state.kind}>
      {state.kind !== 'done' && (
        <button
          type="button"
          className="button button--quiet req-proof__button"
          data-testid={`proof-button-${seq}`}
          disabled={state.kind === 'loading'}
          onClick={load}
        >
          {state.kind === 'loading' ? t('app.loading') : state.kind === 'pending' ? t('app.retry') : t('requests.proof.show')}
        </button>
      )}
      {state.kind === 'pending' && (
        <p className="req-muted" role="status" data-testid={`proof-pending-${seq}`}>
          {t('requests.proof.not_yet')}
        </p>
      )}
      {state.kind === 'done' && (
        <dl className="req-proof__facts" data-testid={`proof-facts-${seq}`}>
          <dt>{t('requests.proof.leaf_hash')}</dt>
          <dd className="req-hash" data-testid="proof-leaf-hash">
            {state.proof.leaf_hash}
          </dd>
          <dt>{t('requests.proof.tree_size')}</dt>
          <dd data-testid="proof-tree-size">{state.proof.tree_size}</dd>
          <dt>{t('requests.proof.path')}</dt>
          <dd>{t('requests.proof.path_length', { n: state.proof.audit_path.length })}</dd>
        </dl>
      )}
      {state.kind === 'error' && <ErrorMessage error={state.error} testId={`proof-error-${seq}`} />}
    </div>
  );
}

function FieldValue({ field, value }: { field: TimelineField; value: string }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  switch (field) {
    case 'outcome':
      return <>{t(`requests.state.${value}`, { defaultValue: value })}</>;
    case 'stage':
      return <>{t(`requests.stage.${value}`, { defaultValue: value })}</>;
    case 'channel':
      return <>{t(`requests.channel.${value}`, { defaultValue: value })}</>;
    case 'kind':
      return <>{t(`requests.comment.kind_${value}`, { defaultValue: value })}</>;
    case 'action':
      return <>{t(`requests.call.action_${value}`, { defaultValue: value })}</>;
    case 'due_at':
      return <time dateTime={value}>{formatDateTime(value, locale)}</time>;
    default:
      return <bdi dir="auto">{value}</bdi>;
  }
}

function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  return (
    <ol className="req-timeline" data-testid="timeline">
      {entries.map((e) => (
        <li key={e.seq} className="req-timeline__entry" data-testid="timeline-entry" data-seq={e.seq} data-type={e.type}>
          <div className="req-timeline__head">
            <span className="req-seq" data-testid="timeline-seq">
              {t('requests.timeline.seq', { seq: e.seq })}
            </span>
            <strong>{t(`requests.event.${eventName(e.type)}`, { defaultValue: e.type })}</strong>
            <time dateTime={e.at} className="req-muted">
              {formatDateTime(e.at, locale)}
            </time>
            <bdi className="req-muted">{e.actor}</bdi>
          </div>
          {timelineFields(e.type, e.body).length > 0 && (
            <dl className="req-timeline__body">
              {timelineFields(e.type, e.body).map(([k, v]) => (
                <div key={k} className="req-timeline__field">
                  <dt>{t(`requests.timeline.field.${k}`)}</dt>
                  <dd>
                    <FieldValue field={k} value={v} />
                  </dd>
                </div>
              ))}
            </dl>
          )}
          <ProofButton seq={e.seq} />
        </li>
      ))}
    </ol>
  );
}

function Comments({ entries }: { entries: readonly TimelineEntry[] }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const comments = entries.filter((e) => e.type === 'request.commented');
  if (comments.length === 0) return <p className="req-muted">{t('requests.comment.none')}</p>;
  return (
    <ol className="req-comments" data-testid="comments">
      {comments.map((c) => {
        const kind = c.body['kind'] === 'reminder' ? 'reminder' : 'comment';
        const links = linksIn(c.body);
        return (
          <li key={c.seq} className={`req-comment req-comment--${kind}`} data-testid="comment" data-kind={kind}>
            <div className="req-comment__head">
              <bdi className="req-comment__actor">{c.actor}</bdi>
              {kind === 'reminder' && <span className="req-chip">{t('requests.comment.kind_reminder')}</span>}
              <time dateTime={c.at} className="req-muted">
                {formatDateTime(c.at, locale)}
              </time>
            </div>
            <p className="req-comment__text" dir="auto">
              {typeof c.body['text'] === 'string' ? c.body['text'] : ''}
            </p>
            {links.length > 0 && <LinkList links={links} testId="comment-links" />}
          </li>
        );
      })}
    </ol>
  );
}

export interface RequestPageProps {
  id: string;
  /** Clock, injectable for tests. */
  now?: () => number;
}

export function RequestPage({ id, now = Date.now }: RequestPageProps) {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const { language, locale } = useLanguage();
  const parties = useParties();
  const nowMs = useNow(now);
  const changed = latestEventFor(useStreamEvents(), id);

  const { record: detail, loadError, reload } = useRecord((signal) => getRequest(api, id, signal), id, changed);
  const [receipt, setReceipt] = useState<RequestReceipt | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  // A different request starts without the previous one's receipt or error.
  useEffect(() => {
    setReceipt(null);
    setActionError(null);
  }, [id]);

  // Computed once per load, not on every tick of the clock.
  const footprint = useMemo(() => (detail?.footprint ? fromGeometry(detail.footprint.geometry) : null), [detail]);
  // A footprint the decision proposes, unless it is already the request's
  // (starting on a counter-proposal adopts it).
  const proposed = useMemo(() => {
    const p = detail?.decision?.footprint ?? null;
    if (!p) return null;
    const same = detail?.footprint && JSON.stringify(detail.footprint.geometry) === JSON.stringify(p.geometry);
    return same ? null : p;
  }, [detail]);

  const onDone = useCallback(
    (r: RequestReceipt) => {
      setReceipt(r);
      reload();
    },
    [reload],
  );

  if (!detail) {
    return (
      <div className="req-page" data-testid="request-page">
        <RecordPlaceholder
          error={loadError}
          backHref="#/requests?box=inbox"
          backLabel={t('requests.page.back')}
        />
      </div>
    );
  }

  const r = detail;
  const party = (p: string) => partyName(p, parties, language);
  const canComment = availableActions(session.me, r).includes('comment');

  return (
    <div className="req-page req-detail" data-testid="request-page" data-id={r.id} data-state={r.state}>
      <header className="req-detail__head">
        <h1 className="req-page__title">
          <bdi data-testid="request-id">{r.id}</bdi>
        </h1>
        <StateBadge state={r.state} />
        <PrecedenceBadge precedence={r.precedence} />
        <span className="req-chip" data-testid="request-type">
          {t(`requests.type.${r.type}`)}
        </span>
        {r.armed && <span className="req-chip req-chip--armed">{t('requests.page.armed')}</span>}
        {r.channel !== 'network' && (
          <span className="req-chip req-chip--call" data-testid="request-channel" data-channel={r.channel}>
            {t(`requests.channel.${r.channel}`)}
          </span>
        )}
      </header>
      <p className="req-detail__title" dir="auto" data-testid="request-title">
        {r.title}
      </p>
      {r.channel !== 'network' && (
        <p className="req-logged" role="note" data-testid="request-logged-call">
          {t(`requests.page.logged.${r.channel}`, { caller: isolate(r.caller ?? '—'), by: isolate(r.created_by) })}
        </p>
      )}

      {receipt && (
        <p className="req-receipt" role="status" data-testid="receipt">
          {t('requests.page.receipt', { state: t(`requests.state.${receipt.state}`), seq: receipt.seq })}
        </p>
      )}

      <div className="req-detail__grid">
        <section className="req-section" aria-label={t('requests.page.summary')}>
          <dl className="req-facts">
            <dt>{t('requests.field.from')}</dt>
            <dd data-testid="request-from">
              <bdi>{party(r.from_party)}</bdi>
              {r.from_unit && (
                <span className="req-muted">
                  {' · '}
                  <bdi>{r.from_unit}</bdi>
                </span>
              )}
            </dd>
            <dt>{t('requests.field.to')}</dt>
            <dd data-testid="request-to">
              <bdi>{party(r.to_party)}</bdi>
              {r.to_unit && (
                <span className="req-muted">
                  {' · '}
                  <bdi>{r.to_unit}</bdi>
                </span>
              )}
            </dd>
            <dt>{t('requests.field.created')}</dt>
            <dd>
              <time dateTime={r.created_at}>{formatDateTime(r.created_at, locale)}</time>
              {' · '}
              <bdi>{r.created_by}</bdi>
            </dd>
            <dt>{t('requests.field.districts')}</dt>
            <dd data-testid="request-districts">
              <bdi>
                {(r.districts.length > 0 ? r.districts : r.district ? [r.district] : [])
                  .map((d) => governorateName(d, language))
                  .join(', ') || '—'}
              </bdi>
            </dd>
            <dt>{t('requests.field.areas')}</dt>
            <dd>
              <AreaList areas={r.areas} testId="request-areas" />
              {r.outside && <p className="req-warning">{t('requests.evaluation.outside')}</p>}
            </dd>
            <dt>{t('requests.field.coordination')}</dt>
            <dd>
              <CoordinationList coordination={r.coordination} parties={parties} testId="request-coordination" />
            </dd>
            {r.links.length > 0 && (
              <>
                <dt>{t('requests.field.links')}</dt>
                <dd>
                  <LinkList links={r.links} testId="request-links" />
                </dd>
              </>
            )}
          </dl>
          {r.details && (
            <p className="req-detail__details" dir="auto" data-testid="request-details">
              {r.details}
            </p>
          )}
        </section>

        {(r.footprint || proposed) && (
          <section className="req-section" aria-label={t('requests.page.footprint')}>
            <h2 className="req-section__title">{t('requests.page.footprint')}</h2>
            <FootprintMap
              testId="request-map"
              label={t('requests.page.footprint')}
              mode={footprint?.mode ?? 'point'}
              vertices={footprint?.vertices ?? []}
              bufferM={r.footprint?.buffer_m ?? 0}
              alternative={proposed?.geometry ?? null}
              alternativeBufferM={proposed?.buffer_m}
              className="req-map--small"
            />
            {proposed && (
              <p className="req-map-legend" data-testid="map-legend">
                {r.footprint && (
                  <span className="req-map-legend__item req-map-legend__item--requested">
                    {t('requests.page.legend_requested')}
                  </span>
                )}
                <span className="req-map-legend__item req-map-legend__item--proposed">
                  {t('requests.page.legend_proposed')}
                </span>
              </p>
            )}
            {r.footprint && (
              <dl className="req-facts">
                <dt>{t('requests.field.window')}</dt>
                <dd>
                  <time dateTime={r.footprint.start}>{formatDateTime(r.footprint.start, locale)}</time>
                  {' – '}
                  <time dateTime={r.footprint.end}>{formatDateTime(r.footprint.end, locale)}</time>
                </dd>
                <dt>{t('requests.field.buffer_m')}</dt>
                <dd>{r.footprint.buffer_m}</dd>
              </dl>
            )}
          </section>
        )}

        {r.movement && (
          <section className="req-section" data-testid="request-movement" aria-label={t('requests.movement.title')}>
            <h2 className="req-section__title">{t('requests.movement.title')}</h2>
            <dl className="req-facts">
              <dt>{t('requests.movement.personnel')}</dt>
              <dd>{r.movement.personnel}</dd>
              {r.movement.vehicles.length > 0 && (
                <>
                  <dt>{t('requests.movement.vehicles')}</dt>
                  <dd>
                    <ul className="req-list">
                      {r.movement.vehicles.map((v, i) => (
                        <li key={i}>
                          <bdi dir="ltr">{v.plate}</bdi>
                          {v.description && (
                            <span className="req-muted">
                              {' · '}
                              <bdi>{v.description}</bdi>
                            </span>
                          )}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              )}
              {r.movement.weapons.length > 0 && (
                <>
                  <dt>{t('requests.movement.weapons')}</dt>
                  <dd>
                    <ul className="req-list">
                      {r.movement.weapons.map((w, i) => (
                        <li key={i}>
                          {t('requests.movement.weapon_line', { kind: w.kind, n: w.count })}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              )}
              {r.movement.return_at && (
                <>
                  <dt>{t('requests.movement.return_at')}</dt>
                  <dd>
                    <time dateTime={r.movement.return_at}>{formatDateTime(r.movement.return_at, locale)}</time>
                  </dd>
                </>
              )}
              {r.movement.route_description && (
                <>
                  <dt>{t('requests.movement.route_description')}</dt>
                  <dd dir="auto">{r.movement.route_description}</dd>
                </>
              )}
            </dl>
          </section>
        )}

        <section className="req-section" aria-label={t('requests.page.deadlines')}>
          <h2 className="req-section__title">{t('requests.page.deadlines')}</h2>
          <table className="req-deadlines" data-testid="deadlines">
            <tbody>
              <DeadlineRow request={r} stage="acknowledge" by={r.acknowledge_by} metAt={r.acknowledged_at} nowMs={nowMs} />
              <DeadlineRow request={r} stage="decide" by={r.decide_by} metAt={r.decided_at} nowMs={nowMs} />
            </tbody>
          </table>
        </section>

        {r.decision && (
          <section className="req-section" data-testid="decision" aria-label={t('requests.page.decision')}>
            <h2 className="req-section__title">{t('requests.page.decision')}</h2>
            <dl className="req-facts">
              <dt>{t('requests.decision.outcome')}</dt>
              <dd data-testid="decision-outcome">{t(`requests.state.${r.decision.outcome}`)}</dd>
              {r.decision.reason && (
                <>
                  <dt>{t('requests.decision.reason')}</dt>
                  <dd dir="auto">{r.decision.reason}</dd>
                </>
              )}
              {r.decision.conditions && (
                <>
                  <dt>{t('requests.decision.conditions')}</dt>
                  <dd dir="auto" data-testid="decision-conditions">
                    {r.decision.conditions}
                  </dd>
                </>
              )}
              {r.decision.footprint && (
                <>
                  <dt>{t('requests.decision.proposed_window')}</dt>
                  <dd data-testid="decision-window">
                    <time dateTime={r.decision.footprint.start}>{formatDateTime(r.decision.footprint.start, locale)}</time>
                    {' – '}
                    <time dateTime={r.decision.footprint.end}>{formatDateTime(r.decision.footprint.end, locale)}</time>
                  </dd>
                  {proposed && (
                    <>
                      <dt>{t('requests.decision.proposed_footprint')}</dt>
                      <dd data-testid="decision-footprint">
                        {t(`requests.decision.shape_${fromGeometry(proposed.geometry).mode}`)}
                        {' · '}
                        {t('requests.decision.buffer', { n: proposed.buffer_m })}
                      </dd>
                    </>
                  )}
                  {r.decision.areas && (
                    <>
                      <dt>{t('requests.decision.proposed_areas')}</dt>
                      <dd>
                        <AreaList areas={r.decision.areas} testId="decision-areas" />
                      </dd>
                    </>
                  )}
                  {r.decision.districts && r.decision.districts.length > 0 && (
                    <>
                      <dt>{t('requests.field.districts')}</dt>
                      <dd data-testid="decision-districts">
                        <bdi>{r.decision.districts.map((d) => governorateName(d, language)).join(', ')}</bdi>
                      </dd>
                    </>
                  )}
                </>
              )}
              <dt>{t('requests.decision.by')}</dt>
              <dd>
                <bdi>{r.decision.by}</bdi>
                {' · '}
                <time dateTime={r.decision.at}>{formatDateTime(r.decision.at, locale)}</time>
                {' · '}
                {t('requests.timeline.seq', { seq: r.decision.seq })}
              </dd>
            </dl>
          </section>
        )}
      </div>

      <ErrorMessage error={actionError} testId="action-error" />
      <RequestActions request={r} onDone={onDone} onStale={reload} onError={setActionError} />

      <section className="req-section" aria-label={t('requests.page.comments')}>
        <h2 className="req-section__title">{t('requests.page.comments')}</h2>
        <Comments entries={r.timeline} />
        {canComment && <CommentForm request={r} onDone={onDone} onStale={reload} />}
      </section>

      <section className="req-section" aria-label={t('requests.page.timeline')}>
        <h2 className="req-section__title">{t('requests.page.timeline')}</h2>
        <Timeline entries={r.timeline} />
      </section>
    </div>
  );
}

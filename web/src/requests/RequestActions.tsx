// The actions a user may take on one request (state.ts decides which):
// acknowledge, decide, start, complete, withdraw, log a call (duty
// officers), and comment. Each call's reply carries the seq of its event;
// the page shows it as the receipt. A 403 or 409 is shown as a message.
//
// A decision with conditions or a counter-proposal may propose a new
// footprint: a different window, and a different route or area drawn on
// the same map tools as the new-request form. A comment may carry links.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import {
  acknowledgeRequest,
  commentOnRequest,
  completeRequest,
  decideRequest,
  kCallChannels,
  kOutcomes,
  logCall,
  startRequest,
  withdrawRequest,
  type CallAction,
  type CallChannel,
  type CommentBody,
  type CommentKind,
  type DecideBody,
  type FootprintGeometry,
  type Outcome,
  type RequestReceipt,
  type RequestRecord,
} from '../api/requests';
import { useApi, useSession } from '../app/context';
import { useCall } from '../common/useCall';
import { ErrorMessage } from './common';
import { kDefaultBufferM, kBufferStepM, kMaxBufferM } from './draft';
import { buildGeometry, fromGeometry, verticesNeeded, type DrawMode, type Vertex } from './draw';
import { fieldForPointer, fromInputValue, toInputValue } from './format';
import { FootprintDrawer, type Drawing } from './FootprintDrawer';
import { linkFields, linksOf, validateLinks, type LinkRow } from './links';
import { LinksEditor } from './LinksEditor';
import { availableActions, callActions, missingDecisionField } from './state';

export interface RequestActionsProps {
  request: RequestRecord;
  /** Called with each successful reply (the receipt). */
  onDone(receipt: RequestReceipt): void;
  /** Called after a 409: the page is stale and reloads. */
  onStale(): void;
  /** Called with a failed transition's error, and with null when one starts. */
  onError(error: unknown): void;
}

export interface DecisionFields {
  outcome: Outcome;
  reason: string;
  conditions: string;
  /** datetime-local values of the proposed window. */
  start: string;
  end: string;
  /** Propose a different route or area, drawn on the map. */
  redraw: boolean;
  mode: DrawMode;
  vertices: Vertex[];
  buffer_m: string;
}

export function emptyDecision(r: Pick<RequestRecord, 'footprint'>): DecisionFields {
  const parse = (iso: string | undefined) => (iso && !Number.isNaN(Date.parse(iso)) ? toInputValue(new Date(iso)) : '');
  return {
    outcome: 'approved',
    reason: '',
    conditions: '',
    start: parse(r.footprint?.start),
    end: parse(r.footprint?.end),
    redraw: false,
    // A new drawing starts empty, in the mode of the request's footprint
    // (which stays on the map, dashed, for reference).
    mode: r.footprint ? fromGeometry(r.footprint.geometry).mode : 'route',
    vertices: [],
    buffer_m: String(r.footprint?.buffer_m ?? kDefaultBufferM),
  };
}

/** Outcomes that may propose a new footprint (a new window, route or area). */
const kProposesFootprint: readonly Outcome[] = ['approved_with_conditions', 'counter_proposed'];

function proposesFootprint(f: Pick<DecisionFields, 'outcome'>): boolean {
  return kProposesFootprint.includes(f.outcome);
}

function isWholeNumber(s: string): boolean {
  return /^\d+$/.test(s.trim());
}

export type FootprintField = 'geometry' | 'start' | 'end' | 'buffer_m';

/**
 * What is wrong with a proposed route or area (field -> i18n key); empty
 * when nothing is redrawn. A drawn footprint needs its window and buffer.
 */
export function proposalErrors(f: DecisionFields): Partial<Record<FootprintField, string>> {
  const errors: Partial<Record<FootprintField, string>> = {};
  if (!proposesFootprint(f) || !f.redraw) return errors;
  if (f.vertices.length === 0) errors.geometry = 'requests.validation.draw_proposal';
  else if (verticesNeeded(f.mode, f.vertices) > 0) errors.geometry = `requests.validation.needs_points_${f.mode}`;
  const start = fromInputValue(f.start);
  const end = fromInputValue(f.end);
  if (!start) errors.start = 'requests.validation.required';
  if (!end) errors.end = 'requests.validation.required';
  if (start && end && Date.parse(end) <= Date.parse(start)) errors.end = 'requests.validation.end_before_start';
  if (!isWholeNumber(f.buffer_m) || Number(f.buffer_m) > kMaxBufferM) errors.buffer_m = 'requests.validation.buffer';
  return errors;
}

/**
 * The decide body for the fields. An approval with conditions or a
 * counter-proposal carries a new footprint when it draws a different route
 * or area (with its buffer and window), or when it moves the window of the
 * request's own footprint.
 */
export function decideBody(r: Pick<RequestRecord, 'footprint'>, f: DecisionFields): DecideBody {
  const body: DecideBody = { outcome: f.outcome };
  if (f.reason.trim()) body.reason = f.reason.trim();
  if (f.conditions.trim()) body.conditions = f.conditions.trim();
  if (!proposesFootprint(f)) return body;
  const start = fromInputValue(f.start);
  const end = fromInputValue(f.end);
  const geometry = f.redraw ? buildGeometry(f.mode, f.vertices) : null;
  if (geometry && start && end) {
    const buffer = isWholeNumber(f.buffer_m) ? Math.min(Number(f.buffer_m), kMaxBufferM) : (r.footprint?.buffer_m ?? 0);
    body.footprint = { geometry, buffer_m: buffer, start, end };
  } else if (r.footprint && start && end && (start !== r.footprint.start || end !== r.footprint.end)) {
    body.footprint = { ...r.footprint, start, end };
  }
  return body;
}

/**
 * Outcome, reason, conditions and, for conditions or a counter-proposal, a
 * new window and optionally a different route or area drawn on the map.
 */
function DecisionInputs({
  value,
  onChange,
  missing,
  footprintErrors,
  reference,
  prefix,
}: {
  value: DecisionFields;
  onChange(patch: Partial<DecisionFields> | ((f: DecisionFields) => Partial<DecisionFields>)): void;
  missing: 'reason' | 'conditions' | null;
  /** Shown once the user tried to send. */
  footprintErrors: Partial<Record<FootprintField, string>>;
  /** The request's footprint geometry, shown dashed under a new drawing. */
  reference: FootprintGeometry | null;
  prefix: string;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const error = (name: 'reason' | 'conditions') =>
    missing === name ? (
      <p className="req-field__error" data-testid={`${prefix}-error-${name}`}>
        {t('requests.validation.required')}
      </p>
    ) : null;
  const footprintError = (name: FootprintField) => {
    const key = footprintErrors[name];
    return key ? (
      <p className="req-field__error" data-testid={`${prefix}-error-${name}`}>
        {t(key)}
      </p>
    ) : null;
  };
  const proposes = proposesFootprint(value);
  const onDraw = (change: (d: Drawing) => Drawing) =>
    onChange((f) => change({ mode: f.mode, vertices: f.vertices }));
  return (
    <>
      <div className="field">
        <label htmlFor={`${ids}-outcome`}>{t('requests.decision.outcome')}</label>
        <select
          id={`${ids}-outcome`}
          data-testid={`${prefix}-outcome`}
          value={value.outcome}
          onChange={(e) => onChange({ outcome: e.target.value as Outcome })}
        >
          {kOutcomes.map((o) => (
            <option key={o} value={o}>
              {t(`requests.state.${o}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-reason`}>{t('requests.decision.reason')}</label>
        <textarea
          id={`${ids}-reason`}
          data-testid={`${prefix}-reason`}
          dir="auto"
          rows={2}
          aria-invalid={missing === 'reason' || undefined}
          value={value.reason}
          onChange={(e) => onChange({ reason: e.target.value })}
        />
        {error('reason')}
      </div>
      <div className="field">
        <label htmlFor={`${ids}-conditions`}>{t('requests.decision.conditions')}</label>
        <textarea
          id={`${ids}-conditions`}
          data-testid={`${prefix}-conditions`}
          dir="auto"
          rows={2}
          aria-invalid={missing === 'conditions' || undefined}
          value={value.conditions}
          onChange={(e) => onChange({ conditions: e.target.value })}
        />
        {error('conditions')}
      </div>
      {proposes && (reference !== null || value.redraw) && (
        <div className="req-row">
          <div className="field">
            <label htmlFor={`${ids}-start`}>{t('requests.decision.new_start')}</label>
            <input
              id={`${ids}-start`}
              type="datetime-local"
              data-testid={`${prefix}-start`}
              aria-invalid={footprintErrors.start ? true : undefined}
              value={value.start}
              onChange={(e) => onChange({ start: e.target.value })}
            />
            {footprintError('start')}
          </div>
          <div className="field">
            <label htmlFor={`${ids}-end`}>{t('requests.decision.new_end')}</label>
            <input
              id={`${ids}-end`}
              type="datetime-local"
              data-testid={`${prefix}-end`}
              aria-invalid={footprintErrors.end ? true : undefined}
              value={value.end}
              onChange={(e) => onChange({ end: e.target.value })}
            />
            {footprintError('end')}
          </div>
        </div>
      )}
      {proposes && (
        <label className="req-check">
          <input
            type="checkbox"
            data-testid={`${prefix}-redraw`}
            checked={value.redraw}
            onChange={(e) => onChange({ redraw: e.target.checked })}
          />
          {t('requests.decision.redraw')}
        </label>
      )}
      {proposes && value.redraw && (
        <fieldset className="req-fieldset req-proposal" data-testid={`${prefix}-proposal`}>
          <legend>{t('requests.decision.proposed_footprint')}</legend>
          {reference && <p className="req-hint">{t('requests.decision.redraw_hint')}</p>}
          <FootprintDrawer
            drawing={{ mode: value.mode, vertices: value.vertices }}
            onChange={onDraw}
            bufferM={Number(value.buffer_m) || 0}
            testIdPrefix={`${prefix}-`}
            mapTestId={`${prefix}-map`}
            alternative={reference}
            className="req-map--draw"
          />
          {footprintError('geometry')}
          <div className="field">
            <label htmlFor={`${ids}-buffer`}>{t('requests.field.buffer_m')}</label>
            <input
              id={`${ids}-buffer`}
              type="number"
              min={0}
              max={kMaxBufferM}
              step={kBufferStepM}
              inputMode="numeric"
              data-testid={`${prefix}-buffer`}
              aria-invalid={footprintErrors.buffer_m ? true : undefined}
              value={value.buffer_m}
              onChange={(e) => onChange({ buffer_m: e.target.value })}
            />
            {footprintError('buffer_m')}
          </div>
        </fieldset>
      )}
    </>
  );
}

function Panel({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="req-panel" data-testid={testId}>
      <h3 className="req-subtitle">{title}</h3>
      {children}
    </section>
  );
}

function DecideForm({ request, onDone, onStale, onError }: RequestActionsProps) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall(onDone, onStale, onError);
  const [fields, setFields] = useState<DecisionFields>(() => emptyDecision(request));
  const [tried, setTried] = useState(false);
  const missing = missingDecisionField(fields.outcome, fields.reason, fields.conditions);
  const proposal = proposalErrors(fields);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (missing || Object.keys(proposal).length > 0) return;
    if (await call.run(() => decideRequest(api, request.id, decideBody(request, fields)))) {
      setFields(emptyDecision(request));
      setTried(false);
    }
  };
  return (
    <Panel title={t('requests.action.decide')} testId="decide-form">
      <form className="req-form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <DecisionInputs
          prefix="decide"
          value={fields}
          onChange={(p) => setFields((f) => ({ ...f, ...(typeof p === 'function' ? p(f) : p) }))}
          missing={tried ? missing : null}
          footprintErrors={tried ? proposal : {}}
          reference={request.footprint?.geometry ?? null}
        />
        <button type="submit" className="button button--primary" data-testid="action-decide" disabled={call.pending}>
          {t('requests.action.decide')}
        </button>
      </form>
    </Panel>
  );
}

function WithdrawForm({ request, onDone, onStale, onError }: RequestActionsProps) {
  const { t } = useTranslation();
  const api = useApi();
  const ids = useId();
  const call = useCall(onDone, onStale, onError);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <button type="button" className="button" data-testid="action-withdraw" onClick={() => setOpen(true)}>
        {request.state === 'counter_proposed' ? t('requests.action.decline') : t('requests.action.withdraw')}
      </button>
    );
  }
  return (
    <Panel title={t('requests.action.withdraw')} testId="withdraw-form">
      <form
        className="req-form"
        onSubmit={(e) => {
          e.preventDefault();
          void call.run(() => withdrawRequest(api, request.id, reason.trim() || undefined));
        }}
      >
        <div className="field">
          <label htmlFor={`${ids}-reason`}>{t('requests.decision.reason')}</label>
          <textarea
            id={`${ids}-reason`}
            dir="auto"
            rows={2}
            data-testid="withdraw-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <div className="req-actions">
          <button type="submit" className="button button--primary" data-testid="confirm-withdraw" disabled={call.pending}>
            {t('requests.action.confirm_withdraw')}
          </button>
          <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
            {t('requests.action.cancel')}
          </button>
        </div>
      </form>
    </Panel>
  );
}

function LogCallForm({ request, onDone, onStale, onError }: RequestActionsProps) {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const ids = useId();
  const call = useCall(onDone, onStale, onError);
  const actions = callActions(session.me, request);
  const [open, setOpen] = useState(false);
  const [channel, setChannel] = useState<CallChannel>('phone');
  const [caller, setCaller] = useState('');
  const [summary, setSummary] = useState('');
  const [action, setAction] = useState<CallAction>('note');
  const [decision, setDecision] = useState<DecisionFields>(() => emptyDecision(request));
  const [tried, setTried] = useState(false);
  if (!open) {
    return (
      <button type="button" className="button" data-testid="action-log-call" onClick={() => setOpen(true)}>
        {t('requests.action.log_call')}
      </button>
    );
  }
  const chosen = actions.includes(action) ? action : 'note';
  const missingDecision =
    chosen === 'decide' ? missingDecisionField(decision.outcome, decision.reason, decision.conditions) : null;
  const proposal = chosen === 'decide' ? proposalErrors(decision) : {};
  const missingCaller = !caller.trim();
  const missingSummary = !summary.trim();
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (missingCaller || missingSummary || missingDecision || Object.keys(proposal).length > 0) return;
    const body = {
      channel,
      caller: caller.trim(),
      summary: summary.trim(),
      action: chosen,
      ...(chosen === 'decide' ? decideBody(request, decision) : {}),
    };
    if (await call.run(() => logCall(api, request.id, body))) {
      setOpen(false);
      setCaller('');
      setSummary('');
      setAction('note');
      setTried(false);
    }
  };
  const required = (missing: boolean, name: string) =>
    tried && missing ? (
      <p className="req-field__error" data-testid={`call-error-${name}`}>
        {t('requests.validation.required')}
      </p>
    ) : null;
  return (
    <Panel title={t('requests.action.log_call')} testId="log-call-form">
      <form className="req-form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <div className="req-row">
          <div className="field">
            <label htmlFor={`${ids}-channel`}>{t('requests.call.channel')}</label>
            <select
              id={`${ids}-channel`}
              data-testid="call-channel"
              value={channel}
              onChange={(e) => setChannel(e.target.value as CallChannel)}
            >
              {kCallChannels.map((c) => (
                <option key={c} value={c}>
                  {t(`requests.channel.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-action`}>{t('requests.call.action')}</label>
            <select
              id={`${ids}-action`}
              data-testid="call-action"
              value={chosen}
              onChange={(e) => setAction(e.target.value as CallAction)}
            >
              {actions.map((a) => (
                <option key={a} value={a}>
                  {t(`requests.call.action_${a}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-caller`}>{t('requests.call.caller')}</label>
          <input
            id={`${ids}-caller`}
            type="text"
            dir="auto"
            data-testid="call-caller"
            aria-invalid={(tried && missingCaller) || undefined}
            placeholder={t('requests.call.caller_hint')}
            value={caller}
            onChange={(e) => setCaller(e.target.value)}
          />
          {required(missingCaller, 'caller')}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-summary`}>{t('requests.call.summary')}</label>
          <textarea
            id={`${ids}-summary`}
            dir="auto"
            rows={3}
            data-testid="call-summary"
            aria-invalid={(tried && missingSummary) || undefined}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
          />
          {required(missingSummary, 'summary')}
        </div>
        {chosen === 'decide' && (
          <DecisionInputs
            prefix="call"
            value={decision}
            onChange={(p) => setDecision((d) => ({ ...d, ...(typeof p === 'function' ? p(d) : p) }))}
            missing={tried ? missingDecision : null}
            footprintErrors={tried ? proposal : {}}
            reference={request.footprint?.geometry ?? null}
          />
        )}
        <div className="req-actions">
          <button type="submit" className="button button--primary" data-testid="submit-call" disabled={call.pending}>
            {t('requests.call.submit')}
          </button>
          <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
            {t('requests.action.cancel')}
          </button>
        </div>
      </form>
    </Panel>
  );
}

export function CommentForm({ request, onDone, onStale }: Omit<RequestActionsProps, 'onError'>) {
  const { t } = useTranslation();
  const api = useApi();
  const ids = useId();
  const call = useCall(onDone, onStale);
  const [text, setText] = useState('');
  const [kind, setKind] = useState<CommentKind>('comment');
  const [links, setLinks] = useState<LinkRow[]>([]);
  const [linkErrors, setLinkErrors] = useState<Record<string, string>>({});
  // A server problem about one link ("/links/1/id") is shown on its row.
  const placed = isApiError(call.error) ? fieldForPointer(call.error.problem.field, new Set(linkFields(links))) : null;
  const errorFor = (name: string): string | null => {
    const key = linkErrors[name];
    if (key) return t(key);
    if (placed === name && isApiError(call.error)) return call.error.problem.detail || t('errors.invalid_argument');
    return null;
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    const local = validateLinks(links);
    setLinkErrors(local);
    if (Object.keys(local).length > 0) return;
    const body: CommentBody = { text: text.trim(), kind };
    if (links.length > 0) body.links = linksOf(links);
    void call.run(() => commentOnRequest(api, request.id, body)).then((ok) => {
      if (ok) {
        setText('');
        setLinks([]);
      }
    });
  };
  return (
    <form className="req-form req-comment-form" data-testid="comment-form" noValidate onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor={`${ids}-text`}>{t('requests.comment.text')}</label>
        <textarea
          id={`${ids}-text`}
          dir="auto"
          rows={3}
          data-testid="comment-text"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <LinksEditor
        rows={links}
        onChange={(rows) => {
          setLinks(rows);
          setLinkErrors({});
          if (placed) call.clear();
        }}
        errorFor={errorFor}
      />
      <div className="req-row req-row--end">
        <div className="field">
          <label htmlFor={`${ids}-kind`}>{t('requests.comment.kind')}</label>
          <select
            id={`${ids}-kind`}
            data-testid="comment-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as CommentKind)}
          >
            <option value="comment">{t('requests.comment.kind_comment')}</option>
            <option value="reminder">{t('requests.comment.kind_reminder')}</option>
          </select>
        </div>
        <button
          type="submit"
          className="button button--primary"
          data-testid="comment-submit"
          disabled={call.pending || !text.trim()}
        >
          {t('requests.comment.submit')}
        </button>
      </div>
      <ErrorMessage error={placed ? null : call.error} testId="comment-error" />
    </form>
  );
}

/** The transition buttons and forms this user may use; nothing when there are none. */
export function RequestActions(props: RequestActionsProps) {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const { request, onDone, onStale, onError } = props;
  const call = useCall(onDone, onStale, onError);
  const actions = availableActions(session.me, request).filter((a) => a !== 'comment');
  if (actions.length === 0) return null;
  const simple = (name: 'acknowledge' | 'start' | 'complete', label: string, run: () => Promise<RequestReceipt>) => (
    <button
      type="button"
      className="button button--primary"
      data-testid={`action-${name}`}
      disabled={call.pending}
      onClick={() => void call.run(run)}
    >
      {label}
    </button>
  );
  return (
    <section className="req-section req-actions-panel" data-testid="actions" aria-label={t('requests.action.title')}>
      <h2 className="req-section__title">{t('requests.action.title')}</h2>
      <div className="req-actions">
        {actions.includes('acknowledge') &&
          simple('acknowledge', t('requests.action.acknowledge'), () => acknowledgeRequest(api, request.id))}
        {actions.includes('start') &&
          simple(
            'start',
            request.state === 'counter_proposed' ? t('requests.action.accept_start') : t('requests.action.start'),
            () => startRequest(api, request.id),
          )}
        {actions.includes('complete') &&
          simple('complete', t('requests.action.complete'), () => completeRequest(api, request.id))}
        {actions.includes('withdraw') && <WithdrawForm key={`w-${request.updated_seq}`} {...props} />}
        {actions.includes('log_call') && <LogCallForm key={`c-${request.updated_seq}`} {...props} />}
      </div>
      {actions.includes('decide') && <DecideForm key={`d-${request.updated_seq}`} {...props} />}
    </section>
  );
}

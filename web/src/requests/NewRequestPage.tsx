// The new coordination request form: what is asked of whom, the footprint
// drawn on the map (point, route or area) with its time window, and the
// movement details. While the user draws, the server evaluates the draft
// (debounced) and the page shows the Oslo areas crossed and the
// coordination required, before anything is sent. Server validation errors
// are placed on the field their JSON Pointer names; on success the page
// goes to the new request.
//
// A duty officer may instead log a request received by phone, radio, fax
// or in person (the fallback channel): the request is then from the
// calling party, may be addressed to the officer's own party, and is
// evaluated as the calling party's.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import {
  createRequest,
  evaluateRequest,
  kCallChannels,
  kPrecedences,
  kRequestTypes,
  type Evaluation,
} from '../api/requests';
import { useApi, useSession } from '../app/context';
import { navigate } from '../shell/routes';
import { governorateName } from '../common/governorates';
import { AreaList, CoordinationList, ErrorMessage, PartyOptions, useLanguage, useParties } from './common';
import {
  buildDraft,
  carriesMovement,
  defaultWindow,
  kDefaultBufferM,
  kMovementTypes,
  knownFields,
  validateForm,
  type RequestForm,
} from './draft';
import { toInputValue } from './format';
import { EnumSelectField, TextAreaField, TextField, TitleField } from './fields';
import { FootprintInputs } from './FootprintInputs';
import { LinksEditor } from './LinksEditor';
import { useDrawnForm } from './useDrawnForm';
import { isDutyOfficer } from './state';
import './requests.css';

/** Wait this long after the last change before asking the server to evaluate. */
export const kEvaluateDelayMs = 400;

function initialForm(nowMs: number): RequestForm {
  const w = defaultWindow(nowMs);
  return {
    type: 'movement',
    to_party: '',
    precedence: 'ROUTINE',
    title: '',
    details: '',
    mode: 'route',
    vertices: [],
    start: toInputValue(w.start),
    end: toInputValue(w.end),
    buffer_m: String(kDefaultBufferM),
    with_movement: false,
    personnel: '0',
    vehicles: [],
    weapons: [],
    return_at: '',
    route_description: '',
    links: [],
    logged: false,
    call_party: '',
    call_channel: 'phone',
    caller: '',
    call_unit: '',
  };
}

export interface NewRequestPageProps {
  /** Clock, injectable for tests. */
  now?: () => number;
}

export function NewRequestPage({ now = Date.now }: NewRequestPageProps) {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const { language } = useLanguage();
  const parties = useParties();
  const drawn = useDrawnForm(() => initialForm(now()));
  const { form, update, onDraw, fields } = drawn;
  const { ids, errorFor, fieldProps, field } = fields;
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
  const [evaluating, setEvaluating] = useState(false);
  const [evaluationError, setEvaluationError] = useState<unknown>(null);

  const me = session.me;
  const duty = isDutyOfficer(me);
  // A logged call comes from another party; the receiver is any party but
  // the caller's (by default the officer's own, unless the coordinator's).
  const callers = parties.filter((p) => p.id !== me.party);
  const requester = form.logged ? form.call_party : me.party;
  const targets = parties.filter((p) => p.id !== requester);
  const draft = useMemo(() => buildDraft(form), [form]);
  const draftRef = useRef(draft);
  draftRef.current = draft;

  // Only what the server reads for an evaluation triggers one (type,
  // to_party, footprint, movement, and the calling party of a logged call);
  // typing the title, the details or the caller's name does not.
  const evaluationKey =
    draft.footprint && draft.to_party && requester
      ? JSON.stringify([draft.type, draft.to_party, draft.footprint, draft.movement, draft.logged_call?.party ?? null])
      : null;

  useEffect(() => {
    if (evaluationKey === null) {
      setEvaluation(null);
      setEvaluationError(null);
      setEvaluating(false);
      return;
    }
    const abort = new AbortController();
    setEvaluating(true);
    const timer = window.setTimeout(() => {
      evaluateRequest(api, draftRef.current, abort.signal)
        .then((e) => {
          setEvaluation(e);
          setEvaluationError(null);
        })
        .catch((e: unknown) => {
          if (abort.signal.aborted) return;
          if (isApiError(e) && e.status === 401) session.expired();
          setEvaluation(null);
          setEvaluationError(e);
        })
        .finally(() => {
          if (!abort.signal.aborted) setEvaluating(false);
        });
    }, kEvaluateDelayMs);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [api, evaluationKey, session]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const created = await drawn.submit(validateForm, (f) => createRequest(api, buildDraft(f)), knownFields(form));
    if (created) navigate({ page: 'request', id: created.id });
  };

  const withMovement = carriesMovement(form);

  const setLogged = (logged: boolean) => {
    if (logged) {
      // The officer's own party is the usual receiver of a call; the
      // coordinator's desk passes calls on to a party.
      update({ logged, to_party: me.is_coordinator ? form.to_party : me.party });
    } else {
      update({ logged, to_party: form.to_party === me.party ? '' : form.to_party });
    }
  };
  const setCallParty = (call_party: string) =>
    update({ call_party, to_party: form.to_party === call_party ? '' : form.to_party });

  return (
    <div className="req-page req-new" data-testid="new-request-page">
      <h1 className="req-page__title">{t('requests.new.title')}</h1>
      <form ref={drawn.formRef} className="req-new__form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <div className="req-new__columns">
          <section className="req-new__fields" aria-labelledby={`${ids}-what`}>
            <h2 id={`${ids}-what`} className="req-section__title">{t('requests.new.what')}</h2>
            {duty && (
              <label className="req-check req-check--call">
                <input
                  type="checkbox"
                  data-testid="logged-call"
                  checked={form.logged}
                  onChange={(e) => setLogged(e.target.checked)}
                />
                {t('requests.logged.toggle')}
              </label>
            )}
            {duty && form.logged && (
              <fieldset className="req-fieldset req-fieldset--call" data-testid="logged-call-fields">
                <legend>{t('requests.logged.title')}</legend>
                <p className="req-hint">{t('requests.logged.hint')}</p>
                <div className="req-row">
                  {field(
                    'logged_call.party',
                    t('requests.logged.party'),
                    <select
                      {...fieldProps('logged_call.party')}
                      value={form.call_party}
                      required
                      onChange={(e) => setCallParty(e.target.value)}
                    >
                      <option value="">{t('requests.new.choose')}</option>
                      <PartyOptions parties={callers} directory={parties} language={language} />
                    </select>,
                  )}
                  <EnumSelectField
                    fields={fields}
                    name="logged_call.channel"
                    label={t('requests.call.channel')}
                    value={form.call_channel}
                    values={kCallChannels}
                    labelKey="requests.channel"
                    onChange={(call_channel) => update({ call_channel })}
                  />
                </div>
                <div className="req-row">
                  {field(
                    'logged_call.caller',
                    t('requests.call.caller'),
                    <input
                      {...fieldProps('logged_call.caller')}
                      type="text"
                      dir="auto"
                      required
                      placeholder={t('requests.call.caller_hint')}
                      value={form.caller}
                      onChange={(e) => update({ caller: e.target.value })}
                    />,
                  )}
                  <TextField
                    fields={fields}
                    name="logged_call.unit"
                    label={t('requests.logged.unit')}
                    hint={t('requests.logged.unit_hint')}
                    dir="ltr"
                    value={form.call_unit}
                    onChange={(call_unit) => update({ call_unit })}
                  />
                </div>
              </fieldset>
            )}
            <div className="req-row">
              <EnumSelectField
                fields={fields}
                name="type"
                label={t('requests.field.type')}
                value={form.type}
                values={kRequestTypes}
                labelKey="requests.type"
                onChange={(type) => update({ type })}
              />
              {field(
                'to_party',
                t('requests.field.to_party'),
                <select
                  {...fieldProps('to_party')}
                  value={form.to_party}
                  required
                  onChange={(e) => update({ to_party: e.target.value })}
                >
                  <option value="">{t('requests.new.choose')}</option>
                  <PartyOptions parties={targets} directory={parties} language={language} />
                </select>,
              )}
              <EnumSelectField
                fields={fields}
                name="precedence"
                label={t('requests.field.precedence')}
                value={form.precedence}
                values={kPrecedences}
                labelKey="requests.precedence"
                onChange={(precedence) => update({ precedence })}
              />
            </div>
            <p className="req-hint">{t(`requests.type_hint.${form.type}`)}</p>
            <TitleField
              fields={fields}
              name="title"
              label={t('requests.field.title')}
              value={form.title}
              onChange={(title) => update({ title })}
            />
            <TextAreaField
              fields={fields}
              name="details"
              label={t('requests.field.details')}
              hint={t('requests.new.details_hint')}
              value={form.details}
              onChange={(details) => update({ details })}
            />

            {kMovementTypes.includes(form.type) && form.type !== 'movement' && (
              <label className="req-check">
                <input
                  type="checkbox"
                  data-testid="with-movement"
                  checked={form.with_movement}
                  onChange={(e) => update({ with_movement: e.target.checked })}
                />
                {t('requests.new.with_movement')}
              </label>
            )}

            {withMovement && (
              <fieldset className="req-fieldset" data-testid="movement">
                <legend>{t('requests.movement.title')}</legend>
                {errorFor('movement') && (
                  <p className="req-field__error" data-testid="error-movement">
                    {errorFor('movement')}
                  </p>
                )}
                <div className="req-row">
                  {field(
                    'movement.personnel',
                    t('requests.movement.personnel'),
                    <input
                      {...fieldProps('movement.personnel')}
                      type="number"
                      min={0}
                      step={1}
                      inputMode="numeric"
                      value={form.personnel}
                      onChange={(e) => update({ personnel: e.target.value })}
                    />,
                  )}
                  {field(
                    'movement.return_at',
                    t('requests.movement.return_at'),
                    <input
                      {...fieldProps('movement.return_at')}
                      type="datetime-local"
                      value={form.return_at}
                      onChange={(e) => update({ return_at: e.target.value })}
                    />,
                  )}
                </div>

                <h3 className="req-subtitle">{t('requests.movement.vehicles')}</h3>
                {errorFor('movement.vehicles') && (
                  <p className="req-field__error" data-testid="error-movement.vehicles">
                    {errorFor('movement.vehicles')}
                  </p>
                )}
                {form.vehicles.map((v, i) => (
                  <div className="req-row req-row--item" key={i} data-testid={`vehicle-${i}`}>
                    {field(
                      `movement.vehicles.${i}.plate`,
                      t('requests.movement.plate'),
                      <input
                        {...fieldProps(`movement.vehicles.${i}.plate`)}
                        type="text"
                        dir="ltr"
                        value={v.plate}
                        onChange={(e) =>
                          update({ vehicles: form.vehicles.map((x, j) => (j === i ? { ...x, plate: e.target.value } : x)) })
                        }
                      />,
                    )}
                    {field(
                      `movement.vehicles.${i}.description`,
                      t('requests.movement.vehicle_description'),
                      <input
                        {...fieldProps(`movement.vehicles.${i}.description`)}
                        type="text"
                        dir="auto"
                        value={v.description}
                        onChange={(e) =>
                          update({
                            vehicles: form.vehicles.map((x, j) => (j === i ? { ...x, description: e.target.value } : x)),
                          })
                        }
                      />,
                    )}
                    <button
                      type="button"
                      className="button button--quiet req-row__remove"
                      data-testid={`remove-vehicle-${i}`}
                      onClick={() => update({ vehicles: form.vehicles.filter((_, j) => j !== i) })}
                    >
                      {t('requests.movement.remove')}
                    </button>
                  </div>
                ))}
                <button
                  type="button"
                  className="button"
                  data-testid="add-vehicle"
                  onClick={() => update({ vehicles: [...form.vehicles, { plate: '', description: '' }] })}
                >
                  {t('requests.movement.add_vehicle')}
                </button>

                <h3 className="req-subtitle">{t('requests.movement.weapons')}</h3>
                {errorFor('movement.weapons') && (
                  <p className="req-field__error" data-testid="error-movement.weapons">
                    {errorFor('movement.weapons')}
                  </p>
                )}
                {form.weapons.map((w, i) => (
                  <div className="req-row req-row--item" key={i} data-testid={`weapon-${i}`}>
                    {field(
                      `movement.weapons.${i}.kind`,
                      t('requests.movement.weapon_kind'),
                      <input
                        {...fieldProps(`movement.weapons.${i}.kind`)}
                        type="text"
                        dir="auto"
                        value={w.kind}
                        onChange={(e) =>
                          update({ weapons: form.weapons.map((x, j) => (j === i ? { ...x, kind: e.target.value } : x)) })
                        }
                      />,
                    )}
                    {field(
                      `movement.weapons.${i}.count`,
                      t('requests.movement.weapon_count'),
                      <input
                        {...fieldProps(`movement.weapons.${i}.count`)}
                        type="number"
                        min={1}
                        step={1}
                        inputMode="numeric"
                        value={w.count}
                        onChange={(e) =>
                          update({ weapons: form.weapons.map((x, j) => (j === i ? { ...x, count: e.target.value } : x)) })
                        }
                      />,
                    )}
                    <button
                      type="button"
                      className="button button--quiet req-row__remove"
                      data-testid={`remove-weapon-${i}`}
                      onClick={() => update({ weapons: form.weapons.filter((_, j) => j !== i) })}
                    >
                      {t('requests.movement.remove')}
                    </button>
                  </div>
                ))}
                <button
                  type="button"
                  className="button"
                  data-testid="add-weapon"
                  onClick={() => update({ weapons: [...form.weapons, { kind: '', count: '1' }] })}
                >
                  {t('requests.movement.add_weapon')}
                </button>

                <TextAreaField
                  fields={fields}
                  name="movement.route_description"
                  label={t('requests.movement.route_description')}
                  rows={2}
                  value={form.route_description}
                  onChange={(route_description) => update({ route_description })}
                />
              </fieldset>
            )}

            <LinksEditor rows={form.links} onChange={(links) => update({ links })} errorFor={errorFor} />
          </section>

          <section className="req-new__where" aria-labelledby={`${ids}-where`}>
            <h2 id={`${ids}-where`} className="req-section__title">{t('requests.new.where')}</h2>
            <FootprintInputs
              value={form}
              onDraw={onDraw}
              onChange={update}
              fields={fields}
            />

            <section
              className="req-evaluation"
              data-testid="evaluation"
              data-state={evaluating ? 'pending' : evaluation ? 'done' : evaluationError ? 'error' : 'idle'}
              aria-live="polite"
              aria-labelledby={`${ids}-evaluation`}
            >
              <h3 id={`${ids}-evaluation`} className="req-subtitle">{t('requests.evaluation.title')}</h3>
              {evaluationKey === null ? (
                <p className="req-muted">
                  {form.logged && !form.call_party
                    ? t('requests.evaluation.choose_caller')
                    : t('requests.evaluation.draw_first')}
                </p>
              ) : evaluating && !evaluation ? (
                <p className="req-muted" role="status">{t('requests.evaluation.pending')}</p>
              ) : evaluationError ? (
                <ErrorMessage error={evaluationError} testId="evaluation-error" />
              ) : (
                evaluation && (
                  <dl className="req-facts">
                    <dt>{t('requests.field.areas')}</dt>
                    <dd>
                      <AreaList areas={evaluation.areas} testId="evaluation-areas" />
                      {evaluation.outside && (
                        <p className="req-warning" data-testid="evaluation-outside">{t('requests.evaluation.outside')}</p>
                      )}
                    </dd>
                    <dt>{t('requests.field.districts')}</dt>
                    <dd data-testid="evaluation-districts">
                      <bdi>
                        {(evaluation.districts.length > 0
                          ? evaluation.districts
                          : evaluation.district
                            ? [evaluation.district]
                            : []
                        )
                          .map((d) => governorateName(d, language))
                          .join(', ') || '—'}
                      </bdi>
                    </dd>
                    <dt>{t('requests.field.coordination')}</dt>
                    <dd>
                      <CoordinationList
                        coordination={evaluation.coordination}
                        parties={parties}
                        testId="evaluation-coordination"
                      />
                    </dd>
                  </dl>
                )
              )}
            </section>
          </section>
        </div>

        <ErrorMessage error={drawn.submitError} testId="submit-error" />
        <div className="req-actions">
          <button type="submit" className="button button--primary" data-testid="submit-request" disabled={drawn.pending}>
            {drawn.pending ? t('requests.new.sending') : t('requests.new.submit')}
          </button>
          <a className="button button--quiet" href="#/requests?box=outbox">
            {t('requests.new.cancel')}
          </a>
        </div>
      </form>
    </div>
  );
}

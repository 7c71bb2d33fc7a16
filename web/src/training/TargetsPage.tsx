// Force-generation targets ("600 qualified in public-order policing for
// deployment X by date D"), each with its progress: the persons who are
// active, hold the qualification now and are cleared now, against the
// number required, beside those qualified whatever their clearance. The
// coordinator's trainers set new targets. Reloaded on training events.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createTarget, listServices, listTargets, type Service, type Target, type TargetDraft } from '../api/training';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { useCall } from '../common/useCall';
import { usePagedList } from '../common/usePagedList';
import { ErrorMessage, LoadMore, useLanguage } from '../requests/common';
import { focusFirstInvalid, serverFieldError, TextField, useFormFields } from '../requests/fields';
import { useStreamEvents } from '../shell/routes';
import { Gauge, kTrainingErrorKeys, TrainingTabs } from './common';
import { formatDay, isCalendarDate } from './format';
import { canManageTraining, kTrainingEvents, percentOf } from './model';
import '../requests/requests.css';
import './training.css';

/** The registry's services (empty until loaded, or on failure: a code is typed then). */
function useServices(): { services: Service[]; failed: boolean } {
  const api = useApi();
  const [state, setState] = useState<{ services: Service[]; failed: boolean }>({ services: [], failed: false });
  useEffect(() => {
    const abort = new AbortController();
    listServices(api, abort.signal)
      .then((services) => setState({ services, failed: false }))
      .catch(() => {
        if (!abort.signal.aborted) setState({ services: [], failed: true });
      });
    return () => abort.abort();
  }, [api]);
  return state;
}

function serviceName(code: string, services: readonly Service[], language: string): string {
  const s = services.find((x) => x.code === code);
  if (!s) return code;
  const names: Record<string, string | undefined> = { en: s.name_en, ar: s.name_ar, he: s.name_he };
  return names[language] || s.name_en || code;
}

function TargetCard({ target, services }: { target: Target; services: readonly Service[] }) {
  const { t } = useTranslation();
  const { language, locale } = useLanguage();
  const p = target.progress;
  const counted = percentOf(p.qualified_and_cleared, p.required);
  return (
    <li className="trn-target" data-testid="target" data-id={target.id} data-percent={counted}>
      <div className="trn-target__head">
        <strong dir="auto" data-testid="target-title">
          {target.title}
        </strong>
        <span className="req-muted">
          <bdi>{target.id}</bdi>
        </span>
      </div>
      <p className="req-muted trn-target__facts">
        {t('training.targets.facts', { qualification: target.qualification, due: formatDay(target.due_on, locale) })}
        {target.deployment && (
          <>
            {' · '}
            <bdi>{target.deployment}</bdi>
          </>
        )}
        {target.service && (
          <>
            {' · '}
            <bdi>{serviceName(target.service, services, language)}</bdi>
          </>
        )}
      </p>
      <Gauge
        value={p.qualified_and_cleared}
        max={p.required}
        label={t('training.targets.counted_label')}
        text={t('training.targets.counted', { n: p.qualified_and_cleared, required: p.required, percent: counted })}
        tone={p.qualified_and_cleared >= p.required ? 'full' : 'accent'}
        testId="target-counted"
      />
      <Gauge
        value={p.qualified}
        max={p.required}
        label={t('training.targets.qualified_label')}
        text={t('training.targets.qualified', { n: p.qualified })}
        tone="muted"
        testId="target-qualified"
      />
    </li>
  );
}

export interface TargetFields {
  title: string;
  qualification: string;
  required: string;
  due_on: string;
  deployment: string;
  service: string;
}

const kEmpty: TargetFields = { title: '', qualification: '', required: '', due_on: '', deployment: '', service: '' };

/** Local checks, i18n keys by field name. Pure. */
export function validateTarget(f: TargetFields): Record<string, string> {
  const errors: Record<string, string> = {};
  const required = 'requests.validation.required';
  if (!f.title.trim()) errors['title'] = required;
  if (!f.qualification.trim()) errors['qualification'] = required;
  if (!/^\d+$/.test(f.required.trim()) || Number(f.required.trim()) < 1) errors['required'] = 'training.validation.required_count';
  if (!isCalendarDate(f.due_on)) errors['due_on'] = f.due_on ? 'training.validation.date' : required;
  return errors;
}

export function buildTarget(f: TargetFields): TargetDraft {
  const draft: TargetDraft = {
    title: f.title.trim(),
    qualification: f.qualification.trim(),
    required: Number(f.required.trim()),
    due_on: f.due_on,
  };
  if (f.deployment.trim()) draft.deployment = f.deployment.trim();
  if (f.service.trim()) draft.service = f.service.trim();
  return draft;
}

const kFieldNames = new Set(['title', 'qualification', 'required', 'due_on', 'deployment', 'service']);

function TargetForm({ services, servicesFailed, onDone }: { services: readonly Service[]; servicesFailed: boolean; onDone(t: Target): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { language } = useLanguage();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<TargetFields>(kEmpty);
  const [tried, setTried] = useState(false);
  const call = useCall<Target>((target) => {
    setForm(kEmpty);
    setTried(false);
    onDone(target);
  });
  const errors = validateTarget(form);
  const fields = useFormFields(tried ? errors : {}, serverFieldError(call.error, kFieldNames));
  const update = (patch: Partial<TargetFields>) => setForm((f) => ({ ...f, ...patch }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(errors).length > 0) {
      focusFirstInvalid(formRef.current);
      return;
    }
    void call.run(() => createTarget(api, buildTarget(form)));
  };
  return (
    <form ref={formRef} className="req-form" noValidate onSubmit={onSubmit} data-testid="target-form">
      <div className="req-row">
        <TextField
          fields={fields}
          name="title"
          label={t('training.field.target_title')}
          required
          maxLength={200}
          value={form.title}
          onChange={(title) => update({ title })}
          hint={t('training.targets.title_hint')}
        />
      </div>
      <div className="req-row">
        <TextField
          fields={fields}
          name="qualification"
          label={t('training.field.qualification')}
          dir="ltr"
          required
          maxLength={32}
          value={form.qualification}
          onChange={(qualification) => update({ qualification })}
        />
        {fields.field(
          'required',
          t('training.field.required'),
          <input
            {...fields.fieldProps('required')}
            type="number"
            min={1}
            inputMode="numeric"
            value={form.required}
            onChange={(e) => update({ required: e.target.value })}
          />,
        )}
        {fields.field(
          'due_on',
          t('training.field.due_on'),
          <input {...fields.fieldProps('due_on')} type="date" value={form.due_on} onChange={(e) => update({ due_on: e.target.value })} />,
        )}
      </div>
      <div className="req-row">
        <TextField
          fields={fields}
          name="deployment"
          label={t('training.field.deployment')}
          maxLength={200}
          value={form.deployment}
          onChange={(deployment) => update({ deployment })}
        />
        {servicesFailed ? (
          <TextField
            fields={fields}
            name="service"
            label={t('training.field.service')}
            dir="ltr"
            value={form.service}
            onChange={(service) => update({ service })}
            hint={t('training.targets.service_hint')}
          />
        ) : (
          fields.field(
            'service',
            t('training.field.service'),
            <select {...fields.fieldProps('service')} value={form.service} onChange={(e) => update({ service: e.target.value })}>
              <option value="">{t('training.targets.all_services')}</option>
              {services.map((s) => (
                <option key={s.code} value={s.code}>
                  {serviceName(s.code, services, language)}
                </option>
              ))}
            </select>,
            t('training.targets.service_hint'),
          )
        )}
      </div>
      <ErrorMessage error={call.error} testId="target-error" keys={kTrainingErrorKeys} />
      <div className="req-actions">
        <button type="submit" className="button button--primary" data-testid="submit-target" disabled={call.pending}>
          {call.pending ? t('requests.new.sending') : t('training.targets.create')}
        </button>
      </div>
    </form>
  );
}

export function TargetsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { services, failed } = useServices();
  const changed = latestEventSeq(useStreamEvents(), kTrainingEvents);
  const [created, setCreated] = useState(0);
  const [adding, setAdding] = useState(false);
  const list = usePagedList(
    (limit, cursor, signal) => listTargets(api, { limit, cursor }, signal),
    'targets',
    changed + created,
  );
  const manage = canManageTraining(me);

  return (
    <div className="req-page" data-testid="targets-page">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('training.targets.title')}</h1>
        <TrainingTabs current="targets" />
        {manage && !adding && (
          <button type="button" className="button button--primary req-page__new" data-testid="new-target" onClick={() => setAdding(true)}>
            {t('training.targets.new')}
          </button>
        )}
      </div>
      <p className="req-hint">{t('training.targets.intro')}</p>
      {manage && adding && (
        <section className="req-section req-panel" aria-label={t('training.targets.new')}>
          <h2 className="req-section__title">{t('training.targets.new')}</h2>
          <TargetForm
            services={services}
            servicesFailed={failed}
            onDone={() => {
              setAdding(false);
              setCreated((n) => n + 1);
            }}
          />
        </section>
      )}
      <ErrorMessage error={list.error} testId="list-error" keys={kTrainingErrorKeys} />
      {list.loading ? (
        <p className="req-muted" role="status">
          {t('app.loading')}
        </p>
      ) : list.items.length === 0 ? (
        <p className="req-muted" data-testid="list-empty">
          {t('training.targets.empty')}
        </p>
      ) : (
        <ul className="trn-targets" data-testid="target-list">
          {list.items.map((target) => (
            <TargetCard key={target.id} target={target} services={services} />
          ))}
        </ul>
      )}
      {!list.loading && <LoadMore list={list} />}
    </div>
  );
}

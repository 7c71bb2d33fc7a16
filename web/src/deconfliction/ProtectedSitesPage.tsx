// Protected sites: hospitals, schools, UN and humanitarian facilities and
// humanitarian movements, as in OCHA's humanitarian notification system.
// Every party sees the list; the coordinator's duty desk (and
// administrators) register a site: its kind, name, geometry drawn on the
// map, buffer, an optional window (required for a movement) and notes.
// Reloaded when a protected_site.* event arrives on the shell's stream.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createProtectedSite,
  kSiteKinds,
  listProtectedSites,
  type ProtectedSiteReceipt,
} from '../api/deconfliction';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { formatDateTime } from '../common/time';
import { usePagedList } from '../common/usePagedList';
import { ErrorMessage, PagedTable, useLanguage } from '../requests/common';
import { EnumSelectField, TextAreaField, TitleField } from '../requests/fields';
import { FootprintInputs } from '../requests/FootprintInputs';
import { useStreamEvents } from '../shell/routes';
import { kDeconflictionErrorKeys, TimeWindow } from './common';
import { buildSiteDraft, initialSiteForm, kSiteFields, kWindowedSiteKinds, validateSiteForm } from './draft';
import { canRegisterSites, kSiteEvents } from './model';
import '../requests/requests.css';
import { useDrawnForm } from '../requests/useDrawnForm';
import './deconfliction.css';

function SiteForm({ onDone }: { onDone(site: ProtectedSiteReceipt): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const drawn = useDrawnForm(initialSiteForm);
  const { ids } = drawn.fields;
  const form = drawn.form;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const site = await drawn.submit(
      validateSiteForm,
      (f) => {
        const draft = buildSiteDraft(f);
        return draft ? createProtectedSite(api, draft) : null;
      },
      kSiteFields,
    );
    if (site) {
      onDone(site);
      drawn.reset(initialSiteForm());
    }
  };
  const windowed = kWindowedSiteKinds.includes(form.kind);
  return (
    <section className="req-section" data-testid="site-form" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="req-section__title">
        {t('deconfliction.sites.register')}
      </h2>
      <form ref={drawn.formRef} className="req-new__form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <div className="req-new__columns">
          <div className="req-new__fields">
            <EnumSelectField
              fields={drawn.fields}
              name="kind"
              label={t('deconfliction.field.site_kind')}
              value={form.kind}
              values={kSiteKinds}
              labelKey="deconfliction.site_kind"
              onChange={(kind) => drawn.update({ kind })}
            />
            <TitleField
              fields={drawn.fields}
              name="name"
              label={t('deconfliction.field.name')}
              value={form.name}
              onChange={(name) => drawn.update({ name })}
            />
            <TextAreaField
              fields={drawn.fields}
              name="notes"
              label={t('deconfliction.field.notes')}
              rows={3}
              value={form.notes}
              onChange={(notes) => drawn.update({ notes })}
            />
          </div>
          <div className="req-new__where">
            <FootprintInputs
              value={form}
              onDraw={drawn.onDraw}
              onChange={drawn.update}
              fields={drawn.fields}
              prefix=""
              mapTestId="site-map"
              windowHint={t(windowed ? 'deconfliction.sites.window_required' : 'deconfliction.sites.window_optional')}
            />
          </div>
        </div>
        <ErrorMessage error={drawn.submitError} testId="site-error" keys={kDeconflictionErrorKeys} />
        <div className="req-actions">
          <button type="submit" className="button button--primary" data-testid="submit-site" disabled={drawn.pending}>
            {drawn.pending ? t('requests.new.sending') : t('deconfliction.sites.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function ProtectedSitesPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { locale } = useLanguage();
  const changed = latestEventSeq(useStreamEvents(), kSiteEvents);
  const [registered, setRegistered] = useState<ProtectedSiteReceipt | null>(null);
  const [added, setAdded] = useState(0);
  const list = usePagedList(
    (limit, cursor, signal) => listProtectedSites(api, cursor ? { limit, cursor } : { limit }, signal),
    'sites',
    Math.max(changed, added),
  );

  return (
    <div className="req-page" data-testid="sites-page">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('deconfliction.sites.title')}</h1>
      </div>
      <p className="req-hint">{t('deconfliction.sites.intro')}</p>

      {registered && (
        <p className="req-receipt" role="status" data-testid="receipt">
          {t('deconfliction.sites.registered', { id: registered.id, seq: registered.seq })}
        </p>
      )}

      <PagedTable
        list={list}
        testId="site-list"
        empty={t('deconfliction.sites.empty')}
        errorKeys={kDeconflictionErrorKeys}
        head={
          <>
            <th scope="col">{t('deconfliction.field.id')}</th>
            <th scope="col">{t('deconfliction.field.site_kind')}</th>
            <th scope="col">{t('deconfliction.field.name')}</th>
            <th scope="col">{t('requests.field.buffer_m')}</th>
            <th scope="col">{t('deconfliction.field.window')}</th>
            <th scope="col">{t('deconfliction.field.notes')}</th>
            <th scope="col">{t('deconfliction.field.created')}</th>
          </>
        }
        row={(s) => (
          <tr key={s.id} data-testid="site-row" data-id={s.id} data-kind={s.kind}>
            <td>
              <bdi className="req-id">{s.id}</bdi>
            </td>
            <td>{t(`deconfliction.site_kind.${s.kind}`, { defaultValue: s.kind })}</td>
            <td className="req-table__title">
              <bdi dir="auto">{s.name}</bdi>
            </td>
            <td>{s.buffer_m}</td>
            <td>
              {s.start && s.end ? (
                <TimeWindow start={s.start} end={s.end} />
              ) : (
                <span className="req-muted">{t('deconfliction.sites.permanent')}</span>
              )}
            </td>
            <td>
              <bdi dir="auto">{s.notes}</bdi>
            </td>
            <td>
              <time dateTime={s.created_at}>{formatDateTime(s.created_at, locale)}</time>
            </td>
          </tr>
        )}
      />

      {canRegisterSites(me) && (
        <SiteForm
          onDone={(site) => {
            setRegistered(site);
            setAdded(site.seq);
          }}
        />
      )}
    </div>
  );
}

// The establishment ("#/establishment", docs/personnel.md, "Units and
// establishment"): the unit tree of a service (or all), indented under each
// unit's parent, with the posts authorised and the persons on strength per
// rank band; a band short of its establishment is marked vacant, one over it
// marked over. Each unit's posts open under its row; the registry party's
// HR staff set them there (the posts replace the unit's). Reloaded when a
// personnel.* event arrives on the shell's stream.
import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { kBands, listEstablishment, setEstablishment, type OrgUnit } from '../api/personnel';
import { useApi, useSession } from '../app/context';
import { latestEventSeq } from '../common/events';
import { kMaxPageSize } from '../common/usePagedList';
import { useCall } from '../common/useCall';
import { useRecord } from '../common/useRecord';
import { DistrictName } from '../deconfliction/common';
import { formatCount } from '../figures/format';
import { ErrorMessage, FilterSelect, useLanguage } from '../requests/common';
import { useStreamEvents } from '../shell/routes';
import { BandOptions, DistrictOptions, kPersonnelErrorKeys, kPersonnelEvents, ServiceOptions, useReference } from './common';
import { buildPosts, emptyPost, rowsFromPosts, validatePosts, type PostRow } from './establishment';
import { bandCount, canManagePersonnel, localName, sumBands, treeOrder } from './model';
import '../requests/requests.css';
import './personnel.css';

/** The most units the page reads (a service has some hundreds). */
export const kMaxUnits = 5000;

/** Every unit the filters select, a page at a time, up to kMaxUnits. */
async function readUnits(
  read: (cursor: string | undefined) => Promise<{ items: OrgUnit[]; next: string | null }>,
): Promise<{ units: OrgUnit[]; truncated: boolean }> {
  const units: OrgUnit[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await read(cursor);
    units.push(...page.items);
    if (!page.next) return { units, truncated: false };
    if (units.length >= kMaxUnits) return { units, truncated: true };
    cursor = page.next;
  }
}

/** "authorised / strength" of a band, marked when short or over. */
function BandCell({ authorised, strength, testId }: { authorised: number; strength: number; testId: string }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const state = strength < authorised ? 'vacant' : strength > authorised ? 'over' : 'full';
  return (
    <td
      className={state === 'full' ? undefined : `per-cell--${state}`}
      data-testid={testId}
      data-authorised={authorised}
      data-strength={strength}
      data-state={state}
      title={
        state === 'vacant'
          ? t('personnel.establishment.n_vacant', { n: formatCount(authorised - strength, locale) })
          : state === 'over'
            ? t('personnel.establishment.n_over', { n: formatCount(strength - authorised, locale) })
            : undefined
      }
    >
      {/* Laid out by flex, so authorised comes first in the reading direction whatever bidi makes of digits. */}
      <span className="per-pair">
        <span>{formatCount(authorised, locale)}</span>
        <span>/</span>
        <span>{formatCount(strength, locale)}</span>
      </span>
    </td>
  );
}

function PostsView({ unit }: { unit: OrgUnit }) {
  const { t } = useTranslation();
  const { language, locale } = useLanguage();
  if (unit.posts.length === 0) return <p className="req-muted">{t('personnel.posts.none')}</p>;
  return (
    <table className="req-table per-posts" data-testid="posts-view">
      <thead>
        <tr>
          <th scope="col">{t('personnel.posts.code')}</th>
          <th scope="col">{t('personnel.posts.title')}</th>
          <th scope="col">{t('personnel.field.band')}</th>
          <th scope="col">{t('personnel.establishment.authorised')}</th>
        </tr>
      </thead>
      <tbody>
        {unit.posts.map((p) => (
          <tr key={p.post} data-post={p.post}>
            <td>
              <bdi>{p.post}</bdi>
            </td>
            <td>
              <bdi>{language === 'ar' ? p.title_ar || p.title_en : p.title_en || p.title_ar}</bdi>
            </td>
            <td>{t(`personnel.band.${p.band}`)}</td>
            <td>{formatCount(p.authorised, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PostsForm({ unit, onDone }: { unit: OrgUnit; onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [rows, setRows] = useState<PostRow[]>(() => rowsFromPosts(unit.posts));
  const [errors, setErrors] = useState<Map<number, string>>(new Map());
  const [saved, setSaved] = useState(false);
  const call = useCall<OrgUnit>(() => {
    setSaved(true);
    onDone();
  });
  const update = (i: number, patch: Partial<PostRow>) => {
    setSaved(false);
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const found = validatePosts(rows);
    setErrors(found);
    if (found.size > 0) return;
    void call.run(() => setEstablishment(api, unit.id, buildPosts(rows)));
  };
  const label = (key: string, i: number) => `${t(key)} ${i + 1}`;

  return (
    <form className="req-form per-posts-form" data-testid="posts-form" noValidate onSubmit={onSubmit}>
      <table className="req-table per-posts">
        <thead>
          <tr>
            <th scope="col">{t('personnel.posts.code')}</th>
            <th scope="col">{t('personnel.posts.title_en')}</th>
            <th scope="col">{t('personnel.posts.title_ar')}</th>
            <th scope="col">{t('personnel.field.band')}</th>
            <th scope="col">{t('personnel.establishment.authorised')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('personnel.posts.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <Fragment key={i}>
              <tr data-testid="post-row" data-invalid={errors.has(i)}>
                <td>
                  <input
                    aria-label={label('personnel.posts.code', i)}
                    dir="ltr"
                    data-testid="post-code"
                    value={r.post}
                    onChange={(e) => update(i, { post: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={label('personnel.posts.title_en', i)}
                    dir="ltr"
                    lang="en"
                    data-testid="post-title-en"
                    value={r.title_en}
                    onChange={(e) => update(i, { title_en: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={label('personnel.posts.title_ar', i)}
                    dir="rtl"
                    lang="ar"
                    data-testid="post-title-ar"
                    value={r.title_ar}
                    onChange={(e) => update(i, { title_ar: e.target.value })}
                  />
                </td>
                <td>
                  <select
                    aria-label={label('personnel.field.band', i)}
                    data-testid="post-band"
                    value={r.band}
                    onChange={(e) => update(i, { band: e.target.value as PostRow['band'] })}
                  >
                    <BandOptions />
                  </select>
                </td>
                <td>
                  <input
                    aria-label={label('personnel.establishment.authorised', i)}
                    type="number"
                    min={0}
                    data-testid="post-authorised"
                    value={r.authorised}
                    onChange={(e) => update(i, { authorised: e.target.value })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="button button--quiet"
                    data-testid="post-remove"
                    onClick={() => {
                      setSaved(false);
                      setRows((rs) => rs.filter((_, j) => j !== i));
                      setErrors(new Map());
                    }}
                  >
                    {t('personnel.posts.remove')}
                  </button>
                </td>
              </tr>
              {errors.has(i) && (
                <tr>
                  <td colSpan={6} className="req-field__error" data-testid="post-error">
                    {t(errors.get(i) as string)}
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      <ErrorMessage error={call.error} testId="posts-error" keys={kPersonnelErrorKeys} />
      {saved && (
        <p className="req-receipt" role="status" data-testid="posts-saved">
          {t('personnel.posts.saved')}
        </p>
      )}
      <div className="req-actions">
        <button
          type="button"
          className="button"
          data-testid="post-add"
          onClick={() => {
            setSaved(false);
            setRows((rs) => [...rs, emptyPost()]);
          }}
        >
          {t('personnel.posts.add')}
        </button>
        <button type="submit" className="button button--primary" disabled={call.pending} data-testid="posts-save">
          {call.pending ? t('app.loading') : t('personnel.posts.save')}
        </button>
      </div>
    </form>
  );
}

export function EstablishmentPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { me } = useSession();
  const { language, locale } = useLanguage();
  const reference = useReference();
  const [saves, setSaves] = useState(0);
  const changed = latestEventSeq(useStreamEvents(), kPersonnelEvents) + saves;
  const [filters, setFilters] = useState({ service: '', district: '' });
  const [open, setOpen] = useState<string | null>(null);
  const { record, loadError } = useRecord(
    (signal) =>
      readUnits((cursor) =>
        listEstablishment(
          api,
          { service: filters.service || undefined, district: filters.district || undefined, limit: kMaxPageSize, cursor },
          signal,
        ),
      ),
    JSON.stringify(filters),
    changed,
  );
  const manage = canManagePersonnel(me);
  const rows = record ? treeOrder(record.units) : null;
  const count = (n: number) => formatCount(n, locale);

  return (
    <div className="req-page" data-testid="establishment-page">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('personnel.establishment.title')}</h1>
      </div>
      <p className="req-hint">{t('personnel.establishment.intro')}</p>
      <form className="req-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          name="service"
          label={t('personnel.field.service')}
          value={filters.service}
          onChange={(service) => setFilters((f) => ({ ...f, service }))}
        >
          <ServiceOptions reference={reference} language={language} />
        </FilterSelect>
        <FilterSelect
          name="district"
          label={t('personnel.field.district')}
          value={filters.district}
          onChange={(district) => setFilters((f) => ({ ...f, district }))}
        >
          <DistrictOptions language={language} />
        </FilterSelect>
      </form>

      <ErrorMessage error={loadError} testId="list-error" keys={kPersonnelErrorKeys} />
      {!rows ? (
        !loadError && (
          <p className="req-muted" role="status">
            {t('app.loading')}
          </p>
        )
      ) : rows.length === 0 ? (
        <p className="req-muted" data-testid="list-empty">
          {t('personnel.establishment.empty')}
        </p>
      ) : (
        <>
          {record?.truncated && (
            <p className="req-warning" data-testid="units-truncated">
              {t('personnel.establishment.truncated', { n: count(kMaxUnits) })}
            </p>
          )}
          <div className="per-scroll">
            <table className="req-table per-establishment" data-testid="establishment">
              <thead>
                <tr>
                  <th scope="col">{t('personnel.field.unit')}</th>
                  <th scope="col">{t('personnel.field.district')}</th>
                  {kBands.map((b) => (
                    <th scope="col" key={b}>
                      {t(`personnel.band.${b}`)}
                      <span className="per-th-hint">{t('personnel.establishment.authorised_strength')}</span>
                    </th>
                  ))}
                  <th scope="col">
                    {t('personnel.analytics.total')}
                    <span className="per-th-hint">{t('personnel.establishment.authorised_strength')}</span>
                  </th>
                  <th scope="col">{t('personnel.establishment.vacant')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('personnel.posts.title_plural')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ unit: u, depth }) => {
                  const vacant = kBands.reduce(
                    (n, b) => n + Math.max(0, bandCount(u.authorised, b) - bandCount(u.strength, b)),
                    0,
                  );
                  const isOpen = open === u.id;
                  return (
                    <Fragment key={u.id}>
                      <tr
                        data-testid="unit-row"
                        data-id={u.id}
                        data-depth={depth}
                        className={vacant > 0 ? 'per-row--vacant' : undefined}
                      >
                        <th scope="row" className="per-unit" style={{ paddingInlineStart: `${0.6 + depth * 1.25}rem` }}>
                          <bdi>{localName(u, language) || u.id}</bdi> <span className="req-muted per-unit__id">{u.id}</span>
                        </th>
                        <td>
                          <DistrictName code={u.district} />
                        </td>
                        {kBands.map((b) => (
                          <BandCell
                            key={b}
                            testId={`band-${b}`}
                            authorised={bandCount(u.authorised, b)}
                            strength={bandCount(u.strength, b)}
                          />
                        ))}
                        <BandCell testId="band-total" authorised={sumBands(u.authorised)} strength={sumBands(u.strength)} />
                        <td data-testid="unit-vacant" className={vacant > 0 ? 'per-cell--vacant' : undefined}>
                          {count(vacant)}
                        </td>
                        <td>
                          <button
                            type="button"
                            className="button button--quiet"
                            aria-expanded={isOpen}
                            data-testid="unit-posts"
                            onClick={() => setOpen(isOpen ? null : u.id)}
                          >
                            {manage ? t('personnel.posts.edit') : t('personnel.posts.show')}
                          </button>
                        </td>
                      </tr>
                      {isOpen && (
                        <tr data-testid="unit-posts-row">
                          <td colSpan={kBands.length + 5}>
                            {manage ? (
                              <PostsForm unit={u} onDone={() => setSaves((n) => n + 1)} />
                            ) : (
                              <PostsView unit={u} />
                            )}
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

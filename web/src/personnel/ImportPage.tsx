// The CSV import ("#/personnel/import", docs/personnel.md, "Import"): the
// registry party's HR staff choose or drop a file, run the dry run and read
// its report (rows, valid rows, the errors by row and column), then commit
// it, all or nothing. Commit is offered only after a clean dry run of that
// same file, and sends the very bytes the dry run checked, with the
// digest the server returned for them: the server refuses anything else.
// The file goes byte for byte (Content-Type text/csv): a BOM, CRLF line
// ends and Arabic arrive as the spreadsheet wrote them. The browser sends
// the File itself, never a copy in script memory; should the file change
// on disk after the dry run, the browser refuses to read it or the server
// finds another digest, and either way nothing is written.
import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import {
  commitImport,
  dryRunImport,
  kImportColumns,
  type ImportReport,
  type ImportResult,
} from '../api/personnel';
import { useApi, useSession } from '../app/context';
import { formatCount } from '../figures/format';
import { ErrorMessage, useLanguage } from '../requests/common';
import { routeHash } from '../shell/routes';
import { kPersonnelErrorKeys } from './common';
import { canManagePersonnel, commitReadiness, reportFromRefusal } from './model';
import '../requests/requests.css';
import '../figures/figures.css';
import './personnel.css';

/** An empty file with the header row, as a spreadsheet saves it (BOM, CRLF). */
export const kTemplateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${kImportColumns.join(',')}\r\n`)}`;

interface Checked {
  /** The file the report is about; the commit sends it as the dry run did. */
  file: File;
  report: ImportReport;
}

function formatSize(bytes: number, locale: string): string {
  const kb = bytes / 1024;
  if (kb < 1024) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }).format(kb);
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(kb / 1024);
}

function Report({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const n = (v: number) => formatCount(v, locale);
  return (
    <section className="req-section" data-testid="import-report" data-clean={report.error_count === 0} aria-labelledby="per-report">
      <h2 id="per-report" className="req-section__title">
        {t('personnel.import.report')}
      </h2>
      <dl className="figures-tiles per-tiles">
        <div className="figures-tile" data-testid="report-rows">
          <dt className="figures-tile__label">{t('personnel.import.rows')}</dt>
          <dd className="figures-tile__value">{n(report.rows)}</dd>
        </div>
        <div className="figures-tile" data-testid="report-valid-rows">
          <dt className="figures-tile__label">{t('personnel.import.valid_rows')}</dt>
          <dd className="figures-tile__value">{n(report.valid_rows)}</dd>
        </div>
        <div className={`figures-tile${report.error_count > 0 ? ' per-tile--bad' : ''}`} data-testid="report-error-count">
          <dt className="figures-tile__label">{t('personnel.import.error_count')}</dt>
          <dd className="figures-tile__value">{n(report.error_count)}</dd>
        </div>
      </dl>
      {report.error_count === 0 ? (
        <p className="req-ok" data-testid="report-clean">
          {report.rows > 0 ? t('personnel.import.clean', { n: n(report.rows) }) : t('personnel.import.no_rows')}
        </p>
      ) : (
        <>
          {report.truncated && (
            <p className="req-warning" data-testid="report-truncated">
              {t('personnel.import.truncated', { shown: n(report.errors.length), count: n(report.error_count) })}
            </p>
          )}
          <div className="per-scroll">
            <table className="req-table" data-testid="import-errors">
              <thead>
                <tr>
                  <th scope="col">{t('personnel.import.row')}</th>
                  <th scope="col">{t('personnel.import.line')}</th>
                  <th scope="col">{t('personnel.import.column')}</th>
                  <th scope="col">{t('personnel.import.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((e, i) => (
                  <tr key={`${e.row}-${e.column}-${i}`} data-testid="import-error" data-row={e.row} data-column={e.column} data-code={e.code}>
                    <td data-testid="error-row">{n(e.row)}</td>
                    <td>{n(e.line)}</td>
                    <td data-testid="error-column">
                      <code>{e.column || '—'}</code>
                    </td>
                    <td>
                      <span dir="auto">{e.message}</span> <span className="req-chip">{e.code}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export function ImportPage() {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const { locale } = useLanguage();
  const ids = useId();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [pending, setPending] = useState<'dry_run' | 'commit' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState(false);
  const [dragging, setDragging] = useState(false);
  // The file chosen last: a dry run that ends after another was chosen is dropped.
  const current = useRef<File | null>(null);

  if (!canManagePersonnel(session.me)) {
    return (
      <div className="req-page" data-testid="import-page">
        <p className="req-error" role="alert" data-testid="import-forbidden">
          {t('personnel.error.forbidden')}
        </p>
      </div>
    );
  }

  const choose = (f: File | null) => {
    current.current = f;
    setFile(f);
    setChecked(null);
    setResult(null);
    setError(null);
    setStale(false);
  };

  const fail = (e: unknown) => {
    if (isApiError(e) && e.status === 401) session.expired();
    setError(e);
  };

  const dryRun = async () => {
    if (!file) return;
    setPending('dry_run');
    setError(null);
    setStale(false);
    try {
      const report = await dryRunImport(api, file);
      if (current.current === file) setChecked({ file, report });
    } catch (e) {
      if (current.current === file) fail(e);
    } finally {
      setPending(null);
    }
  };

  const commit = async () => {
    if (!checked) return;
    setPending('commit');
    setError(null);
    try {
      setResult(await commitImport(api, checked.file, checked.report.digest));
    } catch (e) {
      if (isApiError(e) && e.status === 422) {
        const refused = reportFromRefusal(e.members, checked.report);
        if (refused) setChecked({ ...checked, report: refused });
      }
      if (isApiError(e) && e.status === 409) {
        // Not this file's dry run (on the server's side): check it again.
        setChecked(null);
        setStale(true);
      } else {
        fail(e);
      }
    } finally {
      setPending(null);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped) choose(dropped);
  };

  const report = checked && checked.file === file ? checked.report : null;
  const readiness = commitReadiness(file, checked?.file ?? null, checked?.report ?? null);
  const canCommit = readiness === 'ready' && result === null && pending === null;
  const commitLabel = () => {
    if (pending === 'commit') return t('personnel.import.committing');
    if (!report || report.error_count > 0) return t('personnel.import.commit_file');
    if (report.valid_rows === 1) return t('personnel.import.commit_single');
    return t('personnel.import.commit', { n: formatCount(report.valid_rows, locale) });
  };

  return (
    <div className="req-page" data-testid="import-page">
      <div className="req-page__head">
        <h1 className="req-page__title">{t('personnel.import.title')}</h1>
        <a className="button req-page__new" href={routeHash({ page: 'personnel' })}>
          {t('personnel.import.back')}
        </a>
      </div>
      <p className="req-hint">{t('personnel.import.intro')}</p>
      <p className="req-hint">
        {t('personnel.import.columns')} <code dir="ltr">{kImportColumns.join(',')}</code>{' '}
        <a href={kTemplateHref} download="personnel-template.csv" data-testid="import-template">
          {t('personnel.import.template')}
        </a>
      </p>

      <section className="req-section" aria-labelledby={`${ids}-file`}>
        <h2 id={`${ids}-file`} className="req-section__title">
          {t('personnel.import.step_file')}
        </h2>
        <div
          className={`per-drop${dragging ? ' per-drop--over' : ''}`}
          data-testid="import-drop"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <label htmlFor={`${ids}-input`} className="per-drop__label">
            {t('personnel.import.choose')}
          </label>
          <input
            id={`${ids}-input`}
            type="file"
            accept=".csv,text/csv"
            data-testid="import-file"
            onChange={(e) => choose(e.target.files?.[0] ?? null)}
          />
          <p className="req-hint">{t('personnel.import.drop')}</p>
          {file && (
            <p data-testid="import-file-name">
              <bdi>{file.name}</bdi> <span className="req-muted">({formatSize(file.size, locale)})</span>
            </p>
          )}
        </div>
        <div className="req-actions">
          <button
            type="button"
            className="button"
            data-testid="import-dry-run"
            disabled={!file || pending !== null || result !== null}
            onClick={() => void dryRun()}
          >
            {pending === 'dry_run' ? t('personnel.import.checking') : t('personnel.import.dry_run')}
          </button>
        </div>
      </section>

      {stale && (
        <p className="req-warning" role="alert" data-testid="import-stale">
          {t('personnel.import.stale')}
        </p>
      )}
      <ErrorMessage error={error} testId="import-error-message" keys={kPersonnelErrorKeys} />

      {report && <Report report={report} />}

      {file && (
        <section className="req-section" aria-labelledby={`${ids}-commit`}>
          <h2 id={`${ids}-commit`} className="req-section__title">
            {t('personnel.import.step_commit')}
          </h2>
          {readiness !== 'ready' && (
            <p className="req-hint" data-testid="import-readiness" data-readiness={readiness}>
              {t(`personnel.import.readiness.${readiness}`)}
            </p>
          )}
          <div className="req-actions">
            <button
              type="button"
              className="button button--primary"
              data-testid="import-commit"
              disabled={!canCommit}
              onClick={() => void commit()}
            >
              {commitLabel()}
            </button>
          </div>
        </section>
      )}

      {result && (
        <p className="req-receipt" role="status" data-testid="import-result" data-import={result.import} data-registered={result.registered}>
          {t('personnel.import.done', { id: result.import, n: formatCount(result.registered, locale) })}{' '}
          <a href={routeHash({ page: 'personnel' })}>{t('personnel.import.to_search')}</a>
        </p>
      )}
    </div>
  );
}

import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError, createApiClient, kCsrfHeader, toProblem } from '../api/client';
import { commitImport, dryRunImport, type ImportReport } from '../api/personnel';
import ar from '../i18n/parts/personnel.ar.json';
import { ImportPage } from './ImportPage';
import { apiError, personnelApi, renderAs, user } from './testing';

const hr = user('pasf', ['hr'], 'pasf.hr');

// A spreadsheet's CSV: a BOM, CRLF line ends and Arabic names.
const kCsv =
  '\uFEFFservice_number,name_ar,name_en,birth_date,joined_on,service,unit,rank,status\r\n' +
  'T-1,أحمد خليل,Ahmad Khalil,1990-01-02,2012-03-04,CP,CP-PS0115,SGT,active\r\n' +
  'T-2,سارة يوسف,Sara Yousef,1992-05-06,2014-07-08,CP,CP-PS0115,CPT,active\r\n' +
  'T-3,محمود ناصر,Mahmoud Nasser,1995-09-10,2016-11-12,CP,CP-PS0115,PVT,active\r\n';

function csvFile(text = kCsv, name = 'persons.csv'): File {
  return new File([new TextEncoder().encode(text)], name, { type: 'text/csv' });
}

function clean(patch: Partial<ImportReport> = {}): ImportReport {
  return { digest: 'a'.repeat(64), rows: 3, valid_rows: 3, error_count: 0, errors: [], truncated: false, ...patch };
}

const kErrors: ImportReport = {
  digest: 'b'.repeat(64),
  rows: 3,
  valid_rows: 1,
  error_count: 3,
  errors: [
    { row: 2, line: 3, column: 'rank', code: 'unknown_rank', message: 'no rank XYZ' },
    { row: 3, line: 4, column: 'birth_date', code: 'invalid_date', message: 'not a date: 1995-13-10' },
  ],
  truncated: true,
};

function choose(file: File) {
  fireEvent.change(screen.getByTestId('import-file'), { target: { files: [file] } });
}

/** The bytes of a body sent as a Blob (jsdom's Blob has no arrayBuffer()). */
function bytesOf(body: unknown): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(body as Blob);
  });
}

describe('ImportPage', () => {
  it('offers the commit only after a clean dry run, and commits the bytes checked with their digest', async () => {
    const api = personnelApi({
      'POST /api/v1/personnel/import/dry-run': () => clean(),
      'POST /api/v1/personnel/import/commit': () => ({ import: 'IMP-2026-000007', registered: 3, seq: 812 }),
    });
    renderAs(<ImportPage />, hr, api);
    expect(screen.queryByTestId('import-commit')).toBeNull();
    expect((screen.getByTestId('import-dry-run') as HTMLButtonElement).disabled).toBe(true);

    choose(csvFile());
    const commit = screen.getByTestId('import-commit') as HTMLButtonElement;
    expect(commit.disabled).toBe(true);
    expect(screen.getByTestId('import-readiness').getAttribute('data-readiness')).toBe('no_dry_run');

    fireEvent.click(screen.getByTestId('import-dry-run'));
    const report = await screen.findByTestId('import-report');
    expect(report.getAttribute('data-clean')).toBe('true');
    expect(within(report).getByTestId('report-rows').textContent).toContain('3');
    expect(within(report).getByTestId('report-valid-rows').textContent).toContain('3');
    expect(within(report).getByTestId('report-clean')).toBeTruthy();
    expect(commit.disabled).toBe(false);
    expect(commit.textContent).toBe('Commit 3 rows');

    fireEvent.click(commit);
    const result = await screen.findByTestId('import-result');
    expect(result.getAttribute('data-import')).toBe('IMP-2026-000007');
    expect(result.textContent).toContain('IMP-2026-000007');
    expect(result.textContent).toContain('3 persons registered');
    expect((screen.getByTestId('import-commit') as HTMLButtonElement).disabled).toBe(true);

    const [dry, committed] = api.calls;
    expect(dry?.contentType).toBe('text/csv');
    expect(committed?.path).toBe(`/api/v1/personnel/import/commit?digest=${'a'.repeat(64)}`);
    expect(committed?.contentType).toBe('text/csv');
    // The very bytes of the file, BOM included, both times.
    const sent = await bytesOf(committed?.body);
    expect([...sent]).toEqual([...new TextEncoder().encode(kCsv)]);
    expect([...sent.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect([...(await bytesOf(dry?.body))]).toEqual([...sent]);
  });

  it('lists the errors by row and column, notes a truncated list, and keeps the commit closed', async () => {
    const api = personnelApi({ 'POST /api/v1/personnel/import/dry-run': () => kErrors });
    renderAs(<ImportPage />, hr, api);
    choose(csvFile());
    fireEvent.click(screen.getByTestId('import-dry-run'));
    const table = await screen.findByTestId('import-errors');
    const rows = within(table).getAllByTestId('import-error');
    expect(rows.map((r) => [r.getAttribute('data-row'), r.getAttribute('data-column')])).toEqual([
      ['2', 'rank'],
      ['3', 'birth_date'],
    ]);
    expect(within(rows[0] as HTMLElement).getByTestId('error-row').textContent).toBe('2');
    expect(within(rows[0] as HTMLElement).getByTestId('error-column').textContent).toBe('rank');
    expect(rows[1]?.textContent).toContain('not a date: 1995-13-10');
    expect(screen.getByTestId('report-truncated').textContent).toContain('2 of 3');
    expect(screen.getByTestId('report-error-count').textContent).toContain('3');
    expect((screen.getByTestId('import-commit') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('import-readiness').getAttribute('data-readiness')).toBe('has_errors');
    expect(api.calls.filter((c) => c.path.includes('/commit'))).toEqual([]);
  });

  it('needs a new dry run when another file is chosen, even one with the same name', async () => {
    const api = personnelApi({ 'POST /api/v1/personnel/import/dry-run': () => clean() });
    renderAs(<ImportPage />, hr, api);
    choose(csvFile());
    fireEvent.click(screen.getByTestId('import-dry-run'));
    await waitFor(() => expect((screen.getByTestId('import-commit') as HTMLButtonElement).disabled).toBe(false));

    choose(csvFile(kCsv.replace('T-3', 'T-4')));
    expect((screen.getByTestId('import-commit') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId('import-report')).toBeNull();
    expect(screen.getByTestId('import-readiness').getAttribute('data-readiness')).toBe('no_dry_run');
  });

  it('reads a dropped file', async () => {
    const api = personnelApi({ 'POST /api/v1/personnel/import/dry-run': () => clean({ rows: 1, valid_rows: 1 }) });
    renderAs(<ImportPage />, hr, api);
    fireEvent.drop(screen.getByTestId('import-drop'), { dataTransfer: { files: [csvFile(kCsv, 'dropped.csv')] } });
    expect(screen.getByTestId('import-file-name').textContent).toContain('dropped.csv');
    fireEvent.click(screen.getByTestId('import-dry-run'));
    await waitFor(() => expect(screen.getByTestId('import-commit').textContent).toBe('Commit 1 row'));
  });

  it('shows the errors of a refused commit (422) and closes the commit', async () => {
    const refusal = new ApiError(toProblem(422, { code: 'invalid_argument' }), null, {
      errors: [{ row: 1, line: 2, column: 'service_number', code: 'duplicate', message: 'already registered' }],
      error_count: 1,
    });
    const api = personnelApi({
      'POST /api/v1/personnel/import/dry-run': () => clean(),
      'POST /api/v1/personnel/import/commit': () => {
        throw refusal;
      },
    });
    renderAs(<ImportPage />, hr, api);
    choose(csvFile());
    fireEvent.click(screen.getByTestId('import-dry-run'));
    await waitFor(() => expect((screen.getByTestId('import-commit') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('import-commit'));
    const row = await screen.findByTestId('import-error');
    expect(row.getAttribute('data-column')).toBe('service_number');
    expect(row.getAttribute('data-row')).toBe('1');
    expect((screen.getByTestId('import-commit') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId('import-result')).toBeNull();
  });

  it('asks for a new dry run when the server does not know the digest (409)', async () => {
    const api = personnelApi({
      'POST /api/v1/personnel/import/dry-run': () => clean(),
      'POST /api/v1/personnel/import/commit': () => {
        throw apiError(409, { code: 'conflict', field: '/digest' });
      },
    });
    renderAs(<ImportPage />, hr, api);
    choose(csvFile());
    fireEvent.click(screen.getByTestId('import-dry-run'));
    await waitFor(() => expect((screen.getByTestId('import-commit') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('import-commit'));
    await screen.findByTestId('import-stale');
    expect((screen.getByTestId('import-commit') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('import-readiness').getAttribute('data-readiness')).toBe('no_dry_run');
  });

  it('is closed to the coordinator, who advises and does not write', () => {
    renderAs(<ImportPage />, user('ussc', ['hr'], 'ussc.hr'), personnelApi({}));
    expect(screen.getByTestId('import-forbidden')).toBeTruthy();
    expect(screen.queryByTestId('import-file')).toBeNull();
  });

  it('speaks Arabic', async () => {
    const api = personnelApi({ 'POST /api/v1/personnel/import/dry-run': () => clean() });
    renderAs(<ImportPage />, hr, api, { lang: 'ar' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(ar.personnel.import.title);
    choose(csvFile());
    fireEvent.click(screen.getByTestId('import-dry-run'));
    await waitFor(() => expect(screen.getByTestId('import-commit').textContent).toBe(ar.personnel.import.commit.replace('{{n}}', '3')));
  });
});

describe('the client of the import', () => {
  it('sends the file byte for byte as text/csv, with the CSRF header, and keeps the problem members', async () => {
    const sent: { url: string; init: RequestInit }[] = [];
    const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push({ url: String(input), init: init ?? {} });
      if (sent.length === 1) return new Response(JSON.stringify(clean()), { status: 200 });
      return new Response(
        JSON.stringify({ status: 422, code: 'invalid_argument', title: 'rows have errors', errors: kErrors.errors, error_count: 3 }),
        { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
      );
    });
    const api = createApiClient({ fetch: fetchFn as unknown as typeof fetch });
    const bytes = new TextEncoder().encode(kCsv).buffer;
    await dryRunImport(api, bytes);
    const headers = sent[0]?.init.headers as Record<string, string>;
    expect(sent[0]?.url).toBe('/api/v1/personnel/import/dry-run');
    expect(sent[0]?.init.method).toBe('POST');
    expect(headers['Content-Type']).toBe('text/csv');
    expect(headers[kCsrfHeader]).toBe('1');
    expect(sent[0]?.init.body).toBe(bytes);

    const refused = await commitImport(api, bytes, 'c'.repeat(64)).catch((e: unknown) => e);
    expect(sent[1]?.url).toBe(`/api/v1/personnel/import/commit?digest=${'c'.repeat(64)}`);
    expect(refused).toMatchObject({ status: 422, members: { error_count: 3, errors: kErrors.errors } });
  });
});

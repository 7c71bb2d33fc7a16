import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import he from '../i18n/parts/personnel.he.json';
import { AnalyticsPage } from './AnalyticsPage';
import { apiError, headcount, kReference, payroll, personnelApi, pyramid, renderAs, retirements, user, vacancies } from './testing';

const analyst = user('ussc', ['analyst'], 'ussc.analyst');

function setup(lang: 'en' | 'he' = 'en') {
  const api = personnelApi({
    'GET /api/v1/personnel/reference': () => kReference,
    'GET /api/v1/analytics/personnel/headcount': () => headcount(),
    'GET /api/v1/analytics/personnel/rank-pyramid': () => pyramid(),
    'GET /api/v1/analytics/personnel/vacancies': () => vacancies(),
    'GET /api/v1/analytics/personnel/retirements': () => retirements(),
    'GET /api/v1/analytics/personnel/payroll': () => payroll(),
  });
  return { api, ...renderAs(<AnalyticsPage />, analyst, api, { lang }) };
}

const paths = (api: { calls: { path: string }[] }, prefix: string) => api.calls.map((c) => c.path).filter((p) => p.startsWith(prefix));

describe('AnalyticsPage', () => {
  it('draws each service pyramid from the answer, the bars the shares and the frames the target', async () => {
    setup();
    const cp = await screen.findByTestId('pyramid-CP');
    const nsf = screen.getByTestId('pyramid-NSF');
    expect(screen.getByTestId('pyramid-all')).toBeTruthy();
    expect(within(cp).getByText('Civil Police')).toBeTruthy();
    const bars = (chart: HTMLElement) =>
      within(chart)
        .getAllByTestId('pyramid-bar')
        .map((g) => [g.getAttribute('data-band'), Number(g.getAttribute('data-count')), Number(g.getAttribute('data-share')), Number(g.getAttribute('data-target'))]);
    expect(bars(nsf)).toEqual([
      ['officer', 50, 0.25, 0.1],
      ['nco', 50, 0.25, 0.3],
      ['enlisted', 100, 0.5, 0.6],
    ]);
    // On target: every bar as wide as its frame.
    for (const g of within(cp).getAllByTestId('pyramid-bar')) {
      const bar = g.querySelector('rect.per-pyramid__bar') as SVGRectElement;
      const frame = within(g as HTMLElement).getByTestId('pyramid-target');
      expect(Number(bar.getAttribute('width'))).toBeCloseTo(Number(frame.getAttribute('width')));
    }
    // NSF has too many officers: the officers' bar is wider than its frame.
    const officers = within(nsf).getAllByTestId('pyramid-bar')[0] as HTMLElement;
    expect(Number(officers.querySelector('rect.per-pyramid__bar')?.getAttribute('width'))).toBeGreaterThan(
      Number(within(officers).getByTestId('pyramid-target').getAttribute('width')),
    );
    expect(screen.getByTestId('pyramid-target-shown').textContent).toBe('Target ratio 1 : 3 : 6');
  });

  it('tabulates the counts per service and band, with the totals', async () => {
    setup();
    const table = await screen.findByTestId('pyramid-table');
    const row = (service: string) => table.querySelector(`[data-service="${service}"]`) as HTMLElement;
    const counts = (service: string) =>
      ['officer', 'nco', 'enlisted'].map((b) => Number(within(row(service)).getByTestId(`count-${b}`).getAttribute('data-count')));
    expect(counts('CP')).toEqual([30, 90, 180]);
    expect(counts('NSF')).toEqual([50, 50, 100]);
    expect(counts('all')).toEqual([80, 140, 280]);
    expect(within(row('all')).getByTestId('pyramid-total').textContent).toBe('500');
    expect(within(row('NSF')).getByTestId('count-officer').textContent).toContain('25%');
    expect(within(screen.getByTestId('pyramid-target-row')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['10%', '30%', '60%', '']);
  });

  it('asks for another target ratio, and refuses one that is not a ratio', async () => {
    const { api } = setup();
    await screen.findByTestId('pyramid-CP');
    fireEvent.change(screen.getByTestId('pyramid-target-input'), { target: { value: '1:2:7' } });
    fireEvent.click(screen.getByTestId('pyramid-target-apply'));
    await waitFor(() => expect(paths(api, '/api/v1/analytics/personnel/rank-pyramid')).toContain('/api/v1/analytics/personnel/rank-pyramid?target=1%3A2%3A7'));
    const before = paths(api, '/api/v1/analytics/personnel/rank-pyramid').length;
    fireEvent.change(screen.getByTestId('pyramid-target-input'), { target: { value: '1:2' } });
    fireEvent.click(screen.getByTestId('pyramid-target-apply'));
    expect(screen.getByTestId('pyramid-target-error')).toBeTruthy();
    expect(paths(api, '/api/v1/analytics/personnel/rank-pyramid').length).toBe(before);
  });

  it('scopes every figure to the service and governorate chosen', async () => {
    const { api } = setup();
    await screen.findByTestId('pyramid-CP');
    await waitFor(() => expect(screen.getByTestId('filter-service').querySelectorAll('option').length).toBe(3));
    fireEvent.change(screen.getByTestId('filter-service'), { target: { value: 'CP' } });
    fireEvent.change(screen.getByTestId('filter-district'), { target: { value: 'PS0115' } });
    for (const figure of ['headcount', 'rank-pyramid', 'retirements', 'payroll']) {
      await waitFor(() =>
        expect(paths(api, `/api/v1/analytics/personnel/${figure}`)).toContain(`/api/v1/analytics/personnel/${figure}?service=CP&district=PS0115`),
      );
    }
    await waitFor(() =>
      expect(paths(api, '/api/v1/analytics/personnel/vacancies')).toContain('/api/v1/analytics/personnel/vacancies?service=CP&district=PS0115&limit=50'),
    );
  });

  it('shows the headcount, the vacancies, the retirements and the payroll', async () => {
    setup();
    await waitFor(() => expect(screen.getByTestId('tile-total').textContent).toContain('500'));
    expect(screen.getByTestId('tile-officer').textContent).toContain('80');
    expect(within(screen.getByTestId('chart-by-district')).getAllByText('Nablus').length).toBeGreaterThan(0);
    expect(within(screen.getByTestId('chart-by-district')).getAllByText('National units').length).toBeGreaterThan(0);

    const vacancy = await screen.findByTestId('vacancy-row');
    expect(vacancy.getAttribute('data-unit')).toBe('CP-PS0115');
    expect(vacancy.className).toContain('per-row--vacant');
    expect(screen.getByTestId('tile-vacant').textContent).toContain('3');

    const years = within(await screen.findByTestId('chart-retirements')).getAllByRole('row').slice(1);
    expect(years.map((r) => r.getAttribute('data-key'))).toEqual(['2027', '2028']);
    expect(years[0]?.textContent).toContain('14');
    expect(screen.getByTestId('tile-overdue').textContent).toContain('2');
    expect(screen.getByTestId('retirement-rules').textContent).toBe('Rules: age 60 or 35 years of service.');

    await waitFor(() => expect(screen.getByTestId('tile-monthly').textContent).toMatch(/2,000,000/));
    expect(screen.getByTestId('tile-annual').textContent).toMatch(/24,000,000/);
    expect(within(screen.getByTestId('payroll-ranks')).getByText('Captain')).toBeTruthy();
  });

  it('forecasts under the rules typed in, within their bounds', async () => {
    const { api } = setup();
    await screen.findByTestId('chart-retirements');
    fireEvent.change(screen.getByTestId('retirement-age'), { target: { value: '58' } });
    fireEvent.change(screen.getByTestId('retirement-service-years'), { target: { value: '30' } });
    fireEvent.click(screen.getByTestId('retirement-apply'));
    await waitFor(() =>
      expect(paths(api, '/api/v1/analytics/personnel/retirements')).toContain('/api/v1/analytics/personnel/retirements?age=58&service_years=30'),
    );
    const before = paths(api, '/api/v1/analytics/personnel/retirements').length;
    fireEvent.change(screen.getByTestId('retirement-age'), { target: { value: '12' } });
    fireEvent.click(screen.getByTestId('retirement-apply'));
    expect(screen.getByTestId('retirement-invalid')).toBeTruthy();
    expect(paths(api, '/api/v1/analytics/personnel/retirements').length).toBe(before);
  });

  it('names the services from the headcount for those who may not read the reference data', async () => {
    const api = personnelApi({
      'GET /api/v1/personnel/reference': () => {
        throw apiError(403, { code: 'permission_denied' });
      },
      'GET /api/v1/analytics/personnel/headcount': () => headcount(),
      'GET /api/v1/analytics/personnel/rank-pyramid': () => pyramid(),
      'GET /api/v1/analytics/personnel/vacancies': () => vacancies(),
      'GET /api/v1/analytics/personnel/retirements': () => retirements(),
      'GET /api/v1/analytics/personnel/payroll': () => payroll(),
    });
    renderAs(<AnalyticsPage />, user('pasf', ['commander'], 'pasf.commander'), api, { lang: 'ar' });
    await waitFor(() => expect(within(screen.getByTestId('pyramid-NSF')).getByText('قوات الأمن الوطني')).toBeTruthy());
    const options = [...screen.getByTestId('filter-service').querySelectorAll('option')].map((o) => [o.getAttribute('value'), o.textContent]);
    expect(options.slice(1)).toEqual([
      ['CP', 'الشرطة المدنية'],
      ['NSF', 'قوات الأمن الوطني'],
    ]);
    // Rank titles fall back to their codes.
    expect(within(screen.getByTestId('payroll-ranks')).getByText('CPT')).toBeTruthy();
  });

  it('speaks Hebrew, right to left', async () => {
    setup('he');
    await screen.findByTestId('pyramid-CP');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(he.personnel.analytics.title);
    expect(screen.getByTestId('pyramid-CP').querySelector('svg')?.getAttribute('data-dir')).toBe('rtl');
    expect(within(screen.getByTestId('pyramid-CP')).getByText('המשטרה האזרחית')).toBeTruthy();
  });
});

import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PersonnelSearchPage } from './PersonnelSearchPage';
import { kReference, person, personnelApi, renderAs, user } from './testing';

const hr = user('pasf', ['hr'], 'pasf.hr');

function setup(who = hr, hash = '#/personnel') {
  window.history.replaceState(null, '', hash);
  const api = personnelApi({
    'GET /api/v1/personnel/reference': () => kReference,
    'GET /api/v1/personnel': () => ({
      items: [person(), person({ id: 'PER-0000043', service_number: 'SYN-000043', name_en: 'Sara Yousef', name_ar: 'سارة يوسف', synthetic: true, status: 'suspended' })],
      next: null,
    }),
  });
  return { api, ...renderAs(<PersonnelSearchPage />, who, api) };
}

const searches = (api: { calls: { path: string }[] }) => api.calls.map((c) => c.path).filter((p) => p.startsWith('/api/v1/personnel?'));

describe('PersonnelSearchPage', () => {
  it('lists the persons found, names in both scripts, synthetic records marked', async () => {
    setup();
    const rows = await screen.findAllByTestId('person-row');
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['PER-0000042', 'PER-0000043']);
    const [real, synthetic] = rows as [HTMLElement, HTMLElement];
    expect(within(real).queryByTestId('synthetic-badge')).toBeNull();
    expect(within(synthetic).getByTestId('synthetic-badge').textContent).toBe('Synthetic');
    expect(real.textContent).toContain('أحمد خليل يوسف');
    expect(real.textContent).toContain('Ahmad Khalil Yousef');
    expect(within(real).getByTestId('person-link').getAttribute('href')).toBe('#/personnel/PER-0000042');
    await waitFor(() => expect(real.textContent).toContain('Sergeant'));
    expect(real.textContent).toContain('Civil Police');
    expect(real.textContent).toContain('Nablus');
    expect(within(synthetic).getByTestId('person-status').getAttribute('data-status')).toBe('suspended');
  });

  it('searches by the filters, keeps them in the address, and exports what they select', async () => {
    const { api } = setup();
    await screen.findAllByTestId('person-row');
    await waitFor(() => expect(screen.getByTestId('filter-service').querySelectorAll('option').length).toBe(3));
    fireEvent.change(screen.getByTestId('filter-q'), { target: { value: ' أحمد ' } });
    fireEvent.change(screen.getByTestId('filter-service'), { target: { value: 'CP' } });
    fireEvent.change(screen.getByTestId('filter-band'), { target: { value: 'nco' } });
    // The rank choice follows the band.
    expect([...screen.getByTestId('filter-rank').querySelectorAll('option')].map((o) => o.getAttribute('value'))).toEqual(['', 'SGT']);
    fireEvent.change(screen.getByTestId('filter-status'), { target: { value: 'active' } });
    fireEvent.change(screen.getByTestId('filter-district'), { target: { value: 'PS0115' } });
    fireEvent.change(screen.getByTestId('filter-unit'), { target: { value: 'CP-PS0115' } });
    // The text fields wait for the search button.
    expect(searches(api).some((p) => p.includes('q='))).toBe(false);
    fireEvent.click(screen.getByTestId('search-submit'));
    const q = new URLSearchParams({ q: 'أحمد', service: 'CP', unit: 'CP-PS0115', band: 'nco', status: 'active', district: 'PS0115' });
    await waitFor(() => expect(searches(api)).toContain(`/api/v1/personnel?${q.toString()}&limit=50`));
    expect(screen.getByTestId('export-csv').getAttribute('href')).toBe(`/api/v1/personnel/export?${q.toString()}`);
    const address = new URLSearchParams(window.location.hash.split('?')[1]);
    expect(Object.fromEntries(address)).toEqual({ q: 'أحمد', service: 'CP', unit: 'CP-PS0115', band: 'nco', status: 'active', district: 'PS0115' });
  });

  it('starts from the filters in the address (Back from a profile)', async () => {
    const { api } = setup(hr, '#/personnel?service=NSF&status=retired');
    await screen.findAllByTestId('person-row');
    expect(searches(api)[0]).toBe('/api/v1/personnel?service=NSF&status=retired&limit=50');
    expect((screen.getByTestId('filter-status') as HTMLSelectElement).value).toBe('retired');
  });

  it('follows a link to the search while it shows (the navigation bar clears the filters)', async () => {
    const { api } = setup(hr, '#/personnel?status=retired');
    await screen.findAllByTestId('person-row');
    window.location.hash = '#/personnel';
    await waitFor(() => expect((screen.getByTestId('filter-status') as HTMLSelectElement).value).toBe(''));
    await waitFor(() => expect(searches(api)).toContain('/api/v1/personnel?limit=50'));
  });

  it('offers the import to the registry party HR only', async () => {
    setup();
    await screen.findAllByTestId('person-row');
    expect(screen.getByTestId('import-link').getAttribute('href')).toBe('#/personnel/import');
  });

  it('does not offer the import to the coordinator', async () => {
    setup(user('ussc', ['vetting'], 'ussc.vetting'));
    await screen.findAllByTestId('person-row');
    expect(screen.queryByTestId('import-link')).toBeNull();
    expect(screen.getByTestId('export-csv')).toBeTruthy();
  });
});

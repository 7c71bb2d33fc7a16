import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { EstablishmentPage } from './EstablishmentPage';
import { kReference, personnelApi, renderAs, unit, user } from './testing';

const hr = user('pasf', ['hr'], 'pasf.hr');

const kUnits = [
  unit({
    id: 'CP-PS0115',
    parent: 'CP',
    name_en: 'Civil Police, Nablus',
    name_ar: 'الشرطة المدنية - نابلس',
    district: 'PS0115',
    posts: [{ post: 'CMD', title_en: 'Commander', title_ar: 'قائد', band: 'officer', authorised: 2 }],
    authorised: { officer: 2, nco: 10, enlisted: 40 },
    strength: { officer: 2, nco: 7, enlisted: 44 },
  }),
  unit({ id: 'CP', authorised: { officer: 5, nco: 5, enlisted: 5 }, strength: { officer: 5, nco: 5, enlisted: 5 } }),
  unit({ id: 'CP-PS0115-1', parent: 'CP-PS0115', name_en: 'Nablus, 1st company', name_ar: 'نابلس - السرية الأولى', district: 'PS0115' }),
];

function setup(who = hr) {
  const api = personnelApi({
    'GET /api/v1/personnel/reference': () => kReference,
    'GET /api/v1/establishment': (path) =>
      path.includes('cursor=') ? { items: kUnits.slice(2), next: null } : { items: kUnits.slice(0, 2), next: 'c1' },
    'PUT /api/v1/establishment/units/CP-PS0115': (_path, body) => ({ ...kUnits[0], ...(body as object) }),
  });
  return { api, ...renderAs(<EstablishmentPage />, who, api) };
}

describe('EstablishmentPage', () => {
  it('reads every page and indents each unit under its parent', async () => {
    const { api } = setup();
    await waitFor(() => expect(screen.getAllByTestId('unit-row').length).toBe(3));
    const rows = screen.getAllByTestId('unit-row');
    expect(rows.map((r) => [r.getAttribute('data-id'), r.getAttribute('data-depth')])).toEqual([
      ['CP', '0'],
      ['CP-PS0115', '1'],
      ['CP-PS0115-1', '2'],
    ]);
    const indent = (r: HTMLElement) => (r.querySelector('th') as HTMLElement).style.paddingInlineStart;
    expect(indent(rows[2] as HTMLElement)).not.toBe(indent(rows[1] as HTMLElement));
    expect(api.calls.map((c) => c.path).filter((p) => p.startsWith('/api/v1/establishment'))).toEqual([
      '/api/v1/establishment?limit=200',
      '/api/v1/establishment?limit=200&cursor=c1',
    ]);
  });

  it('marks the bands short of their establishment and those over it', async () => {
    setup();
    const nablus = (await screen.findAllByTestId('unit-row')).find((r) => r.getAttribute('data-id') === 'CP-PS0115') as HTMLElement;
    expect(within(nablus).getByTestId('band-officer').getAttribute('data-state')).toBe('full');
    expect(within(nablus).getByTestId('band-nco').getAttribute('data-state')).toBe('vacant');
    expect(within(nablus).getByTestId('band-nco').textContent).toBe('10/7');
    expect(within(nablus).getByTestId('band-enlisted').getAttribute('data-state')).toBe('over');
    expect(within(nablus).getByTestId('unit-vacant').textContent).toBe('3');
    expect(nablus.className).toContain('per-row--vacant');
    const hq = screen.getAllByTestId('unit-row')[0] as HTMLElement;
    expect(within(hq).getByTestId('unit-vacant').textContent).toBe('0');
  });

  it('lets the registry party HR set a unit posts', async () => {
    const { api } = setup();
    const nablus = (await screen.findAllByTestId('unit-row')).find((r) => r.getAttribute('data-id') === 'CP-PS0115') as HTMLElement;
    fireEvent.click(within(nablus).getByTestId('unit-posts'));
    const form = await screen.findByTestId('posts-form');
    expect(within(form).getAllByTestId('post-row').length).toBe(1);
    fireEvent.click(within(form).getByTestId('post-add'));
    const added = within(form).getAllByTestId('post-row')[1] as HTMLElement;
    fireEvent.click(within(form).getByTestId('posts-save'));
    expect(within(form).getByTestId('post-error').textContent).toBe('Give the post a code.');
    expect(api.calls.some((c) => c.method === 'PUT')).toBe(false);

    fireEvent.change(within(added).getByTestId('post-code'), { target: { value: 'PTL' } });
    fireEvent.change(within(added).getByTestId('post-title-en'), { target: { value: 'Patrol leader' } });
    fireEvent.change(within(added).getByTestId('post-title-ar'), { target: { value: 'قائد دورية' } });
    fireEvent.change(within(added).getByTestId('post-band'), { target: { value: 'nco' } });
    fireEvent.change(within(added).getByTestId('post-authorised'), { target: { value: '6' } });
    fireEvent.click(within(form).getByTestId('posts-save'));
    await within(form).findByTestId('posts-saved');
    const put = api.calls.find((c) => c.method === 'PUT');
    expect(put?.path).toBe('/api/v1/establishment/units/CP-PS0115');
    expect(put?.body).toEqual({
      posts: [
        { post: 'CMD', title_en: 'Commander', title_ar: 'قائد', band: 'officer', authorised: 2 },
        { post: 'PTL', title_en: 'Patrol leader', title_ar: 'قائد دورية', band: 'nco', authorised: 6 },
      ],
    });
  });

  it('shows the posts to the coordinator without a form', async () => {
    setup(user('ussc', ['vetting'], 'ussc.vetting'));
    const nablus = (await screen.findAllByTestId('unit-row')).find((r) => r.getAttribute('data-id') === 'CP-PS0115') as HTMLElement;
    fireEvent.click(within(nablus).getByTestId('unit-posts'));
    const view = await screen.findByTestId('posts-view');
    expect(view.textContent).toContain('Commander');
    expect(screen.queryByTestId('posts-form')).toBeNull();
  });
});

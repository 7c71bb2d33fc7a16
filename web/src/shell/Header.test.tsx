import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import type { Me } from '../api/types';
import he from '../i18n/he.json';
import { renderWithProviders } from '../test/render';
import { Header } from './Header';

const coordinator: Me = {
  username: 'coord',
  display_name: 'Sam Carter',
  party: 'ussc',
  party_name: 'USSC',
  unit: 'ussc-ops',
  unit_name: 'USSC Operations',
  roles: ['coordinator'],
  is_coordinator: true,
};

describe('Header', () => {
  it('shows name, unit, party and the coordinator badge with Hebrew labels', () => {
    renderWithProviders(<Header me={coordinator} onLogout={async () => undefined} />, { lang: 'he' });
    expect(screen.getByTestId('user-name').textContent).toContain('Sam Carter');
    expect(screen.getByTestId('user-unit').textContent).toBe('USSC Operations');
    expect(screen.getByTestId('user-party').textContent).toBe('USSC');
    expect(screen.getByTestId('coordinator-badge').textContent).toBe(he.shell.coordinator);
    expect(screen.getByText(he.shell.unit)).toBeTruthy();
    expect(screen.getByRole('button', { name: he.shell.logout })).toBeTruthy();
  });

  it('has no coordinator badge for other users', () => {
    renderWithProviders(<Header me={{ ...coordinator, is_coordinator: false }} onLogout={async () => undefined} />);
    expect(screen.queryByTestId('coordinator-badge')).toBeNull();
  });

  it('switches language and document direction', () => {
    const { i18n } = renderWithProviders(<Header me={coordinator} onLogout={async () => undefined} />);
    expect(document.documentElement.dir).toBe('ltr');
    fireEvent.click(screen.getByTestId('lang-ar'));
    expect(i18n.language).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    expect(screen.getByTestId('lang-ar').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByTestId('lang-en'));
    expect(document.documentElement.dir).toBe('ltr');
  });

  it('calls logout', () => {
    const onLogout = vi.fn(async () => undefined);
    renderWithProviders(<Header me={coordinator} onLogout={onLogout} />);
    fireEvent.click(screen.getByTestId('logout'));
    expect(onLogout).toHaveBeenCalledOnce();
  });
});

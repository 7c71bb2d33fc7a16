import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError, toProblem } from '../api/client';
import type { LoginRequest, Me } from '../api/types';
import ar from '../i18n/ar.json';
import en from '../i18n/en.json';
import { fakeApi, renderWithProviders } from '../test/render';
import { LoginPage } from './LoginPage';

const me: Me = {
  username: 'officer',
  display_name: 'Dana Levi',
  party: 'idf',
  party_name: 'IDF',
  unit: 'dco',
  unit_name: 'DCO Bethlehem',
  roles: [],
  is_coordinator: false,
};
const problem = (status: number, code: string) => new ApiError(toProblem(status, { code, status, title: code }), null);

describe('LoginPage', () => {
  it('renders its labels in Arabic, right to left', () => {
    renderWithProviders(<LoginPage onSignedIn={() => undefined} />, { lang: 'ar' });
    expect(screen.getByLabelText(ar.login.username)).toBeTruthy();
    expect(screen.getByLabelText(ar.login.password)).toBeTruthy();
    expect(screen.getByRole('button', { name: ar.login.submit })).toBeTruthy();
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
  });

  it('asks for the TOTP code when the server says totp_required, then signs in', async () => {
    const requests: LoginRequest[] = [];
    const login = vi.fn(async (req: LoginRequest) => {
      requests.push(req);
      if (!req.totp) throw problem(401, 'totp_required');
      return me;
    });
    const onSignedIn = vi.fn();
    renderWithProviders(<LoginPage onSignedIn={onSignedIn} />, { api: fakeApi({ login }) });

    fireEvent.change(screen.getByLabelText(en.login.username), { target: { value: ' officer ' } });
    fireEvent.change(screen.getByLabelText(en.login.password), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: en.login.submit }));

    const totp = await screen.findByLabelText(en.login.totp);
    fireEvent.change(totp, { target: { value: '123 456' } });
    fireEvent.click(screen.getByRole('button', { name: en.login.verify }));

    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(me));
    expect(requests).toEqual([
      { username: 'officer', password: 'secret' },
      { username: 'officer', password: 'secret', totp: '123456' },
    ]);
  });

  it('shows a translated error for bad credentials', async () => {
    const login = vi.fn(async () => {
      throw problem(401, 'unauthenticated');
    });
    renderWithProviders(<LoginPage onSignedIn={() => undefined} />, { lang: 'he', api: fakeApi({ login }) });
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByText('שם המשתמש או הסיסמה שגויים.')).toBeTruthy();
  });

  it('disables the button while the request is pending', async () => {
    let resolve: (m: Me) => void = () => undefined;
    const login = vi.fn(() => new Promise<Me>((r) => (resolve = r)));
    renderWithProviders(<LoginPage onSignedIn={() => undefined} />, { api: fakeApi({ login }) });
    fireEvent.click(screen.getByTestId('login-submit'));
    const button = screen.getByTestId('login-submit') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe(en.login.signing_in);
    await act(async () => resolve(me));
  });

  it('counts down the Retry-After of a 429 and keeps the button disabled', async () => {
    vi.useFakeTimers();
    try {
      let now = 1_000_000;
      const login = vi.fn(async () => {
        throw new ApiError(toProblem(429, { code: 'resource_exhausted', status: 429 }), 75);
      });
      renderWithProviders(<LoginPage onSignedIn={() => undefined} now={() => now} />, { api: fakeApi({ login }) });
      await act(async () => {
        fireEvent.click(screen.getByTestId('login-submit'));
      });
      expect(screen.getByTestId('login-error').textContent).toContain('1:15');
      expect((screen.getByTestId('login-submit') as HTMLButtonElement).disabled).toBe(true);

      now += 75_000;
      await act(async () => {
        vi.advanceTimersByTime(1_000);
      });
      expect((screen.getByTestId('login-submit') as HTMLButtonElement).disabled).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

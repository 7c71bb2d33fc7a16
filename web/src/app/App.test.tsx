import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { ApiError, toProblem } from '../api/client';
import en from '../i18n/en.json';
import { fakeApi, renderWithProviders } from '../test/render';
import { App } from './App';

const problem = (status: number) => new ApiError(toProblem(status, null), null);

describe('App', () => {
  it('shows the login page when /me answers 401', async () => {
    const api = fakeApi({ me: vi.fn(async () => Promise.reject(problem(401))) });
    renderWithProviders(<App client={api} />, { api });
    expect(await screen.findByTestId('login-page')).toBeTruthy();
  });

  it('says the server is unreachable and retries on request', async () => {
    const me = vi.fn(async () => Promise.reject(problem(0)));
    const api = fakeApi({ me });
    renderWithProviders(<App client={api} />, { api });
    expect(await screen.findByText(en.errors.unavailable)).toBeTruthy();
    me.mockImplementationOnce(async () => Promise.reject(problem(401)));
    fireEvent.click(screen.getByRole('button', { name: en.app.retry }));
    expect(await screen.findByTestId('login-page')).toBeTruthy();
    expect(me).toHaveBeenCalledTimes(2);
  });
});

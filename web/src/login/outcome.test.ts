import { describe, expect, it } from 'vitest';
import { ApiError, toProblem } from '../api/client';
import { loginFailure } from './outcome';

const err = (status: number, code: string, extra: Record<string, unknown> = {}, retry: number | null = null) =>
  new ApiError(toProblem(status, { code, status, title: code, request_id: 'req-9', ...extra }), retry);

describe('loginFailure', () => {
  const cases: [string, unknown, 'credentials' | 'totp', Partial<ReturnType<typeof loginFailure>>][] = [
    ['bad password', err(401, 'unauthenticated'), 'credentials', { step: 'credentials', messageKey: 'login.error.bad_credentials' }],
    ['TOTP needed', err(401, 'totp_required'), 'credentials', { step: 'totp', messageKey: null }],
    ['TOTP still missing', err(401, 'totp_required'), 'totp', { step: 'totp', messageKey: 'login.error.totp_required' }],
    ['wrong TOTP', err(401, 'totp_invalid'), 'totp', { step: 'totp', messageKey: 'login.error.totp_invalid', field: 'totp' }],
    ['credentials rejected at TOTP step', err(401, 'unauthenticated'), 'totp', { step: 'credentials' }],
    ['throttled with Retry-After', err(429, 'resource_exhausted', {}, 42), 'credentials', { throttled: true, retryAfterSeconds: 42, messageKey: null }],
    ['throttled without Retry-After', err(429, 'resource_exhausted'), 'totp', { throttled: true, retryAfterSeconds: null, step: 'totp' }],
    ['invalid field', err(400, 'invalid_argument', { field: 'username' }), 'credentials', { field: 'username', messageKey: 'login.error.invalid_input' }],
    ['server down', new ApiError(toProblem(0, null), null), 'credentials', { messageKey: 'errors.unavailable', requestId: null }],
    ['internal error keeps the request id', err(500, 'internal'), 'credentials', { messageKey: 'errors.internal', requestId: 'req-9' }],
    ['not an ApiError', new Error('boom'), 'credentials', { messageKey: 'errors.internal' }],
  ];
  for (const [name, error, step, expected] of cases) {
    it(name, () => {
      expect(loginFailure(error, step)).toMatchObject(expected);
    });
  }
});

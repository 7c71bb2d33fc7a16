// What the login page does with the server's answer to POST /api/v1/session.
// Pure: maps an error to the next step and a message key, so the rules are
// tested without rendering.
import { isApiError } from '../api/client';

export type LoginStep = 'credentials' | 'totp';

export interface LoginFailure {
  /** Step to show next. */
  step: LoginStep;
  /** i18n key of the message, or null when the step change says enough. */
  messageKey: string | null;
  /** Seconds until a retry is allowed (429); null when not throttled. */
  retryAfterSeconds: number | null;
  /** Whether the server said the account is throttled without saying until when. */
  throttled: boolean;
  /** Server request id to quote to support, when there is one. */
  requestId: string | null;
  /** The input the server named as invalid (problem `field`), if any. */
  field: string | null;
}

export function loginFailure(error: unknown, current: LoginStep): LoginFailure {
  const base: LoginFailure = {
    step: current,
    messageKey: 'errors.internal',
    retryAfterSeconds: null,
    throttled: false,
    requestId: null,
    field: null,
  };
  if (!isApiError(error)) return base;
  const requestId = error.problem.request_id || null;
  const withId = { ...base, requestId };

  if (error.status === 429 || error.code === 'resource_exhausted') {
    return {
      ...withId,
      messageKey: null,
      throttled: true,
      retryAfterSeconds: error.retryAfterSeconds,
      requestId: null,
    };
  }
  switch (error.code) {
    case 'totp_required':
      // The password was right; ask for the second factor.
      return { ...withId, step: 'totp', messageKey: current === 'totp' ? 'login.error.totp_required' : null, requestId: null };
    case 'totp_invalid':
      return { ...withId, step: 'totp', messageKey: 'login.error.totp_invalid', requestId: null, field: 'totp' };
    case 'unauthenticated':
      // Bad credentials, also when detected at the TOTP step: start over.
      return { ...withId, step: 'credentials', messageKey: 'login.error.bad_credentials', requestId: null };
    case 'invalid_argument':
      return { ...withId, messageKey: 'login.error.invalid_input', field: error.problem.field ?? null, requestId: null };
    case 'permission_denied':
      return { ...withId, messageKey: 'login.error.denied' };
    case 'unavailable':
      return { ...withId, messageKey: 'errors.unavailable', requestId: error.status === 0 ? null : requestId };
    default:
      return { ...withId, messageKey: `errors.${error.code}` };
  }
}

// The login page: username and password, then a TOTP step when the server
// answers totp_required. Shows translated errors, disables the button while a
// request is pending, and counts down the Retry-After of a 429.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { useApi } from '../app/context';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { formatCountdown } from '../common/countdown';
import { loginFailure, type LoginStep } from './outcome';
import './login.css';

const kTickMs = 1000;

export interface LoginPageProps {
  onSignedIn(me: Me): void;
  /** Why the login page is shown, for a one-line notice. */
  notice?: 'signed_out' | 'expired' | null;
  /** Clock, injectable for tests. */
  now?: () => number;
}

export function LoginPage({ onSignedIn, notice = null, now = Date.now }: LoginPageProps) {
  const { t } = useTranslation();
  const api = useApi();
  const ids = useId();
  const [step, setStep] = useState<LoginStep>('credentials');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [pending, setPending] = useState(false);
  const [messageKey, setMessageKey] = useState<string | null>(null);
  const [requestId, setRequestId] = useState<string | null>(null);
  const [invalidField, setInvalidField] = useState<string | null>(null);
  const [throttled, setThrottled] = useState(false);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [clock, setClock] = useState(now);
  const [showNotice, setShowNotice] = useState(notice !== null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const totpRef = useRef<HTMLInputElement>(null);

  const remaining = retryAt === null ? 0 : Math.max(0, (retryAt - clock) / 1000);
  const locked = retryAt !== null && remaining > 0;

  useEffect(() => {
    if (retryAt === null) return;
    const timer = window.setInterval(() => {
      const n = now();
      setClock(n);
      if (n >= retryAt) {
        setRetryAt(null);
        setThrottled(false);
      }
    }, kTickMs);
    return () => window.clearInterval(timer);
  }, [retryAt, now]);

  useEffect(() => {
    (step === 'totp' ? totpRef : usernameRef).current?.focus();
  }, [step]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (pending || locked) return;
    setPending(true);
    setShowNotice(false);
    setMessageKey(null);
    setRequestId(null);
    setInvalidField(null);
    setThrottled(false);
    try {
      const body = step === 'totp'
        ? { username: username.trim(), password, totp: totp.replace(/\s+/g, '') }
        : { username: username.trim(), password };
      const me = await api.login(body);
      onSignedIn(me);
      return;
    } catch (err) {
      const f = loginFailure(err, step);
      setStep(f.step);
      setMessageKey(f.messageKey);
      setRequestId(f.requestId);
      setInvalidField(f.field);
      setThrottled(f.throttled);
      if (f.retryAfterSeconds !== null && f.retryAfterSeconds > 0) {
        const n = now();
        setClock(n);
        setRetryAt(n + f.retryAfterSeconds * 1000);
      }
      if (f.step === 'credentials') setTotp('');
      if (f.field === 'totp') setTotp('');
    } finally {
      setPending(false);
    }
  }

  function backToCredentials() {
    setStep('credentials');
    setTotp('');
    setPassword('');
    setMessageKey(null);
    setInvalidField(null);
  }

  const errorId = `${ids}-error`;
  let errorText: string | null = null;
  if (throttled) {
    errorText = locked
      ? t('login.error.throttled_for', { remaining: formatCountdown(remaining) })
      : t('login.error.throttled');
  } else if (messageKey) {
    errorText = t(messageKey, { defaultValue: t('errors.internal') });
  }

  const describedBy = errorText ? errorId : undefined;
  const buttonLabel = pending
    ? t('login.signing_in')
    : step === 'totp' ? t('login.verify') : t('login.submit');

  return (
    <main className="login" data-testid="login-page">
      <div className="login__top">
        <LanguageSwitch />
      </div>
      <form className="login__card" onSubmit={(e) => void submit(e)} noValidate aria-busy={pending}>
        <h1 className="login__title">{t('app.name')}</h1>
        <p className="login__subtitle">{t('app.tagline')}</p>

        {showNotice && notice && (
          <p className="login__notice" role="status">
            {t(notice === 'expired' ? 'login.notice.expired' : 'login.notice.signed_out')}
          </p>
        )}

        {step === 'credentials' ? (
          <>
            <div className="field">
              <label htmlFor={`${ids}-username`}>{t('login.username')}</label>
              <input
                id={`${ids}-username`}
                ref={usernameRef}
                name="username"
                data-testid="login-username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                dir="ltr"
                required
                value={username}
                aria-invalid={invalidField === 'username' || undefined}
                aria-describedby={describedBy}
                onChange={(e) => setUsername(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${ids}-password`}>{t('login.password')}</label>
              <input
                id={`${ids}-password`}
                name="password"
                type="password"
                data-testid="login-password"
                autoComplete="current-password"
                dir="ltr"
                required
                value={password}
                aria-invalid={invalidField === 'password' || undefined}
                aria-describedby={describedBy}
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
          </>
        ) : (
          <>
            <p className="login__hint" id={`${ids}-totp-hint`}>
              {/* FSI…PDI isolates a Latin user name inside Arabic or Hebrew text. */}
              {t('login.totp_hint', { username: `\u2068${username.trim()}\u2069` })}
            </p>
            <div className="field">
              <label htmlFor={`${ids}-totp`}>{t('login.totp')}</label>
              <input
                id={`${ids}-totp`}
                ref={totpRef}
                name="totp"
                data-testid="login-totp"
                inputMode="numeric"
                autoComplete="one-time-code"
                dir="ltr"
                maxLength={10}
                required
                value={totp}
                aria-invalid={invalidField === 'totp' || undefined}
                aria-describedby={[`${ids}-totp-hint`, describedBy].filter(Boolean).join(' ')}
                onChange={(e) => setTotp(e.target.value)}
              />
            </div>
          </>
        )}

        <div className="login__error" id={errorId} role="alert" data-testid="login-error">
          {errorText}
          {errorText && requestId && (
            <span className="login__reference">{t('errors.reference', { id: requestId })}</span>
          )}
        </div>

        <div className="login__actions">
          <button
            type="submit"
            className="button button--primary"
            data-testid="login-submit"
            disabled={pending || locked}
          >
            {buttonLabel}
          </button>
          {step === 'totp' && (
            <button type="button" className="button button--quiet" onClick={backToCredentials} disabled={pending}>
              {t('login.back')}
            </button>
          )}
        </div>
      </form>
    </main>
  );
}

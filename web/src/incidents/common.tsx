// Small pieces shared by the incident screens (and the return-case
// screens): the severity and state badges, an event's receipt with its
// audit proof, linked records, and the casualty and link rows of the forms.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { kOtherSides, type Casualties, type IncidentState } from '../api/incidents';
import { inclusionProof, type InclusionProof, type Party } from '../api/requests';
import { useApi } from '../app/context';
import { ErrorMessage, isolate, useLanguage, type ErrorKeys } from '../requests/common';
import { partyName } from '../requests/format';
import { emptySide, kMaxIncidentLinks, kMaxLinkIdLength, type CasualtyFields, type SideRow } from './draft';
import { linkedRecordHref, severityColor, stateTone } from './model';

/** 403, 409 and 404 in the incident screens' words. */
export const kIncidentErrorKeys: ErrorKeys = {
  forbidden: 'incidents.error.forbidden',
  conflict: 'incidents.error.conflict',
  not_found: 'incidents.error.not_found',
};

export function SeverityBadge({ severity }: { severity: number }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inc-severity inc-severity--${severity}`}
      style={{ ['--severity' as string]: severityColor(severity) }}
      data-testid="incident-severity"
      data-severity={severity}
      title={t(`incidents.severity_hint.${severity}`, { defaultValue: '' })}
    >
      {t('incidents.severity_label', { n: severity })}
    </span>
  );
}

export function IncidentStateBadge({ state }: { state: IncidentState }) {
  const { t } = useTranslation();
  return (
    <span className={`req-state req-state--${stateTone(state)}`} data-testid="incident-state" data-state={state}>
      {t(`incidents.state.${state}`, { defaultValue: state })}
    </span>
  );
}

/**
 * True when the server refused a proof because the event is newer than the
 * latest signed tree head (heads are signed every minute or so).
 */
function isNotYetSigned(e: unknown): boolean {
  return isApiError(e) && e.status === 400 && e.problem.field === '/seq';
}

/**
 * An event's receipt (its seq in the audit log) and, on demand, the proof
 * that it is in the signed log. A seq newer than the latest signed tree
 * head has no proof yet: a wait, not an error.
 */
export function Receipt({ seq, keys }: { seq: number; keys: ErrorKeys }) {
  const { t } = useTranslation();
  const api = useApi();
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'loading' }
    | { kind: 'done'; proof: InclusionProof }
    | { kind: 'pending' }
    | { kind: 'error'; error: unknown }
  >({ kind: 'idle' });
  const load = () => {
    setState({ kind: 'loading' });
    inclusionProof(api, seq)
      .then((proof) => setState({ kind: 'done', proof }))
      .catch((error: unknown) => setState(isNotYetSigned(error) ? { kind: 'pending' } : { kind: 'error', error }));
  };
  return (
    <span className="inc-receipt" data-testid={`receipt-${seq}`} data-state={state.kind}>
      <span className="req-seq">{t('requests.timeline.seq', { seq })}</span>
      {state.kind !== 'done' && (
        <button
          type="button"
          className="button button--quiet req-proof__button"
          data-testid={`proof-button-${seq}`}
          disabled={state.kind === 'loading'}
          onClick={load}
        >
          {state.kind === 'loading' ? t('app.loading') : state.kind === 'pending' ? t('app.retry') : t('requests.proof.show')}
        </button>
      )}
      {state.kind === 'pending' && (
        <span className="req-muted" role="status" data-testid={`proof-pending-${seq}`}>
          {t('requests.proof.not_yet')}
        </span>
      )}
      {state.kind === 'done' && (
        <dl className="req-proof__facts" data-testid={`proof-facts-${seq}`}>
          <dt>{t('requests.proof.leaf_hash')}</dt>
          <dd className="req-hash">{state.proof.leaf_hash}</dd>
          <dt>{t('requests.proof.tree_size')}</dt>
          <dd>{state.proof.tree_size}</dd>
          <dt>{t('requests.proof.path')}</dt>
          <dd>{t('requests.proof.path_length', { n: state.proof.audit_path.length })}</dd>
        </dl>
      )}
      {state.kind === 'error' && <ErrorMessage error={state.error} testId={`proof-error-${seq}`} keys={keys} />}
    </span>
  );
}

/** Linked records by id; those the console shows open their page. */
export function LinkedIds({ ids, testId }: { ids: readonly string[]; testId?: string }) {
  return (
    <ul className="req-chips" data-testid={testId}>
      {ids.map((id) => {
        const href = linkedRecordHref(id);
        return (
          <li key={id} className="req-chip" data-id={id}>
            {href ? (
              <a href={href}>
                <bdi>{id}</bdi>
              </a>
            ) : (
              <bdi>{id}</bdi>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The name of a casualty side: a party (from the directory), or `label(side)` for civilians or unknown. */
export function sideName(
  side: string,
  parties: readonly Party[],
  language: ReturnType<typeof useLanguage>['language'],
  label: (side: string) => string,
): string {
  return (kOtherSides as readonly string[]).includes(side) ? label(side) : partyName(side, parties, language);
}

/** "2 killed, 5 injured", and each side's count. */
export function CasualtySummary({ casualties, parties }: { casualties: Casualties; parties: readonly Party[] }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <div data-testid="incident-casualties">
      <span>{t('incidents.casualties.totals', { killed: casualties.killed, injured: casualties.injured })}</span>
      {(casualties.by_side ?? []).length > 0 && (
        <ul className="req-list">
          {(casualties.by_side ?? []).map((s) => (
            <li key={s.side} data-side={s.side}>
              {t('incidents.casualties.side_line', {
                side: isolate(sideName(s.side, parties, language, (k) => t(`incidents.side.${k}`))),
                killed: s.killed,
                injured: s.injured,
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The casualty counts of a form: totals, then optional rows by side. */
export function CasualtyInputs({
  value,
  onChange,
  parties,
  errorFor,
}: {
  value: CasualtyFields;
  onChange(value: CasualtyFields): void;
  parties: readonly Party[];
  errorFor(field: string): string | null;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const ids = useId();
  const setSide = (i: number, patch: Partial<SideRow>) =>
    onChange({ ...value, sides: value.sides.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const number = (name: string, label: string, v: string, set: (v: string) => void) => {
    const error = errorFor(name);
    return (
      <div className="field req-field" data-field={name}>
        <label htmlFor={`${ids}-${name}`}>{label}</label>
        <input
          id={`${ids}-${name}`}
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          data-testid={`field-${name}`}
          aria-invalid={error ? true : undefined}
          value={v}
          onChange={(e) => set(e.target.value)}
        />
        {error && (
          <p className="req-field__error" data-testid={`error-${name}`}>
            {error}
          </p>
        )}
      </div>
    );
  };
  const sidesError = errorFor('casualties.by_side') ?? errorFor('casualties');
  return (
    <fieldset className="req-fieldset" data-testid="casualties">
      <legend>{t('incidents.casualties.title')}</legend>
      <div className="req-row">
        {number('casualties.killed', t('incidents.casualties.killed'), value.killed, (killed) => onChange({ ...value, killed }))}
        {number('casualties.injured', t('incidents.casualties.injured'), value.injured, (injured) =>
          onChange({ ...value, injured }),
        )}
      </div>
      <h3 className="req-subtitle">{t('incidents.casualties.by_side')}</h3>
      {sidesError && (
        <p className="req-field__error" data-testid="error-casualties.by_side">
          {sidesError}
        </p>
      )}
      {value.sides.map((s, i) => {
        const sideField = `casualties.by_side.${i}.side`;
        const sideError = errorFor(sideField);
        return (
          <div className="req-row req-row--item" key={i} data-testid={`side-${i}`}>
            <div className="field req-field">
              <label htmlFor={`${ids}-${sideField}`}>{t('incidents.casualties.side')}</label>
              <select
                id={`${ids}-${sideField}`}
                data-testid={`field-${sideField}`}
                aria-invalid={sideError ? true : undefined}
                value={s.side}
                onChange={(e) => setSide(i, { side: e.target.value })}
              >
                <option value="">{t('requests.new.choose')}</option>
                {parties.map((p) => (
                  <option key={p.id} value={p.id}>
                    {partyName(p.id, parties, language)}
                  </option>
                ))}
                {kOtherSides.map((k) => (
                  <option key={k} value={k}>
                    {t(`incidents.side.${k}`)}
                  </option>
                ))}
              </select>
              {sideError && (
                <p className="req-field__error" data-testid={`error-${sideField}`}>
                  {sideError}
                </p>
              )}
            </div>
            {number(`casualties.by_side.${i}.killed`, t('incidents.casualties.killed'), s.killed, (killed) =>
              setSide(i, { killed }),
            )}
            {number(`casualties.by_side.${i}.injured`, t('incidents.casualties.injured'), s.injured, (injured) =>
              setSide(i, { injured }),
            )}
            <button
              type="button"
              className="button button--quiet req-row__remove"
              data-testid={`remove-side-${i}`}
              onClick={() => onChange({ ...value, sides: value.sides.filter((_, j) => j !== i) })}
            >
              {t('requests.movement.remove')}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button"
        data-testid="add-side"
        onClick={() => onChange({ ...value, sides: [...value.sides, emptySide()] })}
      >
        {t('incidents.casualties.add_side')}
      </button>
    </fieldset>
  );
}

/** What a linked id looks like, as a placeholder (ids are the same in every language). */
const kLinkExample = 'RET-2026-000003';

/** Rows of linked record ids (requests, return cases, incidents). */
export function LinkIdInputs({
  links,
  onChange,
  errorFor,
}: {
  links: readonly string[];
  onChange(links: string[]): void;
  errorFor(field: string): string | null;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const listError = errorFor('links');
  return (
    <fieldset className="req-fieldset req-links" data-testid="links">
      <legend>{t('incidents.links.title')}</legend>
      <p className="req-hint">{t('incidents.links.hint')}</p>
      {listError && (
        <p className="req-field__error" data-testid="error-links">
          {listError}
        </p>
      )}
      {links.map((id, i) => {
        const error = errorFor(`links.${i}`);
        return (
          <div className="req-row req-row--item" key={i} data-testid={`link-${i}`}>
            <div className="field req-field">
              <label htmlFor={`${ids}-${i}`}>{t('incidents.links.id')}</label>
              <input
                id={`${ids}-${i}`}
                type="text"
                dir="ltr"
                data-testid={`field-links.${i}`}
                aria-invalid={error ? true : undefined}
                maxLength={kMaxLinkIdLength}
                placeholder={kLinkExample}
                value={id}
                onChange={(e) => onChange(links.map((l, j) => (j === i ? e.target.value : l)))}
              />
              {error && (
                <p className="req-field__error" data-testid={`error-links.${i}`}>
                  {error}
                </p>
              )}
            </div>
            <button
              type="button"
              className="button button--quiet req-row__remove"
              data-testid={`remove-link-${i}`}
              onClick={() => onChange(links.filter((_, j) => j !== i))}
            >
              {t('requests.links.remove')}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button req-links__add"
        data-testid="add-link"
        disabled={links.length >= kMaxIncidentLinks}
        onClick={() => onChange([...links, ''])}
      >
        {t('requests.links.add')}
      </button>
    </fieldset>
  );
}

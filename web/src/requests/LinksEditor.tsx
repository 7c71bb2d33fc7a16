// Rows of links to other records (a request, an incident, an operation, a
// case) in the new-request form and the comment form: add and remove rows,
// choose the kind, type the id. Errors, local or from the server's
// "/links/N/id", are shown on the row they name (links.ts).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { kLinkKinds, kMaxLinks, type LinkKind } from '../api/requests';
import { emptyLink, kMaxLinkIdLength, type LinkRow } from './links';

/** What a request id looks like, as a placeholder (not translated: ids are the same in every language). */
const kRequestIdExample = 'REQ-2026-000123';

export interface LinksEditorProps {
  rows: readonly LinkRow[];
  onChange(rows: LinkRow[]): void;
  /** The message for a field ("links", "links.0.id"), or null. */
  errorFor(field: string): string | null;
}

export function LinksEditor({ rows, onChange, errorFor }: LinksEditorProps) {
  const { t } = useTranslation();
  const ids = useId();
  const set = (i: number, patch: Partial<LinkRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const listError = errorFor('links');
  return (
    <fieldset className="req-fieldset req-links" data-testid="links">
      <legend>{t('requests.links.title')}</legend>
      {listError && (
        <p className="req-field__error" data-testid="error-links">
          {listError}
        </p>
      )}
      {rows.map((row, i) => {
        const kindError = errorFor(`links.${i}.kind`);
        const idError = errorFor(`links.${i}.id`);
        const id = `${ids}-${i}`;
        return (
          <div className="req-row req-row--item" key={i} data-testid={`link-${i}`}>
            <div className="field req-field">
              <label htmlFor={`${id}-kind`}>{t('requests.links.kind')}</label>
              <select
                id={`${id}-kind`}
                data-testid={`field-links.${i}.kind`}
                aria-invalid={kindError ? true : undefined}
                value={row.kind}
                onChange={(e) => set(i, { kind: e.target.value as LinkKind })}
              >
                {kLinkKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`requests.links.kind_${k}`)}
                  </option>
                ))}
              </select>
              {kindError && (
                <p className="req-field__error" data-testid={`error-links.${i}.kind`}>
                  {kindError}
                </p>
              )}
            </div>
            <div className="field req-field">
              <label htmlFor={`${id}-id`}>{t('requests.links.id')}</label>
              <input
                id={`${id}-id`}
                type="text"
                dir="ltr"
                data-testid={`field-links.${i}.id`}
                aria-invalid={idError ? true : undefined}
                aria-describedby={idError ? `${id}-id-error` : undefined}
                maxLength={kMaxLinkIdLength}
                placeholder={row.kind === 'request' ? kRequestIdExample : undefined}
                value={row.id}
                onChange={(e) => set(i, { id: e.target.value })}
              />
              {idError && (
                <p className="req-field__error" id={`${id}-id-error`} data-testid={`error-links.${i}.id`}>
                  {idError}
                </p>
              )}
            </div>
            <button
              type="button"
              className="button button--quiet req-row__remove"
              data-testid={`remove-link-${i}`}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
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
        disabled={rows.length >= kMaxLinks}
        onClick={() => onChange([...rows, emptyLink()])}
      >
        {t('requests.links.add')}
      </button>
    </fieldset>
  );
}

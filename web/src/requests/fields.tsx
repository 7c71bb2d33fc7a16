// Labelled form fields with their errors, for the forms that place local
// checks and server problems on the input they concern (the new-request
// form, the activity and protected-site forms). A field's name is the
// dotted form of the body's JSON Pointer ("footprint.start").
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import type { FormErrors } from './draft';
import { fieldForPointer } from './format';

/** A server problem placed on one field, with the server's explanation. */
export interface ServerFieldError {
  field: string;
  detail: string;
}

/** The field a failed call's problem points at, if the form has it; else null. */
export function serverFieldError(error: unknown, known: ReadonlySet<string>): ServerFieldError | null {
  if (!isApiError(error)) return null;
  const field = fieldForPointer(error.problem.field, known);
  return field ? { field, detail: error.problem.detail } : null;
}

/** Moves the focus to the first input marked invalid, once the errors are drawn. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  window.setTimeout(() => {
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, 0);
}

/**
 * The helpers of one form: `errorFor(name)` (a local check's message, else
 * the server's), `fieldProps(name)` for the input (id, name, aria-invalid,
 * aria-describedby, data-testid="field-<name>") and `field(name, label,
 * control, hint?)` for the labelled block with its error.
 */
export function useFormFields(errors: FormErrors, serverField: ServerFieldError | null) {
  const { t } = useTranslation();
  const ids = useId();

  const errorFor = (name: string): string | null => {
    const key = errors[name];
    if (key) return t(key);
    if (serverField?.field === name) return serverField.detail || t('errors.invalid_argument');
    return null;
  };

  const fieldProps = (name: string) => {
    const error = errorFor(name);
    return {
      id: `${ids}-${name}`,
      name,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `${ids}-${name}-error` : undefined,
      'data-testid': `field-${name}`,
    };
  };

  const field = (name: string, label: string, control: ReactNode, hint?: string) => {
    const error = errorFor(name);
    return (
      <div className="field req-field" data-field={name}>
        <label htmlFor={`${ids}-${name}`}>{label}</label>
        {control}
        {hint && <p className="req-hint">{hint}</p>}
        {error && (
          <p className="req-field__error" id={`${ids}-${name}-error`} data-testid={`error-${name}`}>
            {error}
          </p>
        )}
      </div>
    );
  };

  return { ids, errorFor, fieldProps, field };
}

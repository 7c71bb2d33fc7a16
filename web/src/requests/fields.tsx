// Labelled form fields with their errors, for the forms that place local
// checks and server problems on the input they concern (the new-request
// form, the activity and protected-site forms). A field's name is the
// dotted form of the body's JSON Pointer ("footprint.start").
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { kMaxTitleLength, type FormErrors } from './draft';
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

export type FormFields = ReturnType<typeof useFormFields>;

interface FieldBase {
  fields: FormFields;
  /** The field's name (the dotted JSON Pointer). */
  name: string;
  label: string;
  hint?: string;
}

/** A labelled one-line text input. */
export function TextField({
  fields,
  name,
  label,
  hint,
  value,
  onChange,
  dir = 'auto',
  required,
  maxLength,
}: FieldBase & {
  value: string;
  onChange(value: string): void;
  dir?: 'auto' | 'ltr';
  required?: boolean;
  maxLength?: number;
}) {
  return fields.field(
    name,
    label,
    <input
      {...fields.fieldProps(name)}
      type="text"
      dir={dir}
      required={required}
      maxLength={maxLength}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />,
    hint,
  );
}

/** A title: a required line of text, at most kMaxTitleLength long. */
export function TitleField(props: FieldBase & { value: string; onChange(value: string): void }) {
  return <TextField {...props} required maxLength={kMaxTitleLength} />;
}

/** A labelled text area. */
export function TextAreaField({
  fields,
  name,
  label,
  hint,
  value,
  onChange,
  rows = 4,
}: FieldBase & { value: string; onChange(value: string): void; rows?: number }) {
  return fields.field(
    name,
    label,
    <textarea
      {...fields.fieldProps(name)}
      dir="auto"
      rows={rows}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />,
    hint,
  );
}

/** One option a value, labelled by the i18n key `${labelKey}.${value}`. */
export function EnumOptions({ values, labelKey }: { values: readonly string[]; labelKey: string }) {
  const { t } = useTranslation();
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {t(`${labelKey}.${v}`)}
        </option>
      ))}
    </>
  );
}

/** A labelled choice of one of `values`, labelled by `${labelKey}.${value}`. */
export function EnumSelectField<V extends string>({
  fields,
  name,
  label,
  hint,
  value,
  values,
  labelKey,
  onChange,
}: FieldBase & { value: V; values: readonly V[]; labelKey: string; onChange(value: V): void }) {
  return fields.field(
    name,
    label,
    <select {...fields.fieldProps(name)} value={value} onChange={(e) => onChange(e.target.value as V)}>
      <EnumOptions values={values} labelKey={labelKey} />
    </select>,
    hint,
  );
}

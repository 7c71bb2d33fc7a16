// The state of a form with a drawing on the map (a request, an activity, a
// protected site): its values, the local and server errors placed on
// fields, and one submit flow. Submitting checks locally first, then
// sends; a 401 ends the session, a problem that points at a known field is
// shown on it, anything else is the form's general error.
import { useRef, useState, type RefObject } from 'react';
import { isApiError } from '../api/client';
import { useSession } from '../app/context';
import type { FormErrors } from './draft';
import type { DrawMode, Vertex } from './draw';
import { focusFirstInvalid, serverFieldError, useFormFields, type ServerFieldError } from './fields';
import type { Drawing } from './FootprintDrawer';

export interface DrawnForm<F> {
  form: F;
  /** Changes some values (and clears the server's complaint about a field). */
  update(patch: Partial<F>): void;
  /** Changes the drawing, as a function of the current one. */
  onDraw(change: (d: Drawing) => Drawing): void;
  /** Starts over with new values and no errors. */
  reset(form: F): void;
  fields: ReturnType<typeof useFormFields>;
  formRef: RefObject<HTMLFormElement>;
  pending: boolean;
  submitError: unknown;
  /**
   * Checks the form with `validate`, then calls `send` (which returns null
   * when there is nothing to send). Resolves to the reply, or null when the
   * form is not sent or the call fails.
   */
  submit<R>(validate: (form: F) => FormErrors, send: (form: F) => Promise<R> | null, known: ReadonlySet<string>): Promise<R | null>;
}

export function useDrawnForm<F extends { mode: DrawMode; vertices: Vertex[] }>(initial: () => F): DrawnForm<F> {
  const session = useSession();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<F>(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [serverField, setServerField] = useState<ServerFieldError | null>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const fields = useFormFields(errors, serverField);

  const update = (patch: Partial<F>) => {
    setForm((f) => ({ ...f, ...patch }));
    setServerField(null);
  };

  // Clicks may come faster than renders: the change applies to the latest drawing.
  const onDraw = (change: (d: Drawing) => Drawing) => {
    setForm((f) => ({ ...f, ...change({ mode: f.mode, vertices: f.vertices }) }));
    setServerField(null);
  };

  const reset = (next: F) => {
    setForm(next);
    setErrors({});
    setServerField(null);
    setSubmitError(null);
  };

  async function submit<R>(
    validate: (form: F) => FormErrors,
    send: (form: F) => Promise<R> | null,
    known: ReadonlySet<string>,
  ): Promise<R | null> {
    const local = validate(form);
    setErrors(local);
    setServerField(null);
    setSubmitError(null);
    const call = Object.keys(local).length === 0 ? send(form) : null;
    if (!call) {
      focusFirstInvalid(formRef.current);
      return null;
    }
    setPending(true);
    try {
      return await call;
    } catch (err) {
      if (isApiError(err) && err.status === 401) {
        session.expired();
        return null;
      }
      const placed = serverFieldError(err, known);
      if (placed) {
        setServerField(placed);
        focusFirstInvalid(formRef.current);
      } else {
        setSubmitError(err);
      }
      return null;
    } finally {
      setPending(false);
    }
  }

  return { form, update, onDraw, reset, fields, formRef, pending, submitError, submit };
}

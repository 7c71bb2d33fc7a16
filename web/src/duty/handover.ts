// What the handover form shows for a failed POST /api/v1/duty/handover.
// Pure: maps the error to a message and the form field it belongs on.
import { isApiError } from '../api/client';

export type HandoverField = 'to' | 'note';

export interface HandoverFailure {
  /** The field the server named (problem `field`), when it is one of the form's. */
  field: HandoverField | null;
  /** i18n key of the message. */
  messageKey: string;
  /** The server's client-safe explanation, shown under the message; may be empty. */
  detail: string;
  /** Server request id to quote to support, when there is one. */
  requestId: string | null;
}

/** "to", "/to" (JSON pointer) and "body.to" all name the `to` field. */
export function formField(field: string | undefined): HandoverField | null {
  if (!field) return null;
  const last = field.split(/[/.]/).filter(Boolean).pop();
  return last === 'to' || last === 'note' ? last : null;
}

export function handoverFailure(error: unknown): HandoverFailure {
  if (!isApiError(error)) {
    return { field: null, messageKey: 'errors.internal', detail: '', requestId: null };
  }
  const p = error.problem;
  return {
    field: formField(p.field),
    messageKey: `errors.${p.code}`,
    detail: p.detail,
    requestId: error.status === 0 ? null : p.request_id || null,
  };
}

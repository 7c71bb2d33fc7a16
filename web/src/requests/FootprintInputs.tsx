// A footprint as a form shows it: the drawing tools and map, then the
// window and the buffer, each with its error. The new-request form, the
// activity forms and the protected-site form use it; a form's fields are
// named by the body's JSON Pointers, "footprint.start" for a request or an
// activity, "start" for a protected site (`prefix`).
import { useTranslation } from 'react-i18next';
import type { FootprintGeometry } from '../api/requests';
import { kBufferStepM, kMaxBufferM, type FootprintFields } from './draft';
import type { FormFields } from './fields';
import { FootprintDrawer, type Drawing } from './FootprintDrawer';

export type { FormFields };

export interface FootprintInputsProps {
  value: FootprintFields;
  /** The drawing changed (a function of the current one: clicks may come faster than renders). */
  onDraw(update: (d: Drawing) => Drawing): void;
  /** The window or the buffer changed. */
  onChange(patch: Partial<Pick<FootprintFields, 'start' | 'end' | 'buffer_m'>>): void;
  fields: FormFields;
  /** "footprint." (the default) or "" for a body with the geometry at its top level. */
  prefix?: string;
  mapTestId?: string;
  /** Shown under the window (e.g. that it is optional). */
  windowHint?: string;
  /** A geometry shown dashed for reference (the footprint being redrawn). */
  reference?: FootprintGeometry | null;
}

export function FootprintInputs({
  value,
  onDraw,
  onChange,
  fields,
  prefix = 'footprint.',
  mapTestId = 'footprint-map',
  windowHint,
  reference = null,
}: FootprintInputsProps) {
  const { t } = useTranslation();
  const { errorFor, fieldProps, field } = fields;
  const whole = prefix.replace(/\.$/, '');
  const placed = [`${prefix}geometry`, ...(whole ? [whole] : [])];
  return (
    <>
      <FootprintDrawer
        drawing={{ mode: value.mode, vertices: value.vertices }}
        onChange={onDraw}
        bufferM={Number(value.buffer_m) || 0}
        mapTestId={mapTestId}
        alternative={reference}
        className="req-map--draw"
      />
      {placed.map(
        (name) =>
          errorFor(name) && (
            <p key={name} className="req-field__error" data-testid={`error-${name}`}>
              {errorFor(name)}
            </p>
          ),
      )}
      <div className="req-row">
        {field(
          `${prefix}start`,
          t('requests.field.start'),
          <input
            {...fieldProps(`${prefix}start`)}
            type="datetime-local"
            value={value.start}
            onChange={(e) => onChange({ start: e.target.value })}
          />,
        )}
        {field(
          `${prefix}end`,
          t('requests.field.end'),
          <input
            {...fieldProps(`${prefix}end`)}
            type="datetime-local"
            value={value.end}
            onChange={(e) => onChange({ end: e.target.value })}
          />,
        )}
        {field(
          `${prefix}buffer_m`,
          t('requests.field.buffer_m'),
          <input
            {...fieldProps(`${prefix}buffer_m`)}
            type="number"
            min={0}
            max={kMaxBufferM}
            step={kBufferStepM}
            inputMode="numeric"
            value={value.buffer_m}
            onChange={(e) => onChange({ buffer_m: e.target.value })}
          />,
        )}
      </div>
      {windowHint && <p className="req-hint">{windowHint}</p>}
    </>
  );
}

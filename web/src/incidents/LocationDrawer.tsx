// Where something happened, drawn on the map: a point, or (for an incident)
// an area. The request screens' drawing (draw.ts, FootprintMap) limited to
// the shapes a record takes, with undo and clear and a hint of what the
// drawing still needs. Used by the incident forms and the return-case
// forms.
import { useTranslation } from 'react-i18next';
import type { FootprintGeometry } from '../api/requests';
import { addVertex, changeMode, undoVertex, verticesNeeded, type DrawMode } from '../requests/draw';
import type { Drawing } from '../requests/FootprintDrawer';
import { FootprintMap } from '../requests/FootprintMap';

export interface LocationDrawerProps {
  drawing: Drawing;
  /** Called with a function of the current drawing: clicks may come faster than renders. */
  onChange(update: (d: Drawing) => Drawing): void;
  /** The shapes offered; with one, no choice is shown. */
  modes: readonly DrawMode[];
  mapTestId: string;
  mapLabel: string;
  /** The current location, shown dashed while a new one is drawn. */
  reference?: FootprintGeometry | null;
  /** The error of the drawing, if any, shown under it. */
  error?: string | null;
  errorTestId?: string;
}

export function LocationDrawer({
  drawing,
  onChange,
  modes,
  mapTestId,
  mapLabel,
  reference = null,
  error = null,
  errorTestId = 'error-location',
}: LocationDrawerProps) {
  const { t } = useTranslation();
  const { mode, vertices } = drawing;
  const needed = verticesNeeded(mode, vertices);
  const setMode = (m: DrawMode) => onChange((d) => ({ mode: m, vertices: changeMode(m, d.vertices) }));
  return (
    <>
      <div className="req-draw" role="group" aria-label={t('requests.draw.label')}>
        {modes.length > 1 &&
          modes.map((m) => (
            <button
              key={m}
              type="button"
              className={`button${mode === m ? ' button--primary' : ''}`}
              aria-pressed={mode === m}
              data-testid={`draw-${m}`}
              onClick={() => setMode(m)}
            >
              {t(`requests.draw.${m}`)}
            </button>
          ))}
        <span className="req-draw__spacer" />
        <button
          type="button"
          className="button"
          data-testid="draw-undo"
          disabled={vertices.length === 0}
          onClick={() => onChange((d) => ({ ...d, vertices: undoVertex(d.vertices) }))}
        >
          {t('requests.draw.undo')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="draw-clear"
          disabled={vertices.length === 0}
          onClick={() => onChange((d) => ({ ...d, vertices: [] }))}
        >
          {t('requests.draw.clear')}
        </button>
      </div>
      <p className="req-hint" data-testid="draw-hint" aria-live="polite">
        {needed > 0
          ? t(`requests.draw.hint_${mode}`, { n: needed })
          : mode === 'point'
            ? t('incidents.draw.point_done')
            : t('requests.draw.done', { n: vertices.length })}
      </p>
      <FootprintMap
        testId={mapTestId}
        label={mapLabel}
        mode={mode}
        vertices={vertices}
        onAddVertex={(v) => onChange((d) => ({ ...d, vertices: addVertex(d.mode, d.vertices, v) }))}
        alternative={reference}
        className="req-map--draw"
      />
      {error && (
        <p className="req-field__error" data-testid={errorTestId}>
          {error}
        </p>
      )}
    </>
  );
}

// The footprint drawing tools: point, route or area, undo and clear, a hint
// of what the drawing still needs, and the map that takes the clicks. Used
// by the new-request form and by a decision that proposes a different route
// or area. The drawing is a value the caller keeps; draw.ts says what each
// click, undo and mode change does to it.
import { useTranslation } from 'react-i18next';
import type { FootprintGeometry } from '../api/requests';
import { addVertex, changeMode, kDrawModes, undoVertex, verticesNeeded, type DrawMode, type Vertex } from './draw';
import { FootprintMap } from './FootprintMap';

export interface Drawing {
  mode: DrawMode;
  vertices: Vertex[];
}

export interface FootprintDrawerProps {
  drawing: Drawing;
  /** Called with a function of the current drawing: clicks may come faster than renders. */
  onChange(update: (d: Drawing) => Drawing): void;
  /** Metres; a point is drawn as a circle of this radius. */
  bufferM: number;
  /** Prefix of the tools' test ids: "" gives draw-route, draw-undo, draw-hint… */
  testIdPrefix?: string;
  mapTestId: string;
  mapLabel?: string;
  /** A second geometry shown dashed for reference. */
  alternative?: FootprintGeometry | null;
  className?: string;
}

export function FootprintDrawer({
  drawing,
  onChange,
  bufferM,
  testIdPrefix = '',
  mapTestId,
  mapLabel,
  alternative = null,
  className,
}: FootprintDrawerProps) {
  const { t } = useTranslation();
  const { mode, vertices } = drawing;
  const needed = verticesNeeded(mode, vertices);
  const setMode = (m: DrawMode) => onChange((d) => ({ mode: m, vertices: changeMode(m, d.vertices) }));
  return (
    <>
      <div className="req-draw" role="group" aria-label={t('requests.draw.label')}>
        {kDrawModes.map((m) => (
          <button
            key={m}
            type="button"
            className={`button${mode === m ? ' button--primary' : ''}`}
            aria-pressed={mode === m}
            data-testid={`${testIdPrefix}draw-${m}`}
            onClick={() => setMode(m)}
          >
            {t(`requests.draw.${m}`)}
          </button>
        ))}
        <span className="req-draw__spacer" />
        <button
          type="button"
          className="button"
          data-testid={`${testIdPrefix}draw-undo`}
          disabled={vertices.length === 0}
          onClick={() => onChange((d) => ({ ...d, vertices: undoVertex(d.vertices) }))}
        >
          {t('requests.draw.undo')}
        </button>
        <button
          type="button"
          className="button"
          data-testid={`${testIdPrefix}draw-clear`}
          disabled={vertices.length === 0}
          onClick={() => onChange((d) => ({ ...d, vertices: [] }))}
        >
          {t('requests.draw.clear')}
        </button>
      </div>
      <p className="req-hint" data-testid={`${testIdPrefix}draw-hint`} aria-live="polite">
        {needed > 0 ? t(`requests.draw.hint_${mode}`, { n: needed }) : t('requests.draw.done', { n: vertices.length })}
      </p>
      <FootprintMap
        testId={mapTestId}
        label={mapLabel ?? t('requests.draw.map_label')}
        mode={mode}
        vertices={vertices}
        bufferM={bufferM}
        onAddVertex={(v) => onChange((d) => ({ ...d, vertices: addVertex(d.mode, d.vertices, v) }))}
        alternative={alternative}
        className={className}
      />
    </>
  );
}

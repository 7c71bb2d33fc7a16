// What the map's overlays of records share (deconfliction, incidents): data
// loaded while an overlay is shown, and a Leaflet layer kept on the map in a
// pane of its own while there is data.
import { useEffect, useRef, useState } from 'react';
import L from 'leaflet';

export type OverlayStatus = 'loading' | 'loaded' | 'error';

export interface Loaded<T> {
  status: OverlayStatus | null;
  data: T | null;
}

export interface Pane {
  readonly name: string;
  readonly zIndex: number;
}

/** An SVG renderer drawing into `pane`, which is made on first use. */
export function paneRenderer(map: L.Map, pane: Pane): L.Renderer {
  if (!map.getPane(pane.name)) map.createPane(pane.name).style.zIndex = String(pane.zIndex);
  return L.svg({ pane: pane.name });
}

/** Loads an overlay's data while it is shown, again when `key` changes; null data while hidden. */
export function useOverlayData<T>(
  visible: boolean,
  key: string | number,
  load: (signal: AbortSignal) => Promise<T>,
): Loaded<T> {
  const loadRef = useRef(load);
  loadRef.current = load;
  const [state, setState] = useState<Loaded<T>>({ status: null, data: null });
  useEffect(() => {
    if (!visible) {
      setState({ status: null, data: null });
      return;
    }
    const abort = new AbortController();
    setState((s) => ({ ...s, status: s.data === null ? 'loading' : s.status }));
    loadRef
      .current(abort.signal)
      .then((data) => setState({ status: 'loaded', data }))
      .catch(() => {
        if (!abort.signal.aborted) setState((s) => ({ ...s, status: 'error' }));
      });
    return () => abort.abort();
  }, [visible, key]);
  return state;
}

/** Keeps the layer `build` makes from `data` on the map, in `pane`, while there is data. */
export function useMapLayer<T>(
  map: L.Map | null,
  pane: Pane,
  data: T | null,
  build: (data: T, renderer: L.Renderer) => L.Layer,
) {
  const buildRef = useRef(build);
  buildRef.current = build;
  useEffect(() => {
    if (!map || data === null) return;
    const layer = buildRef.current(data, paneRenderer(map, pane)).addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, pane, data]);
}

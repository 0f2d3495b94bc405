import { useCallback, useState } from 'react';
import { quoteList } from '../format/emptyState';
import { downloadBlob, exportFileName, mapToSvg, svgToPng } from './exportMap';
import type { LayoutResult } from './layout/types';
import type { MapGraph } from './mapGraph';
import { windowLabel } from './mapParams';

/** Downloads the whole map as SVG or PNG; `error` says why the last export failed. */
export function useMapExport(graph: MapGraph, layout: LayoutResult | null, namespaces: readonly string[], windowMs: number, hidden: readonly string[]) {
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (format: 'png' | 'svg') => {
      if (!layout) return;
      const now = new Date();
      const scope = namespaces.length === 0 ? 'all namespaces' : quoteList(namespaces);
      const hiddenText = hidden.length > 0 ? ` · hidden: ${hidden.join(', ')}` : '';
      const exported = mapToSvg(graph, layout, {
        title: `Service map — ${scope}`,
        subtitle: `Flows in the ${windowLabel(windowMs)} before ${now.toISOString()} · ${graph.nodes.length} nodes, ${graph.edges.length} edges${hiddenText} · Starmap`,
      });
      if (!exported) return;
      const name = exportFileName(namespaces, now, format);
      if (format === 'svg') downloadBlob(new Blob([exported.svg], { type: 'image/svg+xml' }), name);
      else downloadBlob(await svgToPng(exported), name);
    },
    [graph, layout, namespaces, windowMs, hidden],
  );
  const exportMap = useCallback(
    (format: 'png' | 'svg') => {
      setError(null);
      run(format).catch((err: unknown) => setError(`Export failed: ${err instanceof Error ? err.message : String(err)}`));
    },
    [run],
  );
  return { exportMap, error };
}

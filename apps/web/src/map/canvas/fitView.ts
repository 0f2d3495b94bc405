import type { FitViewOptions } from '@xyflow/react';

/** Fit the map with room on the left for the zoom buttons, which would otherwise cover cards. */
export const FIT_VIEW: FitViewOptions = { padding: { top: '16px', right: '16px', bottom: '16px', left: '56px' }, maxZoom: 1 };

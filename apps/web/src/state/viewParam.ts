/** Which main view is open, kept in the URL (`?view=map`) so a link reproduces it. */
export const VIEWS = ['map', 'flows', 'services'] as const;
export type View = (typeof VIEWS)[number];
export const DEFAULT_VIEW: View = 'map';

export function readView(search: string): View {
  const value = new URLSearchParams(search).get('view');
  return (VIEWS as readonly string[]).includes(value ?? '') ? (value as View) : DEFAULT_VIEW;
}

export function writeView(search: string, view: View): string {
  const params = new URLSearchParams(search);
  if (view === DEFAULT_VIEW) params.delete('view');
  else params.set('view', view);
  const text = params.toString();
  return text ? `?${text}` : '';
}

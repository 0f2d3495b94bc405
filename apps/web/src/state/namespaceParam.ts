/** The namespace selection lives in the URL (`?namespace=a&namespace=b`) so a reload or a shared link keeps it. */
export const NAMESPACE_PARAM = 'namespace';

export function readNamespaces(search: string): string[] {
  const params = new URLSearchParams(search);
  const names = params
    .getAll(NAMESPACE_PARAM)
    .map((n) => n.trim())
    .filter((n) => n !== '');
  return [...new Set(names)].sort();
}

/** `search` with the namespace parameter replaced; other parameters are kept as they were. */
export function writeNamespaces(search: string, namespaces: readonly string[]): string {
  const params = new URLSearchParams(search);
  params.delete(NAMESPACE_PARAM);
  for (const ns of namespaces) params.append(NAMESPACE_PARAM, ns);
  const text = params.toString();
  return text ? `?${text}` : '';
}

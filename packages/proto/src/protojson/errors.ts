/** Raised for input the proto3-JSON mapping cannot represent; `path` names the field. */
export class ProtoJsonError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`protojson: ${path || '<root>'}: ${detail}`);
    this.name = 'ProtoJsonError';
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

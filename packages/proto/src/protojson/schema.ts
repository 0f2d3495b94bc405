// Loads the reflected schema (gen/descriptor.json) once and precomputes, per
// message type, what the JSON codec needs to know about each field.
import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';

const descriptorUrl = new URL('../../gen/descriptor.json', import.meta.url);

// Well-known types our .proto files do not import but the codec supports.
const extraCommonFiles = ['google/protobuf/duration.proto', 'google/protobuf/empty.proto'];

let root: protobuf.Root | undefined;

/** The reflected schema of every type in proto/ plus the well-known types. */
export function schemaRoot(): protobuf.Root {
  if (!root) {
    const json = JSON.parse(readFileSync(descriptorUrl, 'utf8')) as protobuf.INamespace;
    const r = protobuf.Root.fromJSON(json);
    for (const file of extraCommonFiles) {
      const common = protobuf.common.get(file) as protobuf.INamespace | null;
      if (common?.nested) r.addJSON(common.nested);
    }
    r.resolveAll();
    root = r;
  }
  return root;
}

export function lookupMessageType(typeName: string): protobuf.Type {
  const name = typeName.startsWith('.') ? typeName.slice(1) : typeName;
  let found: protobuf.ReflectionObject | null;
  try {
    found = schemaRoot().lookup(name);
  } catch {
    found = null;
  }
  if (!(found instanceof protobuf.Type)) {
    throw new Error(`protojson: unknown message type "${typeName}"`);
  }
  return found;
}

export type ScalarKind =
  | 'double' | 'float'
  | 'int32' | 'uint32' | 'sint32' | 'fixed32' | 'sfixed32'
  | 'int64' | 'uint64' | 'sint64' | 'fixed64' | 'sfixed64'
  | 'bool' | 'string' | 'bytes';

export type ValueKind =
  | { kind: 'scalar'; scalar: ScalarKind }
  | { kind: 'enum'; enumType: protobuf.Enum }
  | { kind: 'message'; messageType: protobuf.Type };

export interface FieldInfo {
  /** Proto field name; also the property name on messages (--keep-case). */
  name: string;
  /** lowerCamelCase name protoc derives (or the json_name option). */
  jsonName: string;
  repeated: boolean;
  map: boolean;
  /** Map key scalar type, when map. */
  keyScalar?: ScalarKind;
  value: ValueKind;
  /** Member of a real oneof or proto3 `optional`: presence is tracked. */
  explicitPresence: boolean;
  /** Name of the (real) oneof this field belongs to. */
  oneof?: string;
}

export interface TypeInfo {
  type: protobuf.Type;
  fullName: string;
  fields: FieldInfo[];
  /** Both proto names and JSON names map to the field. */
  byJsonKey: Map<string, FieldInfo>;
}

const infoCache = new WeakMap<protobuf.Type, TypeInfo>();

/** protoc's ToJsonName: drop underscores and upper-case the letter after each. */
export function protoNameToJsonName(name: string): string {
  let out = '';
  let upper = false;
  for (const ch of name) {
    if (ch === '_') {
      upper = true;
    } else {
      out += upper ? ch.toUpperCase() : ch;
      upper = false;
    }
  }
  return out;
}

function valueKind(field: protobuf.Field): ValueKind {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) return { kind: 'enum', enumType: resolved };
  if (resolved instanceof protobuf.Type) return { kind: 'message', messageType: resolved };
  return { kind: 'scalar', scalar: field.type as ScalarKind };
}

export function typeInfo(type: protobuf.Type): TypeInfo {
  let info = infoCache.get(type);
  if (info) return info;
  const fields: FieldInfo[] = [];
  const byJsonKey = new Map<string, FieldInfo>();
  for (const field of type.fieldsArray) {
    field.resolve();
    const options = field.options as Record<string, unknown> | undefined;
    const proto3Optional = options?.['proto3_optional'] === true;
    const oneof = field.partOf && !proto3Optional ? field.partOf.name : undefined;
    const jsonNameOption = options?.['json_name'];
    const fi: FieldInfo = {
      name: field.name,
      jsonName: typeof jsonNameOption === 'string' ? jsonNameOption : protoNameToJsonName(field.name),
      repeated: field.repeated,
      map: field instanceof protobuf.MapField,
      value: valueKind(field),
      explicitPresence: proto3Optional || oneof !== undefined,
    };
    if (oneof !== undefined) fi.oneof = oneof;
    if (field instanceof protobuf.MapField) fi.keyScalar = field.keyType as ScalarKind;
    fields.push(fi);
    byJsonKey.set(fi.name, fi);
    byJsonKey.set(fi.jsonName, fi);
  }
  info = { type, fullName: type.fullName.replace(/^\./, ''), fields, byJsonKey };
  infoCache.set(type, info);
  return info;
}

export const Long = protobuf.util.Long;

// Message -> proto3 JSON, as Go's protojson prints it with UseProtoNames
// (the format of `hubble observe -o jsonpb`). Works on decoded messages and on
// plain objects with proto field names alike.
import type protobuf from 'protobufjs';
import { bytesToBase64 } from './base64.js';
import { describe, joinPath, ProtoJsonError } from './errors.js';
import { int64ToBigInt, inInt64Range } from './int64.js';
import { lookupMessageType, schemaRoot, typeInfo, type FieldInfo, type ScalarKind, type TypeInfo } from './schema.js';
import { fieldPathToJson, formatDuration, formatTimestamp } from './well-known.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

type Dict = Record<string, unknown>;

export function messageToJson(type: protobuf.Type, message: unknown, path: string): JsonValue {
  const info = typeInfo(type);
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    throw new ProtoJsonError(path, `expected a ${info.fullName} message, got ${describe(message)}`);
  }
  const special = wellKnownToJson[info.fullName];
  if (special) return special(info, message as Dict, path);

  const out: JsonObject = {};
  for (const field of info.fields) {
    const value = (message as Dict)[field.name];
    if (value === undefined || value === null) continue;
    const fieldPath = joinPath(path, field.name);
    if (field.map) {
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as Dict);
      if (entries.length === 0) continue;
      const obj: JsonObject = {};
      for (const [k, v] of entries) obj[String(k)] = valueToJson(field, v, joinPath(fieldPath, String(k)));
      out[field.name] = obj;
    } else if (field.repeated) {
      if (!Array.isArray(value)) throw new ProtoJsonError(fieldPath, `expected an array, got ${describe(value)}`);
      if (value.length === 0) continue;
      out[field.name] = value.map((v, i) => valueToJson(field, v, joinPath(fieldPath, i)));
    } else if (field.value.kind === 'message' || field.explicitPresence || !isDefaultValue(field, value)) {
      out[field.name] = valueToJson(field, value, fieldPath);
    }
  }
  return out;
}

/** proto3 implicit presence: zero values are not printed. */
function isDefaultValue(field: FieldInfo, value: unknown): boolean {
  switch (typeof value) {
    case 'boolean':
      return value === false;
    case 'string':
      return value === '' || (field.value.kind === 'scalar' && value === '0' && field.value.scalar.endsWith('64'));
    case 'number':
      return value === 0 && !Object.is(value, -0);
    case 'bigint':
      return value === 0n;
    case 'object':
      if (value instanceof Uint8Array) return value.length === 0;
      return int64ToBigInt(value, false) === 0n;
    default:
      return false;
  }
}

function valueToJson(field: FieldInfo, value: unknown, path: string): JsonValue {
  const kind = field.value;
  if (kind.kind === 'message') return messageToJson(kind.messageType, value, path);
  if (kind.kind === 'enum') return enumToJson(kind.enumType, value, path);
  return scalarToJson(kind.scalar, value, path);
}

function enumToJson(enumType: protobuf.Enum, value: unknown, path: string): JsonValue {
  if (enumType.fullName === '.google.protobuf.NullValue') return null;
  if (typeof value === 'number' && Number.isInteger(value)) {
    return enumType.valuesById[value] ?? value; // unknown numbers stay numbers
  }
  if (typeof value === 'string' && Object.hasOwn(enumType.values, value)) return value;
  throw new ProtoJsonError(path, `expected a ${enumType.fullName.slice(1)} value, got ${describe(value)}`);
}

const INT32 = { min: -0x80000000, max: 0x7fffffff };
const UINT32 = { min: 0, max: 0xffffffff };

export function scalarToJson(scalar: ScalarKind, value: unknown, path: string): JsonValue {
  switch (scalar) {
    case 'int32':
    case 'sint32':
    case 'sfixed32':
    case 'uint32':
    case 'fixed32': {
      const range = scalar === 'uint32' || scalar === 'fixed32' ? UINT32 : INT32;
      if (typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max) return value;
      throw new ProtoJsonError(path, `expected a ${scalar}, got ${describe(value)}`);
    }
    case 'int64':
    case 'sint64':
    case 'sfixed64':
    case 'uint64':
    case 'fixed64': {
      const unsigned = scalar === 'uint64' || scalar === 'fixed64';
      const big = int64ToBigInt(value, unsigned);
      if (big === undefined || !inInt64Range(big, unsigned)) {
        throw new ProtoJsonError(path, `expected a ${scalar}, got ${describe(value)}`);
      }
      return big.toString();
    }
    case 'double':
    case 'float': {
      if (typeof value !== 'number') throw new ProtoJsonError(path, `expected a ${scalar}, got ${describe(value)}`);
      if (Number.isNaN(value)) return 'NaN';
      if (value === Infinity) return 'Infinity';
      if (value === -Infinity) return '-Infinity';
      return scalar === 'float' ? shortestFloat32(value) : value;
    }
    case 'bool':
      if (typeof value === 'boolean') return value;
      throw new ProtoJsonError(path, `expected a bool, got ${describe(value)}`);
    case 'string':
      if (typeof value === 'string') return value;
      throw new ProtoJsonError(path, `expected a string, got ${describe(value)}`);
    case 'bytes':
      if (value instanceof Uint8Array) return bytesToBase64(value);
      if (typeof value === 'string') return value; // plain objects from protobufjs carry base64 already
      throw new ProtoJsonError(path, `expected bytes, got ${describe(value)}`);
  }
}

/** Prints a float32 with the fewest digits that read back as the same float32, like Go does. */
function shortestFloat32(value: number): number {
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return value;
}

type SpecialToJson = (info: TypeInfo, message: Dict, path: string) => JsonValue;

function wrapperToJson(scalar: ScalarKind, zero: unknown): SpecialToJson {
  return (_info, message, path) => scalarToJson(scalar, message['value'] ?? zero, joinPath(path, 'value'));
}

const wellKnownToJson: Record<string, SpecialToJson> = {
  'google.protobuf.Timestamp': (_info, m, path) => {
    const seconds = int64ToBigInt(m['seconds'] ?? 0, false);
    const nanos = m['nanos'] ?? 0;
    const text = seconds === undefined || typeof nanos !== 'number' ? undefined : formatTimestamp(Number(seconds), nanos);
    if (text === undefined) {
      throw new ProtoJsonError(path, `timestamp out of range or malformed (seconds ${String(m['seconds'])}, nanos ${String(nanos)})`);
    }
    return text;
  },
  'google.protobuf.Duration': (_info, m, path) => {
    const seconds = int64ToBigInt(m['seconds'] ?? 0, false);
    const nanos = m['nanos'] ?? 0;
    const text = seconds === undefined || typeof nanos !== 'number' ? undefined : formatDuration(seconds, nanos);
    if (text === undefined) {
      throw new ProtoJsonError(path, `duration out of range or malformed (seconds ${String(m['seconds'])}, nanos ${String(nanos)})`);
    }
    return text;
  },
  'google.protobuf.DoubleValue': wrapperToJson('double', 0),
  'google.protobuf.FloatValue': wrapperToJson('float', 0),
  'google.protobuf.Int64Value': wrapperToJson('int64', 0),
  'google.protobuf.UInt64Value': wrapperToJson('uint64', 0),
  'google.protobuf.Int32Value': wrapperToJson('int32', 0),
  'google.protobuf.UInt32Value': wrapperToJson('uint32', 0),
  'google.protobuf.BoolValue': wrapperToJson('bool', false),
  'google.protobuf.StringValue': wrapperToJson('string', ''),
  'google.protobuf.BytesValue': wrapperToJson('bytes', new Uint8Array(0)),
  'google.protobuf.Empty': () => ({}),
  'google.protobuf.FieldMask': (_info, m, path) => {
    const paths = m['paths'] ?? [];
    if (!Array.isArray(paths)) throw new ProtoJsonError(joinPath(path, 'paths'), `expected an array, got ${describe(paths)}`);
    return paths
      .map((p, i) => {
        const json = typeof p === 'string' ? fieldPathToJson(p) : undefined;
        if (json === undefined) throw new ProtoJsonError(joinPath(joinPath(path, 'paths'), i), `field mask path ${describe(p)} has no JSON form`);
        return json;
      })
      .join(',');
  },
  'google.protobuf.Any': (_info, m, path): JsonValue => {
    const typeUrl = m['type_url'] ?? '';
    const raw = m['value'] ?? new Uint8Array(0);
    if (typeof typeUrl !== 'string') throw new ProtoJsonError(joinPath(path, 'type_url'), `expected a string, got ${describe(typeUrl)}`);
    if (typeUrl === '') return {} as JsonObject;
    const bytes = typeof raw === 'string' ? new Uint8Array(Buffer.from(raw, 'base64')) : raw;
    if (!(bytes instanceof Uint8Array)) throw new ProtoJsonError(joinPath(path, 'value'), `expected bytes, got ${describe(raw)}`);
    const inner = anyPayloadType(typeUrl);
    if (!inner) return { '@type': typeUrl, value: bytesToBase64(bytes) }; // opaque: we do not know the type
    let decoded: unknown;
    try {
      decoded = inner.decode(bytes);
    } catch (err) {
      throw new ProtoJsonError(joinPath(path, 'value'), `cannot decode ${typeUrl}: ${(err as Error).message}`);
    }
    const json = messageToJson(inner, decoded, joinPath(path, 'value'));
    if (wellKnownToJson[typeInfo(inner).fullName]) return { '@type': typeUrl, value: json };
    return { '@type': typeUrl, ...(json as JsonObject) };
  },
};

/** Message type named by an Any's type URL, if our schema has it. */
export function anyPayloadType(typeUrl: string): protobuf.Type | undefined {
  const name = typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
  if (!name) return undefined;
  try {
    return lookupMessageType(name);
  } catch {
    return undefined;
  }
}

export function hasSpecialJson(type: protobuf.Type): boolean {
  return wellKnownToJson[typeInfo(type).fullName] !== undefined;
}

/** Converts a message of the named type (e.g. "observer.GetFlowsResponse"). */
export function toProtoJson(typeName: string, message: unknown): JsonValue {
  schemaRoot();
  return messageToJson(lookupMessageType(typeName), message, '');
}

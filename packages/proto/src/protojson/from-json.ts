// proto3 JSON -> plain message object (proto field names, 64-bit integers as
// Long, bytes as Uint8Array) that the generated encoders accept. Reads both
// proto names ("pod_name") and JSON names ("podName"), like protojson.
import type protobuf from 'protobufjs';
import { base64ToBytes } from './base64.js';
import { describe, joinPath, ProtoJsonError } from './errors.js';
import { bigIntToLong, inInt64Range, int64ToBigInt, parseIntegerString } from './int64.js';
import { lookupMessageType, schemaRoot, typeInfo, type FieldInfo, type ScalarKind, type TypeInfo } from './schema.js';
import { anyPayloadType } from './to-json.js';
import { fieldPathFromJson, parseDuration, parseTimestamp } from './well-known.js';

export interface FromProtoJsonOptions {
  /** Skip unknown keys and unknown enum names (default true); false rejects them. */
  ignoreUnknownFields?: boolean;
}

interface Ctx {
  ignoreUnknown: boolean;
}

type Dict = Record<string, unknown>;

/** Marks a value that is dropped, e.g. an unknown enum name when unknowns are ignored. */
const SKIP = Symbol('skip');

function isObject(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function messageFromJson(type: protobuf.Type, json: unknown, path: string, ctx: Ctx): Dict {
  const info = typeInfo(type);
  const special = wellKnownFromJson[info.fullName];
  if (special) return special(info, json, path, ctx);
  if (!isObject(json)) throw new ProtoJsonError(path, `expected an object for ${info.fullName}, got ${describe(json)}`);
  return fieldsFromJson(info, json, path, ctx, undefined);
}

function fieldsFromJson(info: TypeInfo, json: Dict, path: string, ctx: Ctx, skipKey: string | undefined): Dict {
  const out: Dict = {};
  const keyOfField = new Map<string, string>();
  const keyOfOneof = new Map<string, string>();
  for (const key of Object.keys(json)) {
    if (key === skipKey) continue;
    const fieldPath = joinPath(path, key);
    const field = info.byJsonKey.get(key);
    if (!field) {
      if (ctx.ignoreUnknown) continue;
      throw new ProtoJsonError(fieldPath, `unknown field "${key}" in ${info.fullName}`);
    }
    const earlier = keyOfField.get(field.name);
    if (earlier !== undefined) throw new ProtoJsonError(fieldPath, `field ${field.name} given twice ("${earlier}" and "${key}")`);
    keyOfField.set(field.name, key);
    const value = json[key];
    if (value === null) continue; // null means "not set" for every field type we carry
    if (field.oneof !== undefined) {
      const other = keyOfOneof.get(field.oneof);
      if (other !== undefined) throw new ProtoJsonError(fieldPath, `oneof ${field.oneof} already set by "${other}"`);
      keyOfOneof.set(field.oneof, key);
    }
    const converted = fieldFromJson(field, value, fieldPath, ctx);
    if (converted !== SKIP) out[field.name] = converted;
  }
  return out;
}

function fieldFromJson(field: FieldInfo, value: unknown, path: string, ctx: Ctx): unknown {
  if (field.map) {
    if (!isObject(value)) throw new ProtoJsonError(path, `expected an object (map), got ${describe(value)}`);
    const out: Dict = {};
    for (const [k, v] of Object.entries(value)) {
      const entryPath = joinPath(path, k);
      checkMapKey(field.keyScalar ?? 'string', k, entryPath);
      if (v === null) throw new ProtoJsonError(entryPath, 'map values cannot be null');
      const converted = valueFromJson(field, v, entryPath, ctx);
      if (converted !== SKIP) out[k] = converted;
    }
    return out;
  }
  if (field.repeated) {
    if (!Array.isArray(value)) throw new ProtoJsonError(path, `expected an array, got ${describe(value)}`);
    const out: unknown[] = [];
    value.forEach((v, i) => {
      if (v === null) throw new ProtoJsonError(joinPath(path, i), 'repeated elements cannot be null');
      const converted = valueFromJson(field, v, joinPath(path, i), ctx);
      if (converted !== SKIP) out.push(converted);
    });
    return out;
  }
  return valueFromJson(field, value, path, ctx);
}

function checkMapKey(scalar: ScalarKind, key: string, path: string): void {
  if (scalar === 'string') return;
  if (scalar === 'bool') {
    if (key !== 'true' && key !== 'false') throw new ProtoJsonError(path, `map key must be "true" or "false", got "${key}"`);
    return;
  }
  scalarFromJson(scalar, key, path);
}

function valueFromJson(field: FieldInfo, value: unknown, path: string, ctx: Ctx): unknown {
  const kind = field.value;
  if (kind.kind === 'message') return messageFromJson(kind.messageType, value, path, ctx);
  if (kind.kind === 'enum') return enumFromJson(kind.enumType, value, path, ctx);
  return scalarFromJson(kind.scalar, value, path);
}

function enumFromJson(enumType: protobuf.Enum, value: unknown, path: string, ctx: Ctx): number | typeof SKIP {
  const name = enumType.fullName.slice(1);
  if (typeof value === 'string') {
    const n = enumType.values[value];
    if (n !== undefined) return n;
    if (ctx.ignoreUnknown) return SKIP;
    throw new ProtoJsonError(path, `unknown ${name} value "${value}"`);
  }
  if (typeof value === 'number' && Number.isInteger(value) && value >= -0x80000000 && value <= 0x7fffffff) return value;
  throw new ProtoJsonError(path, `expected a ${name} name or number, got ${describe(value)}`);
}

const FLOAT32_MAX = 3.4028234663852886e38;

function parseJsonNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() === value && value !== '') {
    if (value === 'NaN') return NaN;
    if (value === 'Infinity') return Infinity;
    if (value === '-Infinity') return -Infinity;
    if (!/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) return undefined;
    return Number(value);
  }
  return undefined;
}

export function scalarFromJson(scalar: ScalarKind, value: unknown, path: string): unknown {
  switch (scalar) {
    case 'int32':
    case 'sint32':
    case 'sfixed32':
    case 'uint32':
    case 'fixed32': {
      const unsigned = scalar === 'uint32' || scalar === 'fixed32';
      const n = typeof value === 'string' ? parseIntegerString(value) : typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : undefined;
      const [min, max] = unsigned ? [0n, 0xffffffffn] : [-0x80000000n, 0x7fffffffn];
      if (n === undefined || n < min || n > max) throw new ProtoJsonError(path, `expected a ${scalar}, got ${describe(value)}`);
      return Number(n);
    }
    case 'int64':
    case 'sint64':
    case 'sfixed64':
    case 'uint64':
    case 'fixed64': {
      const unsigned = scalar === 'uint64' || scalar === 'fixed64';
      const n = typeof value === 'string' || typeof value === 'number' ? int64ToBigInt(value, unsigned) : undefined;
      if (n === undefined || !inInt64Range(n, unsigned)) throw new ProtoJsonError(path, `expected a ${scalar}, got ${describe(value)}`);
      return bigIntToLong(n, unsigned);
    }
    case 'double':
    case 'float': {
      const n = parseJsonNumber(value);
      if (n === undefined || (typeof value === 'number' && !Number.isFinite(n))) {
        throw new ProtoJsonError(path, `expected a ${scalar}, got ${describe(value)}`);
      }
      if (scalar === 'float' && Number.isFinite(n) && Math.abs(n) > FLOAT32_MAX) {
        throw new ProtoJsonError(path, `${n} is out of range for a float`);
      }
      return n;
    }
    case 'bool':
      if (typeof value === 'boolean') return value;
      throw new ProtoJsonError(path, `expected true or false, got ${describe(value)}`);
    case 'string':
      if (typeof value === 'string') return value;
      throw new ProtoJsonError(path, `expected a string, got ${describe(value)}`);
    case 'bytes': {
      const bytes = typeof value === 'string' ? base64ToBytes(value) : undefined;
      if (!bytes) throw new ProtoJsonError(path, `expected base64 text, got ${describe(value)}`);
      return bytes;
    }
  }
}

type SpecialFromJson = (info: TypeInfo, json: unknown, path: string, ctx: Ctx) => Dict;

function wrapperFromJson(scalar: ScalarKind): SpecialFromJson {
  return (_info, json, path) => ({ value: scalarFromJson(scalar, json, path) });
}

function expectString(json: unknown, path: string, what: string): string {
  if (typeof json !== 'string') throw new ProtoJsonError(path, `expected ${what}, got ${describe(json)}`);
  return json;
}

const wellKnownFromJson: Record<string, SpecialFromJson> = {
  'google.protobuf.Timestamp': (_info, json, path) => {
    const text = expectString(json, path, 'an RFC 3339 timestamp string');
    const ts = parseTimestamp(text);
    if (!ts) {
      throw new ProtoJsonError(path, `invalid timestamp "${text}" (want RFC 3339 between years 0001 and 9999, e.g. "2021-06-16T16:52:13.136834446Z")`);
    }
    return { seconds: bigIntToLong(BigInt(ts.seconds), false), nanos: ts.nanos };
  },
  'google.protobuf.Duration': (_info, json, path) => {
    const text = expectString(json, path, 'a duration string such as "1.5s"');
    const d = parseDuration(text);
    if (!d) throw new ProtoJsonError(path, `invalid duration "${text}" (want e.g. "1.5s", at most 315576000000s)`);
    return { seconds: bigIntToLong(d.seconds, false), nanos: d.nanos };
  },
  'google.protobuf.DoubleValue': wrapperFromJson('double'),
  'google.protobuf.FloatValue': wrapperFromJson('float'),
  'google.protobuf.Int64Value': wrapperFromJson('int64'),
  'google.protobuf.UInt64Value': wrapperFromJson('uint64'),
  'google.protobuf.Int32Value': wrapperFromJson('int32'),
  'google.protobuf.UInt32Value': wrapperFromJson('uint32'),
  'google.protobuf.BoolValue': wrapperFromJson('bool'),
  'google.protobuf.StringValue': wrapperFromJson('string'),
  'google.protobuf.BytesValue': wrapperFromJson('bytes'),
  'google.protobuf.Empty': (info, json, path, ctx) => {
    if (!isObject(json)) throw new ProtoJsonError(path, `expected {} for google.protobuf.Empty, got ${describe(json)}`);
    return fieldsFromJson(info, json, path, ctx, undefined);
  },
  'google.protobuf.FieldMask': (_info, json, path) => {
    const text = expectString(json, path, 'a comma-separated field mask string');
    const paths = text === '' ? [] : text.split(',');
    return {
      paths: paths.map((p) => {
        const proto = fieldPathFromJson(p);
        if (proto === undefined || p === '') throw new ProtoJsonError(path, `invalid field mask path "${p}" (want lowerCamelCase)`);
        return proto;
      }),
    };
  },
  'google.protobuf.Any': (_info, json, path, ctx) => {
    if (!isObject(json)) throw new ProtoJsonError(path, `expected an object for google.protobuf.Any, got ${describe(json)}`);
    if (Object.keys(json).length === 0) return {};
    const typeUrl = json['@type'];
    if (typeof typeUrl !== 'string' || typeUrl === '') {
      throw new ProtoJsonError(joinPath(path, '@type'), `google.protobuf.Any needs an "@type" string, got ${describe(typeUrl)}`);
    }
    const inner = anyPayloadType(typeUrl);
    if (!inner) {
      // Unknown type: only the opaque form we print ({"@type", "value": base64}) can be read back.
      const extra = Object.keys(json).filter((k) => k !== '@type' && k !== 'value');
      const bytes = typeof json['value'] === 'string' ? base64ToBytes(json['value']) : undefined;
      if (extra.length > 0 || !bytes) {
        throw new ProtoJsonError(path, `cannot read google.protobuf.Any of unknown type "${typeUrl}" (only {"@type", "value": base64} is accepted)`);
      }
      return { type_url: typeUrl, value: bytes };
    }
    const innerInfo = typeInfo(inner);
    let message: Dict;
    if (wellKnownFromJson[innerInfo.fullName]) {
      const extra = Object.keys(json).filter((k) => k !== '@type' && k !== 'value');
      if (extra.length > 0 && !ctx.ignoreUnknown) {
        throw new ProtoJsonError(joinPath(path, extra[0] as string), `unknown field "${extra[0]}" in google.protobuf.Any`);
      }
      message = messageFromJson(inner, json['value'], joinPath(path, 'value'), ctx);
    } else {
      message = fieldsFromJson(innerInfo, json, path, ctx, '@type');
    }
    return { type_url: typeUrl, value: inner.encode(message).finish() };
  },
};

/** Reads proto3 JSON as a message of the named type (e.g. "observer.GetFlowsResponse"). */
export function fromProtoJson(typeName: string, json: unknown, opts: FromProtoJsonOptions = {}): Dict {
  schemaRoot();
  return messageFromJson(lookupMessageType(typeName), json, '', { ignoreUnknown: opts.ignoreUnknownFields ?? true });
}

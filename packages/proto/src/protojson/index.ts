// proto3 JSON mapping (Go protojson with UseProtoNames, i.e. `hubble observe -o jsonpb`),
// driven by reflection over gen/descriptor.json.
import type { flow, observer } from '../generated.js';
import { fromProtoJson, type FromProtoJsonOptions } from './from-json.js';
import { toProtoJson, type JsonObject } from './to-json.js';

export { ProtoJsonError } from './errors.js';
export { fromProtoJson, type FromProtoJsonOptions } from './from-json.js';
export { toProtoJson, type JsonObject, type JsonValue } from './to-json.js';

export function getFlowsResponseToJson(message: observer.GetFlowsResponse.$Properties): JsonObject {
  return toProtoJson('observer.GetFlowsResponse', message) as JsonObject;
}

export function getFlowsResponseFromJson(json: unknown, opts?: FromProtoJsonOptions): observer.GetFlowsResponse.$Properties {
  return fromProtoJson('observer.GetFlowsResponse', json, opts) as observer.GetFlowsResponse.$Properties;
}

export function flowToJson(message: flow.Flow.$Properties): JsonObject {
  return toProtoJson('flow.Flow', message) as JsonObject;
}

export function flowFromJson(json: unknown, opts?: FromProtoJsonOptions): flow.Flow.$Properties {
  return fromProtoJson('flow.Flow', json, opts) as flow.Flow.$Properties;
}

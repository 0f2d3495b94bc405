// gRPC service definitions for @grpc/grpc-js built on the generated static
// encoders, plus typed client constructors.
import * as grpcJs from '@grpc/grpc-js';
import { grpc, observer, peer } from './generated.js';

/** What a generated message class offers for (de)serialisation. */
interface WireType<Props, Msg> {
  encode(message: Props): { finish(): Uint8Array };
  decode(data: Uint8Array): Msg;
}

function toBuffer(bytes: Uint8Array): Buffer {
  // protobufjs already hands out Buffers under Node; wrap without copying otherwise.
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function method<ReqProps, Req, ResProps, Res>(
  path: string,
  req: WireType<ReqProps, Req>,
  res: WireType<ResProps, Res>,
  responseStream: boolean,
): grpcJs.MethodDefinition<ReqProps, ResProps> {
  return {
    path,
    requestStream: false,
    responseStream,
    requestSerialize: (m: ReqProps) => toBuffer(req.encode(m).finish()),
    requestDeserialize: (b: Buffer) => req.decode(b) as unknown as ReqProps,
    responseSerialize: (m: ResProps) => toBuffer(res.encode(m).finish()),
    responseDeserialize: (b: Buffer) => res.decode(b) as unknown as ResProps,
  };
}

/** Message property types (what you pass in; decoded messages satisfy them too). */
export type GetFlowsRequest = observer.GetFlowsRequest.$Properties;
export type GetFlowsResponse = observer.GetFlowsResponse.$Properties;
export type GetAgentEventsRequest = observer.GetAgentEventsRequest.$Properties;
export type GetAgentEventsResponse = observer.GetAgentEventsResponse.$Properties;
export type GetDebugEventsRequest = observer.GetDebugEventsRequest.$Properties;
export type GetDebugEventsResponse = observer.GetDebugEventsResponse.$Properties;
export type GetNodesRequest = observer.GetNodesRequest.$Properties;
export type GetNodesResponse = observer.GetNodesResponse.$Properties;
export type GetNamespacesRequest = observer.GetNamespacesRequest.$Properties;
export type GetNamespacesResponse = observer.GetNamespacesResponse.$Properties;
export type ServerStatusRequest = observer.ServerStatusRequest.$Properties;
export type ServerStatusResponse = observer.ServerStatusResponse.$Properties;
export type NotifyRequest = peer.NotifyRequest.$Properties;
export type ChangeNotification = peer.ChangeNotification.$Properties;
export type HealthCheckRequest = grpc.health.v1.HealthCheckRequest.$Properties;
export type HealthCheckResponse = grpc.health.v1.HealthCheckResponse.$Properties;

export interface ObserverServiceDefinition extends grpcJs.ServiceDefinition {
  GetFlows: grpcJs.MethodDefinition<GetFlowsRequest, GetFlowsResponse>;
  GetAgentEvents: grpcJs.MethodDefinition<GetAgentEventsRequest, GetAgentEventsResponse>;
  GetDebugEvents: grpcJs.MethodDefinition<GetDebugEventsRequest, GetDebugEventsResponse>;
  GetNodes: grpcJs.MethodDefinition<GetNodesRequest, GetNodesResponse>;
  GetNamespaces: grpcJs.MethodDefinition<GetNamespacesRequest, GetNamespacesResponse>;
  ServerStatus: grpcJs.MethodDefinition<ServerStatusRequest, ServerStatusResponse>;
}

export interface PeerServiceDefinition extends grpcJs.ServiceDefinition {
  Notify: grpcJs.MethodDefinition<NotifyRequest, ChangeNotification>;
}

export interface HealthServiceDefinition extends grpcJs.ServiceDefinition {
  Check: grpcJs.MethodDefinition<HealthCheckRequest, HealthCheckResponse>;
  Watch: grpcJs.MethodDefinition<HealthCheckRequest, HealthCheckResponse>;
}

const o = observer;
/** `observer.Observer` as served by Hubble and hubble-relay. */
export const observerService: ObserverServiceDefinition = {
  GetFlows: method('/observer.Observer/GetFlows', o.GetFlowsRequest, o.GetFlowsResponse, true),
  GetAgentEvents: method('/observer.Observer/GetAgentEvents', o.GetAgentEventsRequest, o.GetAgentEventsResponse, true),
  GetDebugEvents: method('/observer.Observer/GetDebugEvents', o.GetDebugEventsRequest, o.GetDebugEventsResponse, true),
  GetNodes: method('/observer.Observer/GetNodes', o.GetNodesRequest, o.GetNodesResponse, false),
  GetNamespaces: method('/observer.Observer/GetNamespaces', o.GetNamespacesRequest, o.GetNamespacesResponse, false),
  ServerStatus: method('/observer.Observer/ServerStatus', o.ServerStatusRequest, o.ServerStatusResponse, false),
};

/** `peer.Peer`, the discovery stream relay reads. */
export const peerService: PeerServiceDefinition = {
  Notify: method('/peer.Peer/Notify', peer.NotifyRequest, peer.ChangeNotification, true),
};

const h = grpc.health.v1;
/** `grpc.health.v1.Health`. */
export const healthService: HealthServiceDefinition = {
  Check: method('/grpc.health.v1.Health/Check', h.HealthCheckRequest, h.HealthCheckResponse, false),
  Watch: method('/grpc.health.v1.Health/Watch', h.HealthCheckRequest, h.HealthCheckResponse, true),
};

type Unary<Req, Res> = {
  (req: Req, callback: grpcJs.requestCallback<Res>): grpcJs.ClientUnaryCall;
  (req: Req, metadata: grpcJs.Metadata, callback: grpcJs.requestCallback<Res>): grpcJs.ClientUnaryCall;
  (req: Req, metadata: grpcJs.Metadata, options: Partial<grpcJs.CallOptions>, callback: grpcJs.requestCallback<Res>): grpcJs.ClientUnaryCall;
  (req: Req, options: Partial<grpcJs.CallOptions>, callback: grpcJs.requestCallback<Res>): grpcJs.ClientUnaryCall;
};
type ServerStream<Req, Res> = {
  (req: Req, options?: Partial<grpcJs.CallOptions>): grpcJs.ClientReadableStream<Res>;
  (req: Req, metadata?: grpcJs.Metadata, options?: Partial<grpcJs.CallOptions>): grpcJs.ClientReadableStream<Res>;
};

/** Responses arrive as generated class instances (64-bit fields are Long). */
export interface ObserverClient extends grpcJs.Client {
  GetFlows: ServerStream<GetFlowsRequest, observer.GetFlowsResponse>;
  GetAgentEvents: ServerStream<GetAgentEventsRequest, observer.GetAgentEventsResponse>;
  GetDebugEvents: ServerStream<GetDebugEventsRequest, observer.GetDebugEventsResponse>;
  GetNodes: Unary<GetNodesRequest, observer.GetNodesResponse>;
  GetNamespaces: Unary<GetNamespacesRequest, observer.GetNamespacesResponse>;
  ServerStatus: Unary<ServerStatusRequest, observer.ServerStatusResponse>;
}
export interface PeerClient extends grpcJs.Client {
  Notify: ServerStream<NotifyRequest, peer.ChangeNotification>;
}
export interface HealthClient extends grpcJs.Client {
  Check: Unary<HealthCheckRequest, grpc.health.v1.HealthCheckResponse>;
  Watch: ServerStream<HealthCheckRequest, grpc.health.v1.HealthCheckResponse>;
}

type ClientCtor<C> = new (
  address: string,
  credentials: grpcJs.ChannelCredentials,
  options?: Partial<grpcJs.ChannelOptions>,
) => C;

export const ObserverClient = grpcJs.makeGenericClientConstructor(observerService, 'observer.Observer') as unknown as ClientCtor<ObserverClient>;
export const PeerClient = grpcJs.makeGenericClientConstructor(peerService, 'peer.Peer') as unknown as ClientCtor<PeerClient>;
export const HealthClient = grpcJs.makeGenericClientConstructor(healthService, 'grpc.health.v1.Health') as unknown as ClientCtor<HealthClient>;

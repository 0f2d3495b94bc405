import * as grpc from '@grpc/grpc-js';
import { observer, observerService } from '@starmap/proto';

/**
 * A gRPC client for hubble-relay's Observer service. Keepalive makes a dead TCP connection
 * visible within ~25 s (15 s + 10 s) even when no flow arrives; reconnect backoff is capped low so that a relay
 * that comes back is found quickly.
 */
export interface RelayTarget {
  address: string;
  credentials?: grpc.ChannelCredentials;
  /** Extra channel options, e.g. the TLS server name override. */
  channelOptions?: grpc.ChannelOptions;
}

export const RELAY_CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.keepalive_time_ms': 15_000,
  'grpc.keepalive_timeout_ms': 10_000,
  'grpc.initial_reconnect_backoff_ms': 300,
  'grpc.max_reconnect_backoff_ms': 5_000,
  'grpc.max_receive_message_length': 16 * 1024 * 1024,
};

type Callback<T> = (err: grpc.ServiceError | null, value?: T) => void;

/** A GetFlows response with the bytes it came in, so the ring can keep bytes instead of objects. */
export interface ReceivedResponse {
  response: observer.GetFlowsResponse;
  bytes: Buffer;
}

export interface ObserverClient extends grpc.Client {
  GetFlows(request: observer.IGetFlowsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<ReceivedResponse>;
  GetNodes(request: observer.IGetNodesRequest, options: grpc.CallOptions, callback: Callback<observer.GetNodesResponse>): grpc.ClientUnaryCall;
  GetNamespaces(
    request: observer.IGetNamespacesRequest,
    options: grpc.CallOptions,
    callback: Callback<observer.GetNamespacesResponse>,
  ): grpc.ClientUnaryCall;
  ServerStatus(
    request: observer.IServerStatusRequest,
    options: grpc.CallOptions,
    callback: Callback<observer.ServerStatusResponse>,
  ): grpc.ClientUnaryCall;
}

const receivingObserverService: grpc.ServiceDefinition = {
  ...observerService,
  GetFlows: {
    ...observerService.GetFlows,
    // grpc-js may hand us a slice of a larger read buffer: copy, so the ring retains only this message.
    responseDeserialize: (bytes: Buffer): ReceivedResponse => ({
      response: observer.GetFlowsResponse.decode(bytes),
      bytes: Buffer.from(bytes),
    }),
  },
};

const ObserverClientCtor = grpc.makeGenericClientConstructor(receivingObserverService, 'Observer');

export function createObserverClient(target: RelayTarget): ObserverClient {
  return new ObserverClientCtor(
    target.address,
    target.credentials ?? grpc.credentials.createInsecure(),
    { ...RELAY_CHANNEL_OPTIONS, ...target.channelOptions },
  ) as unknown as ObserverClient;
}

export function deadlineIn(ms: number): grpc.CallOptions {
  return { deadline: new Date(Date.now() + ms) };
}

/** A unary Observer call as a promise with a deadline. */
export function unary<Req, Res>(
  call: (req: Req, options: grpc.CallOptions, cb: Callback<Res>) => grpc.ClientUnaryCall,
  request: Req,
  timeoutMs: number,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    call(request, deadlineIn(timeoutMs), (err, value) => {
      if (err) reject(err);
      else if (value === undefined) reject(new Error('empty response'));
      else resolve(value);
    });
  });
}

/** A short human text for a gRPC error ('UNAVAILABLE: No connection established…'). */
export function describeGrpcError(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as grpc.ServiceError).code === 'number') {
    const e = err as grpc.ServiceError;
    const name = grpc.status[e.code] ?? `code ${e.code}`;
    return `${name}: ${e.details || e.message}`;
  }
  return err instanceof Error ? err.message : String(err);
}

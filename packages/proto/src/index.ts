// @starmap/proto: Hubble's wire types (generated from <repo>/proto), gRPC
// service definitions and a proto3-JSON codec.
export { flow, observer, peer, relay, google, grpc, health } from './generated.js';
export * from './services.js';
export * from './protojson/index.js';

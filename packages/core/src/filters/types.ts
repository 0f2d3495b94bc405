/**
 * Structural shapes of the parts of `flow.Flow` and `flow.FlowFilter` the filters read, with
 * upstream proto field names (protobufjs `--keep-case`). `flow.IFlow` / `flow.IFlowFilter` from
 * @starmap/proto are assignable to these, and so are plain objects, which keeps this module free
 * of generated code and usable from the browser bundle too.
 *
 * Enums are numbers on the wire types; enum *names* are accepted as well (see `enums.ts`) so a
 * filter built from proto-JSON without conversion still compiles.
 */
import type { flow } from '@starmap/proto';

type Opt<T> = T | null | undefined;

/** uint64 fields arrive as number or as a Long-like object. */
export type Uint64Like = number | bigint | string | { toString(): string };

export interface FilterableEndpoint {
  ID?: Opt<number>;
  identity?: Opt<number>;
  cluster_name?: Opt<string>;
  namespace?: Opt<string>;
  labels?: Opt<readonly string[]>;
  pod_name?: Opt<string>;
  workloads?: Opt<readonly { name?: Opt<string>; kind?: Opt<string> }[]>;
}

export interface FilterableService {
  name?: Opt<string>;
  namespace?: Opt<string>;
}

export interface FilterableTCPFlags {
  FIN?: Opt<boolean>;
  SYN?: Opt<boolean>;
  RST?: Opt<boolean>;
  PSH?: Opt<boolean>;
  ACK?: Opt<boolean>;
  URG?: Opt<boolean>;
  ECE?: Opt<boolean>;
  CWR?: Opt<boolean>;
  NS?: Opt<boolean>;
}

interface PortPair {
  source_port?: Opt<number>;
  destination_port?: Opt<number>;
}

export interface FilterableFlow {
  uuid?: Opt<string>;
  verdict?: Opt<number | string>;
  drop_reason_desc?: Opt<number | string>;
  IP?: Opt<{
    source?: Opt<string>;
    source_xlated?: Opt<string>;
    destination?: Opt<string>;
    ipVersion?: Opt<number | string>;
    encrypted?: Opt<boolean>;
  }>;
  l4?: Opt<{
    TCP?: Opt<PortPair & { flags?: Opt<FilterableTCPFlags> }>;
    UDP?: Opt<PortPair>;
    SCTP?: Opt<PortPair>;
    ICMPv4?: Opt<object>;
    ICMPv6?: Opt<object>;
  }>;
  source?: Opt<FilterableEndpoint>;
  destination?: Opt<FilterableEndpoint>;
  node_name?: Opt<string>;
  node_labels?: Opt<readonly string[]>;
  source_names?: Opt<readonly string[]>;
  destination_names?: Opt<readonly string[]>;
  l7?: Opt<{
    dns?: Opt<{ query?: Opt<string> }>;
    http?: Opt<{
      code?: Opt<number>;
      method?: Opt<string>;
      url?: Opt<string>;
      headers?: Opt<readonly { key?: Opt<string>; value?: Opt<string> }[]>;
    }>;
    kafka?: Opt<object>;
  }>;
  event_type?: Opt<{ type?: Opt<number>; sub_type?: Opt<number> }>;
  source_service?: Opt<FilterableService>;
  destination_service?: Opt<FilterableService>;
  traffic_direction?: Opt<number | string>;
  /** google.protobuf.BoolValue; a bare boolean is tolerated too. */
  is_reply?: Opt<{ value?: Opt<boolean> } | boolean>;
  interface?: Opt<{ index?: Opt<number>; name?: Opt<string> }>;
  trace_context?: Opt<{ parent?: Opt<{ trace_id?: Opt<string> }> }>;
  ip_trace_id?: Opt<{ trace_id?: Opt<Uint64Like> }>;
}

export interface WorkloadFilterInput {
  name?: Opt<string>;
  kind?: Opt<string>;
}

export interface EventTypeFilterInput {
  type?: Opt<number>;
  match_sub_type?: Opt<boolean>;
  sub_type?: Opt<number>;
}

export interface FlowFilterInput {
  uuid?: Opt<readonly string[]>;
  source_ip?: Opt<readonly string[]>;
  source_ip_xlated?: Opt<readonly string[]>;
  source_pod?: Opt<readonly string[]>;
  source_fqdn?: Opt<readonly string[]>;
  source_label?: Opt<readonly string[]>;
  source_service?: Opt<readonly string[]>;
  source_workload?: Opt<readonly WorkloadFilterInput[]>;
  source_cluster_name?: Opt<readonly string[]>;
  destination_ip?: Opt<readonly string[]>;
  destination_pod?: Opt<readonly string[]>;
  destination_fqdn?: Opt<readonly string[]>;
  destination_label?: Opt<readonly string[]>;
  destination_service?: Opt<readonly string[]>;
  destination_workload?: Opt<readonly WorkloadFilterInput[]>;
  destination_cluster_name?: Opt<readonly string[]>;
  traffic_direction?: Opt<readonly (number | string)[]>;
  verdict?: Opt<readonly (number | string)[]>;
  drop_reason_desc?: Opt<readonly (number | string)[]>;
  interface?: Opt<readonly { index?: Opt<number>; name?: Opt<string> }[]>;
  event_type?: Opt<readonly EventTypeFilterInput[]>;
  http_status_code?: Opt<readonly string[]>;
  protocol?: Opt<readonly string[]>;
  source_port?: Opt<readonly string[]>;
  destination_port?: Opt<readonly string[]>;
  reply?: Opt<readonly boolean[]>;
  dns_query?: Opt<readonly string[]>;
  source_identity?: Opt<readonly number[]>;
  destination_identity?: Opt<readonly number[]>;
  http_method?: Opt<readonly string[]>;
  http_path?: Opt<readonly string[]>;
  http_url?: Opt<readonly string[]>;
  http_header?: Opt<readonly { key?: Opt<string>; value?: Opt<string> }[]>;
  tcp_flags?: Opt<readonly FilterableTCPFlags[]>;
  node_name?: Opt<readonly string[]>;
  node_labels?: Opt<readonly string[]>;
  ip_version?: Opt<readonly (number | string)[]>;
  trace_id?: Opt<readonly string[]>;
  ip_trace_id?: Opt<readonly Uint64Like[]>;
  encrypted?: Opt<readonly boolean[]>;
  /** Upstream's experimental block holds `cel_expression`, which we cannot evaluate (see compile.ts). */
  experimental?: Opt<{ cel_expression?: Opt<readonly string[]> }>;
}

/** A compiled test of one flow. */
export type FlowPredicate = (flow: FilterableFlow) => boolean;

// Compile-time proof that the generated protobufjs messages fit the shapes above, so callers can
// pass `flow.IFlow` / `flow.IFlowFilter` straight in.

type Assert<T extends true> = T;
export type GeneratedFlowFits = Assert<flow.IFlow extends FilterableFlow ? true : false>;
export type GeneratedFlowFilterFits = Assert<flow.IFlowFilter extends FlowFilterInput ? true : false>;

/**
 * `GET /v1/healthz` → StatusResponse, after Cilium's api/v1/openapi.yaml (definitions
 * StatusResponse, Status, KubeProxyReplacement, Routing, HostRouting, Masquerading, AttachMode,
 * DatapathMode, BandwidthManager, EncryptionStatus, WireguardStatus, IPsecStatus, ClusterStatus,
 * K8sStatus, HubbleStatus). Only the sections Starmap reads are modelled field by field; the
 * rest pass through untouched.
 */
import { z } from 'zod';
import {
  componentStatus,
  enabledFlag,
  optBool,
  optInt,
  optNumber,
  optString,
  optStrings,
} from './fields.js';

const nodePortFeature = z
  .looseObject({
    enabled: optBool,
    /** SNAT | DSR | Hybrid */
    mode: optString,
    /** "IP Option/Extension" | "IPIP" | "Geneve" (1.14+) */
    dsrMode: optString,
    /** Random | Maglev */
    algorithm: optString,
    /** None | Native | Generic | Best-Effort; agents also send "Disabled". */
    acceleration: optString,
    portMin: optInt,
    portMax: optInt,
    /** Maglev lookup-table size. */
    lutSize: optInt,
  })
  .nullish();

const nat46x64Feature = z
  .looseObject({
    enabled: optBool,
    gateway: z.looseObject({ enabled: optBool, prefixes: optStrings }).nullish(),
    service: enabledFlag,
  })
  .nullish();

export const kubeProxyReplacementSchema = z.looseObject({
  /** "True" | "False" since 1.14; "Strict" | "Probe" | "Partial" | "Disabled" before. */
  mode: optString,
  devices: optStrings,
  deviceList: z.array(z.looseObject({ name: optString, ip: optStrings })).nullish(),
  directRoutingDevice: optString,
  features: z
    .looseObject({
      nodePort: nodePortFeature,
      hostPort: enabledFlag,
      externalIPs: enabledFlag,
      /** Pre-1.12 name of socket LB. */
      hostReachableServices: z.looseObject({ enabled: optBool, protocols: optStrings }).nullish(),
      socketLB: enabledFlag,
      socketLBTracing: enabledFlag,
      sessionAffinity: enabledFlag,
      gracefulTermination: enabledFlag,
      nat46X64: nat46x64Feature,
      /** True when socket LB only applies in the host network namespace. */
      bpfSocketLBHostnsOnly: optBool,
      annotations: optStrings,
    })
    .nullish(),
});

export const routingSchema = z.looseObject({
  /** Native | Tunnel (1.16+) */
  'inter-host-routing-mode': optString,
  /** BPF | Legacy (1.16+) */
  'intra-host-routing-mode': optString,
  /** vxlan | geneve, set in tunnel mode */
  'tunnel-protocol': optString,
});

export const masqueradingSchema = z.looseObject({
  enabled: optBool,
  enabledProtocols: z.looseObject({ ipv4: optBool, ipv6: optBool }).nullish(),
  /** BPF | iptables */
  mode: optString,
  'ip-masq-agent': optBool,
  'snat-exclusion-cidr': optString,
  'snat-exclusion-cidr-v4': optString,
  'snat-exclusion-cidr-v6': optString,
});

export const bandwidthManagerSchema = z.looseObject({
  enabled: optBool,
  devices: optStrings,
  /** cubic | bbr */
  congestionControl: optString,
});

const wireguardInterface = z.looseObject({
  name: optString,
  'public-key': optString,
  'listen-port': optInt,
  'peer-count': optInt,
});

export const encryptionSchema = z.looseObject({
  /** Disabled | IPsec | Wireguard (| Ztunnel in 1.19) */
  mode: optString,
  msg: optString,
  wireguard: z
    .looseObject({
      interfaces: z.array(wireguardInterface).nullish(),
      'node-encryption': optString,
    })
    .nullish(),
  ipsec: z
    .looseObject({
      'decrypt-interfaces': optStrings,
      'keys-in-use': optInt,
      'error-count': optInt,
    })
    .nullish(),
});

export const clusterStatusSchema = z.looseObject({
  ciliumHealth: componentStatus,
  /** Local node, usually "<cluster>/<node>". */
  self: optString,
  nodes: z.array(z.looseObject({ name: optString })).nullish(),
});

export const agentStatusResponseSchema = z.looseObject({
  cilium: componentStatus,
  kvstore: componentStatus,
  'container-runtime': componentStatus,
  kubernetes: z
    .looseObject({ state: optString, msg: optString, 'k8s-api-versions': optStrings })
    .nullish(),
  hubble: z.looseObject({ state: optString, msg: optString }).nullish(),
  'kube-proxy-replacement': kubeProxyReplacementSchema.nullish(),
  routing: routingSchema.nullish(),
  /** Cilium ≤ 1.15 reported host routing on its own; 1.16 folded it into `routing`. */
  'host-routing': z.looseObject({ mode: optString }).nullish(),
  masquerading: masqueradingSchema.nullish(),
  /** tc | tcx */
  'attach-mode': optString,
  /** veth | netkit | netkit-l2 */
  'datapath-mode': optString,
  'bandwidth-manager': bandwidthManagerSchema.nullish(),
  encryption: encryptionSchema.nullish(),
  cluster: clusterStatusSchema.nullish(),
  'host-firewall': z.looseObject({ mode: optString, devices: optStrings }).nullish(),
  'cni-chaining': z.looseObject({ mode: optString }).nullish(),
  'clock-source': z.looseObject({ mode: optString, hertz: optInt }).nullish(),
  'ipv4-big-tcp': z.looseObject({ enabled: optBool }).nullish(),
  'ipv6-big-tcp': z.looseObject({ enabled: optBool }).nullish(),
  'bpf-maps': z.looseObject({ 'dynamic-size-ratio': optNumber }).nullish(),
  'client-id': optInt,
});

export type AgentStatusResponse = z.infer<typeof agentStatusResponseSchema>;
export type AgentKubeProxyReplacement = z.infer<typeof kubeProxyReplacementSchema>;
export type AgentRouting = z.infer<typeof routingSchema>;
export type AgentMasquerading = z.infer<typeof masqueradingSchema>;
export type AgentEncryption = z.infer<typeof encryptionSchema>;

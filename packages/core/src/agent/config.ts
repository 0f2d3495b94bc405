/**
 * `GET /v1/config` → DaemonConfiguration (openapi definitions DaemonConfiguration,
 * DaemonConfigurationSpec, DaemonConfigurationStatus, NodeAddressing, NodeAddressingElement).
 *
 * `daemonConfigurationMap` is the agent's whole DaemonConfig struct keyed by Go field names;
 * it is free-form, so only the keys Starmap reads are type-checked.
 */
import { z } from 'zod';
import { optBool, optInt, optString } from './fields.js';

const addressingElement = z
  .looseObject({
    /** Omitted when false; the agent leaves out the whole element of a disabled family. */
    enabled: optBool,
    ip: optString,
    'alloc-range': optString,
    'address-type': optString,
  })
  .nullish();

export const nodeAddressingSchema = z.looseObject({
  ipv4: addressingElement,
  ipv6: addressingElement,
});

/** The keys of daemonConfigurationMap read by the datapath derivation. */
export const daemonConfigurationMapSchema = z.looseObject({
  ClusterName: optString,
  ClusterID: optInt,
  /** native | tunnel (1.14+) */
  RoutingMode: optString,
  /** vxlan | geneve */
  TunnelProtocol: optString,
  /** Before 1.14: disabled | vxlan | geneve */
  Tunnel: optString,
  EnableIPv4: optBool,
  EnableIPv6: optBool,
  EnableHostLegacyRouting: optBool,
});

// Values are strings per the schema; not read here, so not held to it.
const configurationMap = z.record(z.string(), z.unknown());

export const daemonConfigurationSchema = z.looseObject({
  spec: z
    .looseObject({ options: configurationMap.nullish(), 'policy-enforcement': optString })
    .nullish(),
  status: z
    .looseObject({
      realized: z
        .looseObject({ options: configurationMap.nullish(), 'policy-enforcement': optString })
        .nullish(),
      immutable: configurationMap.nullish(),
      addressing: nodeAddressingSchema.nullish(),
      daemonConfigurationMap: daemonConfigurationMapSchema.nullish(),
      /** veth | netkit | netkit-l2 (ipvlan in old agents) */
      datapathMode: optString,
      deviceMTU: optInt,
      routeMTU: optInt,
      'ipam-mode': optString,
      masquerade: optBool,
      masqueradeProtocols: z.looseObject({ ipv4: optBool, ipv6: optBool }).nullish(),
      'k8s-endpoint': optString,
      'k8s-configuration': optString,
    })
    .nullish(),
});

export type DaemonConfiguration = z.infer<typeof daemonConfigurationSchema>;
export type NodeAddressing = z.infer<typeof nodeAddressingSchema>;

/**
 * `GET /v1/service` → Service[] (openapi definitions Service, ServiceSpec, FrontendAddress,
 * BackendAddress, ServiceStatus). Cilium 1.18+ still serves this list (read-only) from the new
 * load-balancing control plane and spells protocols upper-case ("TCP") although the schema's
 * enum is lower-case, so protocol, scope, state and type are read as free strings.
 */
import { z } from 'zod';
import { optBool, optInt, optString } from './fields.js';

const port = z.number().int().min(0).max(65535);

export const frontendAddressSchema = z.looseObject({
  ip: optString,
  /** tcp | udp | any per schema; "TCP" | "UDP" | "SCTP" from real agents. */
  protocol: optString,
  /** external | internal */
  scope: optString,
  port: port.nullish(),
});

export const backendAddressSchema = z.looseObject({
  /** The only required field of BackendAddress. */
  ip: z.string(),
  port: port.nullish(),
  protocol: optString,
  nodeName: optString,
  zone: optString,
  /** active | terminating | quarantined | maintenance; absent means active. */
  state: optString,
  /** Preferred backend for ClusterMesh service affinity. */
  preferred: optBool,
  /** 0 means maintenance; absent when the agent does not use weights. */
  weight: optInt,
});

export const serviceFlagsSchema = z.looseObject({
  /** ClusterIP | NodePort | ExternalIPs | HostPort | LoadBalancer | LocalRedirect */
  type: optString,
  /** Before internal/external policies were split. */
  trafficPolicy: optString,
  extTrafficPolicy: optString,
  intTrafficPolicy: optString,
  /** None | Nat46 | Nat64 */
  natPolicy: optString,
  healthCheckNodePort: port.nullish(),
  name: optString,
  namespace: optString,
  cluster: optString,
});

export const serviceSpecSchema = z.looseObject({
  id: optInt,
  'frontend-address': frontendAddressSchema,
  'backend-addresses': z.array(backendAddressSchema).nullish(),
  flags: serviceFlagsSchema.nullish(),
});

export const agentServiceSchema = z
  .looseObject({
    spec: serviceSpecSchema.nullish(),
    status: z.looseObject({ realized: serviceSpecSchema.nullish() }).nullish(),
  })
  .refine((svc) => svc.spec != null || svc.status?.realized != null, {
    message: 'a service needs a spec or a status.realized',
    path: ['spec'],
  });

export const agentServiceListSchema = z.array(agentServiceSchema);

export type AgentService = z.infer<typeof agentServiceSchema>;
export type AgentServiceSpec = z.infer<typeof serviceSpecSchema>;
export type AgentFrontendAddress = z.infer<typeof frontendAddressSchema>;
export type AgentBackendAddress = z.infer<typeof backendAddressSchema>;

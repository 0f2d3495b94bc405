import type { FlowEndpoint } from '@starmap/core';
import { hostPort } from './address';

export interface EndpointText {
  /** What `hubble observe` prints: `namespace/pod:port`, a service or DNS name, else the IP. */
  text: string;
  /** `text` in two parts, so a table cell can shorten a long pod name and keep the port: `[2001:db8::a]` + `:53`. */
  host: string;
  port: string;
  /** `host` split once more: `namespace/` and the pod or service name, so a cell can shorten the namespace first. */
  namespacePrefix: string;
  name: string;
  /** The reserved identity, e.g. `reserved:world`, when the peer is not a pod. */
  identityTag: string | null;
  /** A longer description for a tooltip. */
  title: string;
}

/** The peer's name without port, in hubble's order of preference: pod, service, DNS names, IP. */
export function endpointHost(endpoint: FlowEndpoint): string {
  if (endpoint.podName) return endpoint.namespace ? `${endpoint.namespace}/${endpoint.podName}` : endpoint.podName;
  if (endpoint.service?.name) {
    const ns = endpoint.service.namespace || endpoint.namespace;
    return ns ? `${ns}/${endpoint.service.name}` : endpoint.service.name;
  }
  if (endpoint.names.length > 0) return endpoint.names.join(',');
  if (endpoint.ip) return endpoint.ip;
  const reserved = endpoint.reserved[0];
  if (reserved) return `reserved:${reserved}`;
  return endpoint.workload || 'unknown';
}

export function formatEndpoint(endpoint: FlowEndpoint): EndpointText {
  const host = endpointHost(endpoint);
  const text = hostPort(host, endpoint.port);
  const portText = text.length > host.length && text.startsWith(host) ? text.slice(host.length) : '';
  const bracketed = text.startsWith('[') ? text.slice(0, text.lastIndexOf(']') + 1) : host;
  const parts = text.startsWith('[') ? { host: bracketed, port: text.slice(bracketed.length) } : { host, port: portText };
  const identityTag =
    endpoint.podName === '' && endpoint.reserved.length > 0 && !host.startsWith('reserved:')
      ? endpoint.reserved.map((r) => `reserved:${r}`).join(', ')
      : null;

  const lines = [text];
  if (endpoint.ip && host !== endpoint.ip) lines.push(`IP ${hostPort(endpoint.ip, endpoint.port)}`);
  if (endpoint.identity) lines.push(`identity ${endpoint.identity}`);
  if (endpoint.reserved.length > 0) lines.push(endpoint.reserved.map((r) => `reserved:${r}`).join(', '));
  if (endpoint.workload && endpoint.workloadKind !== 'reserved') {
    lines.push(endpoint.workloadKind ? `${endpoint.workloadKind} ${endpoint.workload}` : endpoint.workload);
  }
  if (endpoint.clusterName) lines.push(`cluster ${endpoint.clusterName}`);
  const slash = endpoint.podName || endpoint.service?.name ? parts.host.indexOf('/') : -1;
  const namespacePrefix = slash > 0 ? parts.host.slice(0, slash + 1) : '';
  const name = parts.host.slice(namespacePrefix.length);
  return { text, ...parts, namespacePrefix, name, identityTag, title: lines.join('\n') };
}

// The rendered manifests in deploy/ are what `kubectl apply -f` sends: every object must be
// valid for its kind, and the objects must fit together (selectors, ports, volumes, Secrets).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaErrors, unknownFieldErrors } from './k8s-validate.js';
import {
  DEPLOY,
  RENDERED,
  byKind,
  containerOf,
  envOf,
  get,
  isObject,
  loadManifest,
  podSpecOf,
  serverFlags,
  workloadOf,
  type JsonObject,
} from './support.js';

/** Environment variables whose value is a file the server reads. */
const FILE_ENV = ['HUBBLE_TLS_CA', 'HUBBLE_TLS_CERT', 'HUBBLE_TLS_KEY', 'STARMAP_TLS_CERT', 'STARMAP_TLS_KEY', 'STARMAP_AUTH_TOKEN_FILE', 'STARMAP_BASIC_AUTH_FILE', 'CILIUM_SOCKET'];
/** Of those, the ones that hold credentials: they must come from a Secret. */
const SECRET_ENV = FILE_ENV.filter((e) => e !== 'CILIUM_SOCKET');

describe.each(RENDERED.map((r) => r.manifest))('deploy/%s', (name) => {
  const objects = loadManifest(path.join(DEPLOY, name));
  const workload = workloadOf(objects);
  const pod = podSpecOf(workload);
  const container = containerOf(workload);
  const env = envOf(container);
  const volumes = (pod.volumes ?? []) as Array<JsonObject & { name: string }>;

  it('validates every object against its Kubernetes schema', () => {
    expect(objects.length).toBeGreaterThanOrEqual(3);
    for (const o of objects) expect(schemaErrors(o), `${o.kind}/${o.metadata.name}`).toBe('');
  });

  it('declares no field unknown to its kind', () => {
    expect(unknownFieldErrors(objects)).toEqual([]);
  });

  it('holds no Secret: credentials stay out of the manifests', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  it('puts every object in one namespace with distinct kind/name pairs', () => {
    expect(new Set(objects.map((o) => o.metadata.namespace)).size).toBe(1);
    const ids = objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('selects its own pods, from the workload and from the Service', () => {
    const labels = get(workload, 'spec.template.metadata.labels') as JsonObject;
    const matchLabels = get(workload, 'spec.selector.matchLabels') as JsonObject;
    expect(Object.keys(matchLabels).length).toBeGreaterThan(0);
    for (const [k, v] of Object.entries(matchLabels)) expect(labels[k]).toBe(v);
    const service = byKind(objects, 'Service')!;
    for (const [k, v] of Object.entries(get(service, 'spec.selector') as JsonObject)) expect(labels[k]).toBe(v);
  });

  it('routes the Service and the probes to a named container port', () => {
    const ports = (container.ports ?? []) as Array<{ name: string; containerPort: number }>;
    const portNames = ports.map((p) => p.name);
    const service = byKind(objects, 'Service')!;
    for (const p of get(service, 'spec.ports') as Array<{ targetPort: string }>) expect(portNames).toContain(p.targetPort);
    for (const probe of ['livenessProbe', 'readinessProbe']) expect(portNames).toContain(get(container, `${probe}.httpGet.port`));
    expect(env.get('PORT')).toBe(String(ports[0]!.containerPort));
  });

  it('probes /healthz and /readyz under the base path, over HTTPS when the server serves it', () => {
    const base = env.get('STARMAP_BASE_PATH') ?? '';
    expect(get(container, 'livenessProbe.httpGet.path')).toBe(`${base}/healthz`);
    expect(get(container, 'readinessProbe.httpGet.path')).toBe(`${base}/readyz`);
    const scheme = env.has('STARMAP_TLS_CERT') ? 'HTTPS' : 'HTTP';
    expect(get(container, 'livenessProbe.httpGet.scheme')).toBe(scheme);
    expect(get(container, 'readinessProbe.httpGet.scheme')).toBe(scheme);
  });

  it('sets only environment variables the server reads', () => {
    const known = serverFlags();
    const unknown = [...env.keys()].filter((e) => !known.has(e));
    expect(unknown).toEqual([]);
  });

  it('listens on all addresses, since the kubelet and the Service reach the pod from outside', () => {
    expect(env.get('HOST')).toBe('0.0.0.0');
  });

  it('gives no credential as a plain value: each is a file from a mounted Secret', () => {
    for (const [name, value] of env) {
      if (!SECRET_ENV.includes(name)) continue;
      const mount = container.volumeMounts.find((m) => value!.startsWith(`${m.mountPath}/`));
      expect(mount, `${name}=${value} is in no mount`).toBeDefined();
      const volume = volumes.find((v) => v.name === mount!.name)!;
      const secret = volume.secret as JsonObject | undefined;
      expect(secret, `${name} comes from volume ${volume.name}, not a Secret`).toBeDefined();
      const file = value!.slice(mount!.mountPath.length + 1);
      const items = (secret!.items ?? []) as Array<{ key: string; path: string }>;
      expect(items.map((i) => i.path), `${name}: ${file} is not projected from Secret ${String(secret!.secretName)}`).toContain(file);
      expect(mount!.readOnly).toBe(true);
    }
  });

  it('reads the agent socket from the read-only host directory, when it reads one', () => {
    const socket = env.get('CILIUM_SOCKET');
    const hostVolumes = volumes.filter((v) => isObject(v.hostPath));
    if (socket === undefined) {
      expect(hostVolumes).toEqual([]);
      return;
    }
    const mount = container.volumeMounts.find((m) => socket.startsWith(`${m.mountPath}/`));
    expect(mount).toBeDefined();
    expect(mount!.readOnly).toBe(true);
    const volume = volumes.find((v) => v.name === mount!.name)!;
    expect(get(volume, 'hostPath.type')).toBe('Directory');
  });

  it('mounts every volume and declares every mount', () => {
    const mounted = container.volumeMounts.map((m) => m.name).sort();
    expect(volumes.map((v) => v.name).sort()).toEqual(mounted);
  });

  it('makes Secret files readable by the group only (0440, read as YAML 1.1 octal)', () => {
    for (const v of volumes.filter((v) => isObject(v.secret))) expect(get(v, 'secret.defaultMode')).toBe(0o440);
    // fsGroup gives those files to the process's group.
    expect(get(pod, 'securityContext.fsGroup')).toBe(get(pod, 'securityContext.runAsGroup'));
  });

  it('runs non-root, without privileges, on a read-only root with an in-memory /tmp', () => {
    expect(get(container, 'securityContext.readOnlyRootFilesystem')).toBe(true);
    expect(get(container, 'securityContext.runAsNonRoot')).toBe(true);
    expect(get(container, 'securityContext.allowPrivilegeEscalation')).toBe(false);
    expect(get(container, 'securityContext.capabilities.drop')).toEqual(['ALL']);
    expect(get(container, 'securityContext.runAsUser')).not.toBe(0);
    const tmp = container.volumeMounts.find((m) => m.mountPath === '/tmp');
    expect(tmp).toBeDefined();
    expect(get(volumes.find((v) => v.name === tmp!.name), 'emptyDir.medium')).toBe('Memory');
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it('puts a fixed nodePort in the node port range when the Service is a NodePort', () => {
    const service = byKind(objects, 'Service')!;
    if (get(service, 'spec.type') !== 'NodePort') return;
    const nodePort = get(service, 'spec.ports.0.nodePort') as number;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
  });
});

/** Rendered manifests that hold an object of this kind. */
function manifestsWith(kind: string): string[] {
  return RENDERED.map((r) => r.manifest).filter((m) => byKind(loadManifest(path.join(DEPLOY, m)), kind) !== undefined);
}

function parts(name: string) {
  const objects = loadManifest(path.join(DEPLOY, name));
  const workload = workloadOf(objects);
  const container = containerOf(workload);
  const volumes = (podSpecOf(workload).volumes ?? []) as Array<JsonObject & { name: string }>;
  return { objects, container, env: envOf(container), volumes, service: byKind(objects, 'Service')! };
}

it('renders an Ingress and a ServiceMonitor in some manifest, so their checks run', () => {
  expect(manifestsWith('Ingress').length).toBeGreaterThan(0);
  expect(manifestsWith('ServiceMonitor').length).toBeGreaterThan(0);
});

describe.each(manifestsWith('Ingress'))('the Ingress of deploy/%s', (name) => {
  const { objects, env, service } = parts(name);
  const ingress = byKind(objects, 'Ingress');
  it('sends the base path, unstripped, to the Service port', () => {
    const paths = get(ingress, 'spec.rules.0.http.paths') as Array<JsonObject>;
    expect(paths).toHaveLength(1);
    expect(paths[0]!.path).toBe(env.get('STARMAP_BASE_PATH') ?? '/');
    expect(get(paths[0], 'backend.service.name')).toBe(service.metadata.name);
    const portNames = (get(service, 'spec.ports') as Array<{ name: string }>).map((p) => p.name);
    expect(portNames).toContain(get(paths[0], 'backend.service.port.name'));
  });
});

describe.each(manifestsWith('ServiceMonitor'))('the ServiceMonitor of deploy/%s', (name) => {
  const { objects, container, env, volumes, service } = parts(name);
  const monitor = byKind(objects, 'ServiceMonitor');
  it('scrapes /metrics of the Service, with the token the gate asks for', () => {
    const serviceLabels = service.metadata.labels as JsonObject;
    for (const [k, v] of Object.entries(get(monitor, 'spec.selector.matchLabels') as JsonObject)) expect(serviceLabels[k]).toBe(v);
    expect(get(monitor, 'spec.namespaceSelector.matchNames')).toEqual([service.metadata.namespace]);
    const endpoint = get(monitor, 'spec.endpoints.0') as JsonObject;
    expect((get(service, 'spec.ports') as Array<{ name: string }>).map((p) => p.name)).toContain(endpoint.port);
    expect(endpoint.path).toBe(`${env.get('STARMAP_BASE_PATH') ?? ''}/metrics`);
    expect(endpoint.scheme).toBe(env.has('STARMAP_TLS_CERT') ? 'https' : 'http');
    const tokenFile = env.get('STARMAP_AUTH_TOKEN_FILE');
    if (tokenFile === undefined) {
      expect(endpoint.authorization).toBeUndefined();
      return;
    }
    // The same Secret and key the server's token file is projected from.
    const mount = container.volumeMounts.find((m) => tokenFile.startsWith(`${m.mountPath}/`))!;
    const volume = volumes.find((v) => v.name === mount.name)!;
    const item = (get(volume, 'secret.items') as Array<{ key: string; path: string }>).find((i) => tokenFile.endsWith(`/${i.path}`))!;
    expect(get(endpoint, 'authorization.credentials')).toEqual({ name: get(volume, 'secret.secretName'), key: item.key });
  });
});

describe('the strict field check', () => {
  it('finds a misspelt field the schemas let through', () => {
    const objects = loadManifest(path.join(DEPLOY, 'starmap.yaml'));
    const workload = workloadOf(objects);
    const container = containerOf(workload) as JsonObject;
    const sc = container.securityContext as JsonObject;
    sc.readOnlyRootFileSystem = sc.readOnlyRootFilesystem!;
    delete sc.readOnlyRootFilesystem;
    (get(workload, 'spec.template.spec.containers') as JsonObject[])[0] = container;
    expect(schemaErrors(workload)).toBe('');
    const errors = unknownFieldErrors([workload]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Deployment\/starmap: .*readOnlyRootFileSystem/);
  });
});

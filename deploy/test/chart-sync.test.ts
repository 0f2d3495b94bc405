// The hand-rendered manifests in deploy/ must stay what the chart renders. Helm is not
// available here and its Go templates are not reimplemented: instead each field the chart sets
// is listed once below with the template text that sets it and the value it must have for given
// values. The test checks the text is in the template, the field in every rendered manifest, and
// that the templates set nothing (no env var, volume, mount, kind) this list does not know.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHART,
  DEPLOY,
  RELEASE_NAME,
  RENDERED,
  byKind,
  containerOf,
  get,
  isObject,
  loadManifest,
  loadYaml,
  podSpecOf,
  readText,
  serverFlags,
  valuesFor,
  workloadOf,
  type Json,
  type JsonObject,
  type K8sObject,
} from './support.js';

const chart = loadYaml(path.join(CHART, 'Chart.yaml')) as { name: string; version: string; appVersion: string };
const TEMPLATES = readdirSync(path.join(CHART, 'templates')).filter((f) => f.endsWith('.yaml'));
const template = (name: string) => readText(path.join(CHART, 'templates', name));
const workloadTemplate = template('workload.yaml');

/** Values as the templates see them (`.Values`), loosely typed: they passed the schema. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type V = any;
const on = (v: V) => !v.demo.enabled;
const relayTls = (v: V) => on(v) && v.relay.tls.enabled === true;
const agentSocket = (v: V) => on(v) && !v.agent.api && v.agent.socket.enabled === true;
const nonEmpty = (x: Json | undefined) => (isObject(x) && Object.keys(x).length === 0 ? undefined : Array.isArray(x) && x.length === 0 ? undefined : x);

/** Every environment variable the chart sets: the text after `value:` in the template, and the value for given values (undefined: not set). */
const ENV: Array<{ name: string; text: string; value: (v: V) => string | undefined }> = [
  { name: 'HOST', text: '"0.0.0.0"', value: () => '0.0.0.0' },
  { name: 'PORT', text: '{{ .Values.containerPort | quote }}', value: (v) => String(v.containerPort) },
  { name: 'LOG_LEVEL', text: '{{ .Values.logLevel | quote }}', value: (v) => v.logLevel },
  { name: 'STARMAP_BASE_PATH', text: '{{ . | quote }}', value: (v) => v.basePath || undefined },
  { name: 'HUBBLE_SERVER', text: '{{ .Values.relay.address | quote }}', value: (v) => (on(v) ? v.relay.address : undefined) },
  { name: 'HUBBLE_TLS', text: '"true"', value: (v) => (relayTls(v) ? 'true' : undefined) },
  { name: 'HUBBLE_TLS_CA', text: '/etc/starmap/relay-tls/ca.crt', value: (v) => (relayTls(v) ? '/etc/starmap/relay-tls/ca.crt' : undefined) },
  { name: 'HUBBLE_TLS_CERT', text: '/etc/starmap/relay-tls/tls.crt', value: (v) => (relayTls(v) && v.relay.tls.mtls ? '/etc/starmap/relay-tls/tls.crt' : undefined) },
  { name: 'HUBBLE_TLS_KEY', text: '/etc/starmap/relay-tls/tls.key', value: (v) => (relayTls(v) && v.relay.tls.mtls ? '/etc/starmap/relay-tls/tls.key' : undefined) },
  { name: 'HUBBLE_TLS_SERVER_NAME', text: '{{ . | quote }}', value: (v) => (relayTls(v) && v.relay.tls.serverName ? v.relay.tls.serverName : undefined) },
  { name: 'CILIUM_API', text: '{{ .Values.agent.api | quote }}', value: (v) => (on(v) && v.agent.api ? v.agent.api : undefined) },
  { name: 'CILIUM_SOCKET', text: '/var/run/cilium/cilium.sock', value: (v) => (agentSocket(v) ? '/var/run/cilium/cilium.sock' : undefined) },
  { name: 'STARMAP_TLS_CERT', text: '/etc/starmap/tls/tls.crt', value: (v) => (v.tls.enabled ? '/etc/starmap/tls/tls.crt' : undefined) },
  { name: 'STARMAP_TLS_KEY', text: '/etc/starmap/tls/tls.key', value: (v) => (v.tls.enabled ? '/etc/starmap/tls/tls.key' : undefined) },
  {
    name: 'STARMAP_AUTH_TOKEN_FILE',
    text: '/etc/starmap/auth-token/{{ .Values.auth.token.key }}',
    value: (v) => (v.auth.token.enabled ? `/etc/starmap/auth-token/${v.auth.token.key}` : undefined),
  },
  {
    name: 'STARMAP_BASIC_AUTH_FILE',
    text: '/etc/starmap/basic-auth/{{ .Values.auth.basic.key }}',
    value: (v) => (v.auth.basic.enabled ? `/etc/starmap/basic-auth/${v.auth.basic.key}` : undefined),
  },
];

/** Every volume: its mount path, read-only or not, and the volume source for given values (undefined: absent). */
const VOLUMES: Array<{ name: string; mountPath: string; readOnly: boolean; source: (v: V) => JsonObject | undefined }> = [
  { name: 'tmp', mountPath: '/tmp', readOnly: false, source: (v) => ({ emptyDir: { medium: 'Memory', sizeLimit: v.tmpSizeLimit } }) },
  {
    name: 'cilium-run',
    mountPath: '/var/run/cilium',
    readOnly: true,
    source: (v) => (agentSocket(v) ? { hostPath: { path: v.agent.socket.hostPath, type: 'Directory' } } : undefined),
  },
  {
    name: 'relay-tls',
    mountPath: '/etc/starmap/relay-tls',
    readOnly: true,
    source: (v) =>
      relayTls(v) ? secretVolume(v.relay.tls.existingSecret, v.relay.tls.mtls ? ['ca.crt', 'tls.crt', 'tls.key'] : ['ca.crt']) : undefined,
  },
  { name: 'tls', mountPath: '/etc/starmap/tls', readOnly: true, source: (v) => (v.tls.enabled ? secretVolume(v.tls.existingSecret, ['tls.crt', 'tls.key']) : undefined) },
  {
    name: 'auth-token',
    mountPath: '/etc/starmap/auth-token',
    readOnly: true,
    source: (v) => (v.auth.token.enabled ? secretVolume(v.auth.token.existingSecret, [v.auth.token.key]) : undefined),
  },
  {
    name: 'basic-auth',
    mountPath: '/etc/starmap/basic-auth',
    readOnly: true,
    source: (v) => (v.auth.basic.enabled ? secretVolume(v.auth.basic.existingSecret, [v.auth.basic.key]) : undefined),
  },
];

function secretVolume(secretName: string, keys: string[]): JsonObject {
  return { secret: { secretName, defaultMode: 0o440, items: keys.map((key) => ({ key, path: key })) } };
}

/** Fields of the objects, each with the template text that sets it. */
interface Field {
  template: string;
  text: string;
  kind: 'Service' | 'workload' | 'ServiceAccount' | 'Ingress' | 'ServiceMonitor';
  path: string;
  value: (v: V, namespace: string) => Json | undefined;
}

const probeFields = (['livenessProbe', 'readinessProbe'] as const).flatMap((probe) =>
  (['periodSeconds', 'timeoutSeconds', 'failureThreshold'] as const).map(
    (f): Field => ({
      template: 'workload.yaml',
      text: `${f}: {{ .Values.${probe}.${f} }}`,
      kind: 'workload',
      path: `spec.template.spec.containers.0.${probe}.${f}`,
      value: (v) => v[probe][f],
    }),
  ),
);

const FIELDS: Field[] = [
  { template: 'service.yaml', text: 'type: {{ .Values.service.type }}', kind: 'Service', path: 'spec.type', value: (v) => v.service.type },
  { template: 'service.yaml', text: 'port: {{ .Values.service.port }}', kind: 'Service', path: 'spec.ports.0.port', value: (v) => v.service.port },
  { template: 'service.yaml', text: 'targetPort: http', kind: 'Service', path: 'spec.ports.0.targetPort', value: () => 'http' },
  {
    template: 'service.yaml',
    text: 'nodePort: {{ .Values.service.nodePort }}',
    kind: 'Service',
    path: 'spec.ports.0.nodePort',
    value: (v) => (v.service.type !== 'ClusterIP' && v.service.nodePort ? v.service.nodePort : undefined),
  },
  {
    template: 'service.yaml',
    text: 'externalTrafficPolicy: {{ .Values.service.externalTrafficPolicy }}',
    kind: 'Service',
    path: 'spec.externalTrafficPolicy',
    value: (v) => (v.service.type !== 'ClusterIP' ? v.service.externalTrafficPolicy : undefined),
  },
  {
    template: 'service.yaml',
    text: 'publishNotReadyAddresses: {{ .Values.service.publishNotReadyAddresses }}',
    kind: 'Service',
    path: 'spec.publishNotReadyAddresses',
    value: (v) => v.service.publishNotReadyAddresses,
  },
  { template: 'service.yaml', text: 'toYaml . | nindent 4', kind: 'Service', path: 'metadata.annotations', value: (v) => nonEmpty(v.service.annotations) },
  { template: 'workload.yaml', text: 'kind: {{ .Values.workload }}', kind: 'workload', path: 'kind', value: (v) => v.workload },
  {
    template: 'workload.yaml',
    text: 'replicas: {{ .Values.replicaCount }}',
    kind: 'workload',
    path: 'spec.replicas',
    value: (v) => (v.workload === 'Deployment' ? v.replicaCount : undefined),
  },
  {
    template: 'workload.yaml',
    text: 'serviceAccountName: {{ include "starmap.serviceAccountName" . }}',
    kind: 'workload',
    path: 'spec.template.spec.serviceAccountName',
    value: (v) => (v.serviceAccount.create ? v.serviceAccount.name || RELEASE_NAME : v.serviceAccount.name || 'default'),
  },
  { template: 'workload.yaml', text: 'automountServiceAccountToken: false', kind: 'workload', path: 'spec.template.spec.automountServiceAccountToken', value: () => false },
  {
    template: 'workload.yaml',
    text: 'image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"',
    kind: 'workload',
    path: 'spec.template.spec.containers.0.image',
    value: (v) => `${v.image.repository}:${v.image.tag || chart.appVersion}`,
  },
  {
    template: 'workload.yaml',
    text: 'imagePullPolicy: {{ .Values.image.pullPolicy }}',
    kind: 'workload',
    path: 'spec.template.spec.containers.0.imagePullPolicy',
    value: (v) => v.image.pullPolicy,
  },
  {
    template: 'workload.yaml',
    text: 'containerPort: {{ .Values.containerPort }}',
    kind: 'workload',
    path: 'spec.template.spec.containers.0.ports.0.containerPort',
    value: (v) => v.containerPort,
  },
  { template: 'workload.yaml', text: '- name: http', kind: 'workload', path: 'spec.template.spec.containers.0.ports.0.name', value: () => 'http' },
  {
    template: 'workload.yaml',
    text: 'path: {{ .Values.basePath }}/healthz',
    kind: 'workload',
    path: 'spec.template.spec.containers.0.livenessProbe.httpGet.path',
    value: (v) => `${v.basePath}/healthz`,
  },
  {
    template: 'workload.yaml',
    text: 'path: {{ .Values.basePath }}/readyz',
    kind: 'workload',
    path: 'spec.template.spec.containers.0.readinessProbe.httpGet.path',
    value: (v) => `${v.basePath}/readyz`,
  },
  {
    template: 'workload.yaml',
    text: 'scheme: {{ include "starmap.scheme" . }}',
    kind: 'workload',
    path: 'spec.template.spec.containers.0.livenessProbe.httpGet.scheme',
    value: (v) => (v.tls.enabled ? 'HTTPS' : 'HTTP'),
  },
  {
    template: 'workload.yaml',
    text: 'scheme: {{ include "starmap.scheme" . }}',
    kind: 'workload',
    path: 'spec.template.spec.containers.0.readinessProbe.httpGet.scheme',
    value: (v) => (v.tls.enabled ? 'HTTPS' : 'HTTP'),
  },
  ...probeFields,
  {
    template: 'workload.yaml',
    text: 'toYaml .Values.securityContext | nindent 12',
    kind: 'workload',
    path: 'spec.template.spec.containers.0.securityContext',
    value: (v) => v.securityContext,
  },
  {
    template: 'workload.yaml',
    text: 'toYaml .Values.podSecurityContext | nindent 8',
    kind: 'workload',
    path: 'spec.template.spec.securityContext',
    value: (v) => v.podSecurityContext,
  },
  { template: 'workload.yaml', text: 'toYaml .Values.resources | nindent 12', kind: 'workload', path: 'spec.template.spec.containers.0.resources', value: (v) => v.resources },
  { template: 'workload.yaml', text: '{{- with .Values.nodeSelector }}', kind: 'workload', path: 'spec.template.spec.nodeSelector', value: (v) => nonEmpty(v.nodeSelector) },
  { template: 'workload.yaml', text: '{{- with .Values.tolerations }}', kind: 'workload', path: 'spec.template.spec.tolerations', value: (v) => nonEmpty(v.tolerations) },
  { template: 'workload.yaml', text: '{{- with .Values.affinity }}', kind: 'workload', path: 'spec.template.spec.affinity', value: (v) => nonEmpty(v.affinity) },
  {
    template: 'workload.yaml',
    text: '{{- with .Values.priorityClassName }}',
    kind: 'workload',
    path: 'spec.template.spec.priorityClassName',
    value: (v) => v.priorityClassName || undefined,
  },
  {
    template: 'workload.yaml',
    text: '{{- with .Values.imagePullSecrets }}',
    kind: 'workload',
    path: 'spec.template.spec.imagePullSecrets',
    value: (v) => nonEmpty(v.imagePullSecrets),
  },
  { template: 'workload.yaml', text: '{{- with .Values.podAnnotations }}', kind: 'workload', path: 'spec.template.metadata.annotations', value: (v) => nonEmpty(v.podAnnotations) },
  { template: 'serviceaccount.yaml', text: 'automountServiceAccountToken: false', kind: 'ServiceAccount', path: 'automountServiceAccountToken', value: () => false },
  {
    template: 'ingress.yaml',
    text: 'path: {{ include "starmap.ingressPath" . }}',
    kind: 'Ingress',
    path: 'spec.rules.0.http.paths.0.path',
    value: (v) => v.basePath || '/',
  },
  { template: 'ingress.yaml', text: 'pathType: Prefix', kind: 'Ingress', path: 'spec.rules.0.http.paths.0.pathType', value: () => 'Prefix' },
  { template: 'ingress.yaml', text: 'ingressClassName: {{ . }}', kind: 'Ingress', path: 'spec.ingressClassName', value: (v) => v.ingress.className || undefined },
  { template: 'ingress.yaml', text: 'host: {{ . | quote }}', kind: 'Ingress', path: 'spec.rules.0.host', value: (v) => v.ingress.host || undefined },
  { template: 'ingress.yaml', text: '{{- with .Values.ingress.tls }}', kind: 'Ingress', path: 'spec.tls', value: (v) => nonEmpty(v.ingress.tls) },
  { template: 'ingress.yaml', text: '{{- with .Values.ingress.annotations }}', kind: 'Ingress', path: 'metadata.annotations', value: (v) => nonEmpty(v.ingress.annotations) },
  {
    template: 'ingress.yaml',
    text: 'name: {{ include "starmap.fullname" . }}',
    kind: 'Ingress',
    path: 'spec.rules.0.http.paths.0.backend.service.name',
    value: () => RELEASE_NAME,
  },
  { template: 'ingress.yaml', text: 'name: http', kind: 'Ingress', path: 'spec.rules.0.http.paths.0.backend.service.port.name', value: () => 'http' },
  {
    template: 'servicemonitor.yaml',
    text: 'path: {{ .Values.basePath }}/metrics',
    kind: 'ServiceMonitor',
    path: 'spec.endpoints.0.path',
    value: (v) => `${v.basePath}/metrics`,
  },
  {
    template: 'servicemonitor.yaml',
    text: 'scheme: {{ include "starmap.scheme" . | lower }}',
    kind: 'ServiceMonitor',
    path: 'spec.endpoints.0.scheme',
    value: (v) => (v.tls.enabled ? 'https' : 'http'),
  },
  { template: 'servicemonitor.yaml', text: '- port: http', kind: 'ServiceMonitor', path: 'spec.endpoints.0.port', value: () => 'http' },
  {
    template: 'servicemonitor.yaml',
    text: 'interval: {{ .Values.serviceMonitor.interval }}',
    kind: 'ServiceMonitor',
    path: 'spec.endpoints.0.interval',
    value: (v) => v.serviceMonitor.interval,
  },
  {
    template: 'servicemonitor.yaml',
    text: 'scrapeTimeout: {{ .Values.serviceMonitor.scrapeTimeout }}',
    kind: 'ServiceMonitor',
    path: 'spec.endpoints.0.scrapeTimeout',
    value: (v) => v.serviceMonitor.scrapeTimeout,
  },
  {
    template: 'servicemonitor.yaml',
    text: '{{- with .Values.serviceMonitor.tlsConfig }}',
    kind: 'ServiceMonitor',
    path: 'spec.endpoints.0.tlsConfig',
    value: (v) => nonEmpty(v.serviceMonitor.tlsConfig),
  },
  {
    template: 'servicemonitor.yaml',
    text: 'name: {{ .Values.auth.token.existingSecret }}',
    kind: 'ServiceMonitor',
    path: 'spec.endpoints.0.authorization',
    value: (v) => (v.auth.token.enabled ? { type: 'Bearer', credentials: { name: v.auth.token.existingSecret, key: v.auth.token.key } } : undefined),
  },
  {
    template: 'servicemonitor.yaml',
    text: '- {{ .Release.Namespace }}',
    kind: 'ServiceMonitor',
    path: 'spec.namespaceSelector.matchNames',
    value: (_v, namespace) => [namespace],
  },
  {
    template: 'servicemonitor.yaml',
    text: '{{- include "starmap.selectorLabels" . | nindent 6 }}',
    kind: 'ServiceMonitor',
    path: 'spec.selector.matchLabels',
    value: () => selectorLabels(),
  },
  {
    template: 'service.yaml',
    text: '{{- include "starmap.selectorLabels" . | nindent 4 }}',
    kind: 'Service',
    path: 'spec.selector',
    value: () => selectorLabels(),
  },
  {
    template: 'workload.yaml',
    text: '{{- include "starmap.selectorLabels" . | nindent 6 }}',
    kind: 'workload',
    path: 'spec.selector.matchLabels',
    value: () => selectorLabels(),
  },
  {
    template: 'workload.yaml',
    text: '{{- with .Values.podLabels }}',
    kind: 'workload',
    path: 'spec.template.metadata.labels',
    value: (v) => ({ ...selectorLabels(), ...v.podLabels }),
  },
];

/** Which objects the chart renders for given values. */
const KINDS: Record<string, { template: string; present: (v: V) => boolean }> = {
  ServiceAccount: { template: 'serviceaccount.yaml', present: (v) => v.serviceAccount.create === true },
  Service: { template: 'service.yaml', present: () => true },
  Deployment: { template: 'workload.yaml', present: (v) => v.workload === 'Deployment' },
  DaemonSet: { template: 'workload.yaml', present: (v) => v.workload === 'DaemonSet' },
  Ingress: { template: 'ingress.yaml', present: (v) => v.ingress.enabled === true },
  ServiceMonitor: { template: 'servicemonitor.yaml', present: (v) => v.serviceMonitor.enabled === true },
};

function selectorLabels(): JsonObject {
  return { 'app.kubernetes.io/name': chart.name, 'app.kubernetes.io/instance': RELEASE_NAME };
}

function labels(): JsonObject {
  return {
    'helm.sh/chart': `${chart.name}-${chart.version}`,
    'app.kubernetes.io/name': chart.name,
    'app.kubernetes.io/instance': RELEASE_NAME,
    'app.kubernetes.io/version': chart.appVersion,
    'app.kubernetes.io/managed-by': 'Helm',
  };
}

/** Names after `- name:` in one section of the workload template (between two markers). */
function namesBetween(start: string, end: string): string[] {
  const from = workloadTemplate.indexOf(start);
  const to = workloadTemplate.indexOf(end, from + start.length);
  expect(from, start).toBeGreaterThanOrEqual(0);
  expect(to, end).toBeGreaterThan(from);
  return [...workloadTemplate.slice(from, to).matchAll(/^\s*- name: ([A-Za-z][A-Za-z0-9_-]*)\s*$/gm)].map((m) => m[1]!);
}

describe('the chart templates', () => {
  it('set exactly the environment variables listed here, in this order', () => {
    expect(namesBetween('env:', 'ports:')).toEqual(ENV.map((e) => e.name));
  });

  it.each(ENV)('set $name from the template text listed here', ({ name, text }) => {
    const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(workloadTemplate).toMatch(new RegExp(`- name: ${name}\\n\\s+value: ${escaped}\\n`));
  });

  it('set only environment variables the server reads (apps/server/src/cli.ts)', () => {
    const flags = serverFlags();
    expect(ENV.map((e) => e.name).filter((name) => !flags.has(name))).toEqual([]);
  });

  it('mount exactly the volumes listed here', () => {
    expect(namesBetween('volumeMounts:', '      volumes:')).toEqual(VOLUMES.map((v) => v.name));
    expect(namesBetween('      volumes:', '{{- with .Values.nodeSelector }}')).toEqual(VOLUMES.map((v) => v.name));
    for (const v of VOLUMES) {
      expect(workloadTemplate).toMatch(new RegExp(`- name: ${v.name}\\n\\s+mountPath: ${v.mountPath}\\n${v.readOnly ? '\\s+readOnly: true\\n' : ''}`));
    }
  });

  it.each(FIELDS.map((f) => [f.template, f.text, f] as const))('%s sets `%s`', (file, text) => {
    expect(template(file)).toContain(text);
  });

  it('are the templates listed here, each declaring its kind', () => {
    expect(TEMPLATES.sort()).toEqual([...new Set(Object.values(KINDS).map((k) => k.template))].sort());
    for (const [kind, { template: file }] of Object.entries(KINDS)) {
      const declared = /^kind: (.+)$/m.exec(template(file))?.[1];
      if (file === 'workload.yaml') expect(declared).toBe('{{ .Values.workload }}');
      else expect(declared).toBe(kind);
    }
    const schema = JSON.parse(readText(path.join(CHART, 'values.schema.json'))) as { properties: { workload: { enum: string[] } } };
    expect(schema.properties.workload.enum.sort()).toEqual(['DaemonSet', 'Deployment']);
  });

  it('label every object with the labels of _helpers.tpl', () => {
    const helpers = readText(path.join(CHART, 'templates/_helpers.tpl'));
    for (const key of Object.keys(labels())) expect(helpers).toContain(`${key}: `);
    for (const file of TEMPLATES) expect(template(file)).toContain('{{- include "starmap.labels" . | nindent 4 }}');
  });
});

describe.each(RENDERED)('deploy/$manifest', ({ manifest, example, namespace }) => {
  const objects = loadManifest(path.join(DEPLOY, manifest));
  const values = valuesFor(example) as V;
  const workload = workloadOf(objects);
  const objectFor = (kind: Field['kind']): K8sObject | undefined => (kind === 'workload' ? workload : byKind(objects, kind));

  it('holds the objects the chart renders for its values', () => {
    const expected = Object.entries(KINDS)
      .filter(([, k]) => k.present(values))
      .map(([kind]) => kind);
    expect(objects.map((o) => o.kind).sort()).toEqual(expected.sort());
  });

  it('names them as the release and puts them in its namespace, with the chart labels', () => {
    for (const o of objects) {
      expect(o.metadata.name).toBe(RELEASE_NAME);
      expect(o.metadata.namespace).toBe(namespace);
      expect(o.metadata.labels).toEqual({ ...labels(), ...(o.kind === 'ServiceMonitor' ? values.serviceMonitor.labels : {}) });
    }
  });

  it('sets the environment the chart sets for its values', () => {
    const expected = ENV.flatMap((e) => {
      const value = e.value(values);
      return value === undefined ? [] : [{ name: e.name, value }];
    });
    expect(containerOf(workload).env).toEqual(expected);
  });

  it('mounts the volumes the chart mounts for its values', () => {
    const present = VOLUMES.filter((v) => v.source(values) !== undefined);
    expect(containerOf(workload).volumeMounts).toEqual(
      present.map((v) => (v.readOnly ? { name: v.name, mountPath: v.mountPath, readOnly: true } : { name: v.name, mountPath: v.mountPath })),
    );
    expect(podSpecOf(workload).volumes).toEqual(present.map((v) => ({ name: v.name, ...v.source(values) })));
  });

  const fields = FIELDS.filter((f) => f.kind === 'workload' || KINDS[f.kind]!.present(values));
  it.each(fields.map((f) => [f.path, f.kind, f] as const))('sets %s of the %s as the chart does', (_path, kind, field) => {
    const object = objectFor(kind);
    expect(object).toBeDefined();
    expect(get(object, field.path)).toEqual(field.value(values, namespace));
  });
});

// values.schema.json is what Helm checks values against before rendering: it must accept the
// defaults and the examples, reject what would render a broken release, and agree with the
// server on the values it passes straight through as flags.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../apps/server/src/config.js';
import { CHART, defaultValues, isObject, loadYaml, mergeValues, readText, type Json, type JsonObject } from './support.js';

function compileSchema(): ValidateFunction {
  const schema = JSON.parse(readText(path.join(CHART, 'values.schema.json'))) as object;
  // strict: a keyword the schema misspells is an error, not a silently ignored constraint.
  return new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
}

const validate = compileSchema();

function errorsOf(values: JsonObject): ErrorObject[] {
  return validate(values) ? [] : (validate.errors ?? []);
}

/** Defaults with dotted keys set (or deleted with undefined), as `--set a.b=c` would. */
function withValues(changes: Record<string, Json | undefined>): JsonObject {
  const values = defaultValues();
  for (const [dotted, value] of Object.entries(changes)) {
    const parts = dotted.split('.');
    let cur: JsonObject = values;
    for (const part of parts.slice(0, -1)) {
      const next = cur[part];
      if (!isObject(next)) throw new Error(`no map at ${part} in ${dotted}`);
      cur = next;
    }
    const last = parts[parts.length - 1]!;
    if (value === undefined) delete cur[last];
    else cur[last] = value;
  }
  return values;
}

function withValue(dotted: string, value: Json | undefined): JsonObject {
  return withValues({ [dotted]: value });
}

/** Whether an error is about the key at `pointer` (itself, inside it, or it being extra/missing). */
function concerns(error: ErrorObject, pointer: string): boolean {
  if (error.instancePath === pointer || error.instancePath.startsWith(`${pointer}/`)) return true;
  const named = (error.params as { additionalProperty?: string; missingProperty?: string });
  const key = named.additionalProperty ?? named.missingProperty;
  return key !== undefined && `${error.instancePath}/${key}` === pointer;
}

const EXAMPLES = readdirSync(path.join(CHART, 'examples')).filter((f) => f.endsWith('.yaml'));

describe('values.schema.json', () => {
  it('accepts values.yaml', () => {
    expect(errorsOf(defaultValues())).toEqual([]);
  });

  it('has examples to check', () => {
    expect(EXAMPLES).toContain('tls-nodeport-auth.yaml');
  });

  it.each(EXAMPLES)('accepts examples/%s merged over the defaults', (example) => {
    const overrides = loadYaml(path.join(CHART, 'examples', example));
    expect(errorsOf(mergeValues(defaultValues(), overrides))).toEqual([]);
  });

  it('describes every key of values.yaml and nothing values.yaml lacks', () => {
    const schema = JSON.parse(readText(path.join(CHART, 'values.schema.json'))) as { properties: Record<string, unknown> };
    const described = Object.keys(schema.properties).filter((k) => k !== 'global');
    expect(described.sort()).toEqual(Object.keys(defaultValues()).sort());
  });

  // [what, changes to the defaults, JSON pointer of the key the error must be about]
  const rejected: Array<[string, Record<string, Json | undefined>, string]> = [
    ['a nodePort below the node port range', { 'service.nodePort': 8080 }, '/service/nodePort'],
    ['a nodePort above the node port range', { 'service.nodePort': 32768 }, '/service/nodePort'],
    ['a nodePort given as a string', { 'service.nodePort': '31280' }, '/service/nodePort'],
    ['dashboard TLS without a Secret', { 'tls.enabled': true }, '/tls/existingSecret'],
    ['relay TLS without a Secret', { 'relay.tls.enabled': true }, '/relay/tls/existingSecret'],
    ['a bearer token without a Secret', { 'auth.token.enabled': true }, '/auth/token/existingSecret'],
    ['basic auth without a Secret', { 'auth.basic.enabled': true }, '/auth/basic/existingSecret'],
    ['a Secret name that is not a DNS name', { 'tls.enabled': true, 'tls.existingSecret': 'Starmap_TLS' }, '/tls/existingSecret'],
    ['a Secret key with a slash', { 'auth.token.key': 'a/b' }, '/auth/token/key'],
    ['an unknown key at the top level', { replicas: 2 }, '/replicas'],
    ['a misspelt nested key', { 'relay.adress': 'x:80' }, '/relay/adress'],
    ['a relay address without a port', { 'relay.address': 'hubble-relay.kube-system.svc' }, '/relay/address'],
    ['an agent API that is not http(s)', { 'agent.api': 'unix:///var/run/cilium/cilium.sock' }, '/agent/api'],
    ['a relative agent socket directory', { 'agent.socket.hostPath': 'var/run/cilium' }, '/agent/socket/hostPath'],
    ['a base path with a trailing slash', { basePath: '/starmap/' }, '/basePath'],
    ['a base path without a leading slash', { basePath: 'starmap' }, '/basePath'],
    ['an unknown workload kind', { workload: 'StatefulSet' }, '/workload'],
    ['an unknown log level', { logLevel: 'verbose' }, '/logLevel'],
    ['an ExternalName Service', { 'service.type': 'ExternalName' }, '/service/type'],
    ['replicas as a string', { replicaCount: '1' }, '/replicaCount'],
    ['demo.enabled as a string', { 'demo.enabled': 'yes' }, '/demo/enabled'],
    ['a privileged container port', { containerPort: 80 }, '/containerPort'],
    ['a memory limit that is no quantity', { 'resources.limits.memory': '512 megs' }, '/resources/limits/memory'],
    ['a scrape interval without a unit', { 'serviceMonitor.interval': '30' }, '/serviceMonitor/interval'],
    ['a missing relay section', { relay: undefined }, '/relay'],
  ];

  it.each(rejected)('rejects %s', (_what, changes, pointer) => {
    const errors = errorsOf(withValues(changes));
    expect(errors.length).toBeGreaterThan(0);
    // The error must be about the key we broke, not something incidental.
    expect(errors.filter((e) => concerns(e, pointer)).length, JSON.stringify(errors)).toBeGreaterThan(0);
  });

  it('accepts a null nodePort (Kubernetes picks one) and a ClusterIP Service', () => {
    expect(errorsOf(withValue('service.nodePort', null))).toEqual([]);
    expect(errorsOf(mergeValues(defaultValues(), { service: { type: 'ClusterIP', nodePort: null } }))).toEqual([]);
  });

  it('accepts the global map a parent chart passes down', () => {
    expect(errorsOf(mergeValues(defaultValues(), { global: { imageRegistry: 'r' } }))).toEqual([]);
  });
});

describe('values the chart passes to the server as flags', () => {
  // Each sample goes through the chart's schema and the server's own parser: both must agree,
  // or a release would pass Helm's check and then fail at start (or the reverse).
  const relayAddresses = [
    'hubble-relay.kube-system.svc:80',
    'hubble-relay.kube-system.svc:443',
    '10.96.0.12:4245',
    'dns:///hubble-relay.kube-system.svc:80',
    'hubble-relay',
    'http://hubble-relay:80',
    'hubble relay:80',
  ];
  it.each(relayAddresses)('relay.address %s', (address) => {
    const schemaOk = errorsOf(withValue('relay.address', address)).length === 0;
    const serverOk = accepts({ hubbleServer: address });
    expect(schemaOk).toBe(serverOk);
  });

  const basePaths = ['', '/starmap', '/tools/starmap', '/a.b~c-d_e', 'starmap', '/star map', '/starmap?x=1'];
  it.each(basePaths)('basePath %j', (basePath) => {
    const schemaOk = errorsOf(withValue('basePath', basePath)).length === 0;
    // The schema is stricter on one point: no trailing slash, so probe paths never get '//'.
    expect(schemaOk).toBe(accepts({ basePath }));
  });

  const agentApis = ['http://10.0.0.1:9234', 'https://a:1, http://b:2', 'ftp://a', 'a:9234', 'http://a b'];
  it.each(agentApis)('agent.api %s', (api) => {
    const schemaOk = errorsOf(withValue('agent.api', api)).length === 0;
    expect(schemaOk).toBe(accepts({ ciliumApi: api }));
  });

  it('logLevel accepts exactly the server levels', () => {
    const schema = JSON.parse(readText(path.join(CHART, 'values.schema.json'))) as { properties: { logLevel: { enum: string[] } } };
    for (const level of schema.properties.logLevel.enum) expect(accepts({ logLevel: level })).toBe(true);
    expect(accepts({ logLevel: 'verbose' })).toBe(false);
  });
});

function accepts(input: Record<string, unknown>): boolean {
  try {
    parseConfig(input);
    return true;
  } catch {
    return false;
  }
}

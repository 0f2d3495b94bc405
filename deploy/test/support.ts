// Shared readers for the deploy tests: the chart, its rendered manifests, the server's flags.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const DEPLOY = path.join(REPO, 'deploy');
export const CHART = path.join(DEPLOY, 'helm/starmap');

export function repoPath(...parts: string[]): string {
  return path.join(REPO, ...parts);
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A Kubernetes object as the manifests hold it; `kind` and `metadata.name` are always there. */
export interface K8sObject extends JsonObject {
  apiVersion: string;
  kind: string;
  metadata: JsonObject & { name: string };
}

/**
 * Kubernetes reads manifests as YAML 1.1 (`0440` is octal there, decimal 440 in YAML 1.2), and
 * so must we, or a defaultMode would be checked against a number kubectl never sees.
 */
export function loadManifest(file: string): K8sObject[] {
  const docs = parseAllDocuments(readText(file), { version: '1.1' });
  const objects: K8sObject[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    objects.push(value as K8sObject);
  }
  return objects;
}

export function loadYaml(file: string): JsonObject {
  return parse(readText(file), { version: '1.1' }) as JsonObject;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Values as Helm coalesces them: maps merge key by key, anything else is replaced, and a null
 * in the overrides deletes the default.
 */
export function mergeValues(defaults: JsonObject, overrides: JsonObject): JsonObject {
  const out: JsonObject = structuredClone(defaults);
  for (const [key, value] of Object.entries(overrides)) {
    const base = out[key];
    if (value === null) delete out[key];
    else if (isObject(value) && isObject(base)) out[key] = mergeValues(base, value);
    else out[key] = structuredClone(value);
  }
  return out;
}

export const DEFAULT_VALUES_FILE = path.join(CHART, 'values.yaml');

export function defaultValues(): JsonObject {
  return loadYaml(DEFAULT_VALUES_FILE);
}

/** Each hand-rendered manifest, the values it was rendered from (null: the defaults) and the
 * release it was rendered as (`helm template starmap … --namespace <namespace>`). */
export const RELEASE_NAME = 'starmap';
export const RENDERED: ReadonlyArray<{ manifest: string; example: string | null; namespace: string }> = [
  { manifest: 'starmap.yaml', example: null, namespace: 'kube-system' },
  { manifest: 'starmap-tls-nodeport-auth.yaml', example: 'tls-nodeport-auth.yaml', namespace: 'kube-system' },
  { manifest: 'starmap-ingress-base-path.yaml', example: 'ingress-base-path.yaml', namespace: 'kube-system' },
  { manifest: 'starmap-demo.yaml', example: 'demo.yaml', namespace: 'default' },
];

export function valuesFor(example: string | null): JsonObject {
  const defaults = defaultValues();
  return example === null ? defaults : mergeValues(defaults, loadYaml(path.join(CHART, 'examples', example)));
}

export function get(obj: Json | undefined, dotted: string): Json | undefined {
  let cur: Json | undefined = obj;
  for (const part of dotted.split('.')) {
    if (Array.isArray(cur)) cur = cur[Number(part)];
    else if (isObject(cur)) cur = cur[part];
    else return undefined;
  }
  return cur;
}

/**
 * The server's flags and their environment variables, read from the commander options in
 * apps/server/src/cli.ts: `new Option('--flag …', …).env('ENV')`.
 */
export function serverFlags(): Map<string, string> {
  const source = readText(repoPath('apps/server/src/cli.ts'));
  const byEnv = new Map<string, string>();
  for (const chunk of source.split(/new Option\(|booleanOption\(/).slice(1)) {
    const flag = /^\s*['"`](--[a-z0-9-]+)/.exec(chunk)?.[1];
    const env = /\.env\(\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\)/.exec(chunk)?.[1];
    if (flag && env) byEnv.set(env, flag);
  }
  if (byEnv.size === 0) throw new Error('no `.env()` options found in apps/server/src/cli.ts');
  return byEnv;
}

export interface Container extends JsonObject {
  name: string;
  env: Array<{ name: string; value?: string }>;
  volumeMounts: Array<{ name: string; mountPath: string; readOnly?: boolean }>;
}

export function workloadOf(objects: K8sObject[]): K8sObject {
  const found = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'DaemonSet');
  if (found.length !== 1) throw new Error(`expected one Deployment or DaemonSet, found ${found.length}`);
  return found[0]!;
}

export function podSpecOf(workload: K8sObject): JsonObject {
  const spec = get(workload, 'spec.template.spec');
  if (!isObject(spec)) throw new Error(`${workload.kind}/${workload.metadata.name} has no pod spec`);
  return spec;
}

export function containerOf(workload: K8sObject): Container {
  const containers = get(workload, 'spec.template.spec.containers');
  if (!Array.isArray(containers) || containers.length !== 1) throw new Error('expected exactly one container');
  const c = containers[0] as unknown as Container;
  return { ...c, env: c.env ?? [], volumeMounts: c.volumeMounts ?? [] };
}

export function envOf(container: Container): Map<string, string | undefined> {
  return new Map(container.env.map((e) => [e.name, e.value]));
}

export function byKind(objects: K8sObject[], kind: string): K8sObject | undefined {
  return objects.find((o) => o.kind === kind);
}

// Validation of Kubernetes objects with kubernetes-models: its JSON schemas (types, required
// fields, enums) through each model's validate(), and its TypeScript declarations for unknown
// fields, which the schemas allow but the API server (kubectl --validate=strict) rejects.
import path from 'node:path';
import ts from 'typescript';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { REPO, type K8sObject } from './support.js';

interface Model {
  validate(): void;
}

interface Kind {
  create: (o: K8sObject) => Model;
  /** Module and interface that declare the object's fields. */
  typeModule: string;
  typeName: string;
}

const KINDS: Record<string, Kind> = {
  'apps/v1 Deployment': { create: (o) => new Deployment(o as never), typeModule: 'kubernetes-models/apps/v1/Deployment', typeName: 'IDeployment' },
  'apps/v1 DaemonSet': { create: (o) => new DaemonSet(o as never), typeModule: 'kubernetes-models/apps/v1/DaemonSet', typeName: 'IDaemonSet' },
  'v1 Service': { create: (o) => new Service(o as never), typeModule: 'kubernetes-models/v1/Service', typeName: 'IService' },
  'v1 ServiceAccount': { create: (o) => new ServiceAccount(o as never), typeModule: 'kubernetes-models/v1/ServiceAccount', typeName: 'IServiceAccount' },
  'networking.k8s.io/v1 Ingress': { create: (o) => new Ingress(o as never), typeModule: 'kubernetes-models/networking.k8s.io/v1/Ingress', typeName: 'IIngress' },
  'monitoring.coreos.com/v1 ServiceMonitor': {
    create: (o) => new ServiceMonitor(o as never),
    typeModule: '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor',
    typeName: 'IServiceMonitor',
  },
};

function kindOf(o: K8sObject): Kind {
  const kind = KINDS[`${o.apiVersion} ${o.kind}`];
  if (!kind) throw new Error(`no schema known for ${o.apiVersion} ${o.kind}`);
  return kind;
}

/** Schema errors of one object ('' when valid). */
export function schemaErrors(o: K8sObject): string {
  try {
    kindOf(o).create(o).validate();
    return '';
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Fields that the object's kind does not declare, at any depth, found by type-checking the object
 * as an object literal of its declared interface (TypeScript's excess property check). One
 * program for all objects: the declarations load once.
 */
export function unknownFieldErrors(objects: K8sObject[]): string[] {
  const file = path.join(REPO, 'deploy/test/__manifest-fields.ts');
  const imports = new Map<string, string>();
  const lines: string[] = [];
  objects.forEach((o, i) => {
    const kind = kindOf(o);
    imports.set(kind.typeName, kind.typeModule);
    lines.push(`export const o${i}: ${kind.typeName} = ${JSON.stringify(o, null, 1)};`);
  });
  const source = [...imports].map(([name, mod]) => `import type { ${name} } from '${mod}';`).concat(lines).join('\n');

  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (name, lang, ...rest) =>
    path.resolve(name) === file ? ts.createSourceFile(name, source, lang) : getSourceFile(name, lang, ...rest);
  host.fileExists = (name) => path.resolve(name) === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
    const object = where ? source.slice(0, d.start).split('\nexport const ').length - 2 : -1;
    const label = object >= 0 && objects[object] ? `${objects[object]!.kind}/${objects[object]!.metadata.name}` : '?';
    return `${label}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

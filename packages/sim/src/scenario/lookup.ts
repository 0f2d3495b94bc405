/** Indexes over a scenario for the flow generator and the agent payload builders. */
import type { Scenario, ScenarioNode, ScenarioPod, ScenarioService, ScenarioWorkload } from './types.js';

export class ScenarioLookup {
  private readonly nodes = new Map<string, ScenarioNode>();
  private readonly pods = new Map<string, ScenarioPod>();
  private readonly services = new Map<string, ScenarioService>();
  private readonly workloads = new Map<string, ScenarioWorkload>();

  constructor(readonly scenario: Scenario) {
    for (const n of scenario.nodes) this.nodes.set(n.name, n);
    for (const p of scenario.pods) this.pods.set(`${p.namespace}/${p.name}`, p);
    for (const s of scenario.services) this.services.set(`${s.namespace}/${s.name}`, s);
    for (const w of scenario.workloads) this.workloads.set(`${w.namespace}/${w.name}`, w);
  }

  node(name: string): ScenarioNode {
    const n = this.nodes.get(name);
    if (!n) throw new Error(`scenario has no node ${name}`);
    return n;
  }

  service(namespace: string, name: string): ScenarioService {
    const s = this.services.get(`${namespace}/${name}`);
    if (!s) throw new Error(`scenario has no service ${namespace}/${name}`);
    return s;
  }

  workload(namespace: string, name: string): ScenarioWorkload {
    const w = this.workloads.get(`${namespace}/${name}`);
    if (!w) throw new Error(`scenario has no workload ${namespace}/${name}`);
    return w;
  }

  pod(namespace: string, name: string): ScenarioPod {
    const p = this.pods.get(`${namespace}/${name}`);
    if (!p) throw new Error(`scenario has no pod ${namespace}/${name}`);
    return p;
  }

  /** All pods of a workload, terminating ones included. */
  podsOf(namespace: string, workload: string): ScenarioPod[] {
    return this.scenario.pods.filter((p) => p.namespace === namespace && p.workload === workload);
  }

  /** Pods of a workload that take new connections. */
  readyPodsOf(namespace: string, workload: string): ScenarioPod[] {
    return this.podsOf(namespace, workload).filter((p) => !p.terminating);
  }

  /** Backend pods of a service (terminating ones included). */
  backendsOf(service: ScenarioService): ScenarioPod[] {
    return service.backendPods.map((name) => this.pod(service.namespace, name));
  }

  /** Pods that have an endpoint of their own (not host network). */
  endpointPods(): ScenarioPod[] {
    return this.scenario.pods.filter((p) => !p.hostNetwork);
  }
}

/** What conversation patterns share: the scenario, its indexes, the PRNG and the flow factory. */
import type { Prng } from '../scenario/prng.js';
import type { ScenarioLookup } from '../scenario/lookup.js';
import type { Scenario, ScenarioPod, ScenarioPolicy, ScenarioService } from '../scenario/types.js';
import type { Conn, FlowFactory } from './factory.js';
import { hasFamily, podPeer, vipPeer, type Family, type Peer } from './peers.js';

export class FlowContext {
  constructor(
    readonly scenario: Scenario,
    readonly lookup: ScenarioLookup,
    readonly rng: Prng,
    readonly f: FlowFactory,
  ) {}

  ephemeralPort(): number {
    return this.rng.int(32768, 60999);
  }

  /** An IP family the cluster has; in dual-stack, IPv6 with probability `preferV6`. */
  family(preferV6 = 0): Family {
    const fam = this.scenario.ipFamilies;
    if (fam === 'ipv4') return 4;
    if (fam === 'ipv6') return 6;
    return this.rng.chance(preferV6) ? 6 : 4;
  }

  policy(namespace: string, name: string): ScenarioPolicy {
    const p = this.scenario.policies.find((x) => x.namespace === namespace && x.name === name);
    if (!p) throw new Error(`scenario has no policy ${namespace}/${name}`);
    return p;
  }

  vip(service: ScenarioService, family: Family): Peer {
    return vipPeer(this.scenario, service, family);
  }

  /** A family the service has an address for, preferring `wanted`. */
  serviceFamily(service: ScenarioService, wanted: Family): Family {
    const has = (fam: Family) => service.clusterIPs.some((ip) => ip.includes(':') === (fam === 6));
    if (has(wanted)) return wanted;
    return wanted === 4 ? 6 : 4;
  }

  podPeer(pod: ScenarioPod, family: Family): Peer {
    return podPeer(pod, this.lookup.node(pod.node), family);
  }

  /**
   * A connection from `client` to a service: picks a ready backend (or `backend`), and models
   * where translation happens (socket LB with kube-proxy replacement, iptables otherwise).
   */
  serviceConn(
    client: Peer,
    service: ScenarioService,
    portName: string,
    family: Family,
    opts: { backend?: ScenarioPod; proto?: 'TCP' | 'UDP' } = {},
  ): { conn: Conn; vip: Peer; vipPort: number } {
    const port = service.ports.find((p) => p.name === portName);
    if (!port) throw new Error(`service ${service.namespace}/${service.name} has no port ${portName}`);
    const ready = this.lookup.backendsOf(service).filter((p) => !p.terminating && hasFamily(p, family));
    const backend = opts.backend ?? this.rng.pick(ready);
    const vip = this.vip(service, family);
    const conn: Conn = {
      proto: opts.proto ?? port.protocol,
      family,
      client,
      server: this.podPeer(backend, family),
      clientPort: this.ephemeralPort(),
      serverPort: port.targetPort,
      service,
    };
    if (!this.scenario.profile.kubeProxyReplacement) conn.serverAsSeenByClient = { peer: vip, port: port.port };
    return { conn, vip, vipPort: port.port };
  }
}

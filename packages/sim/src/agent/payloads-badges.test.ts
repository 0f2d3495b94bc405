import { describe, expect, it } from 'vitest';
import {
  deriveDatapathModes,
  findBadge,
  normalizeServiceList,
  parseDaemonConfiguration,
  parseServiceList,
  parseStatusResponse,
} from '@starmap/core';
import { createScenario } from '../scenario/build.js';
import { buildConfig, buildHealthz, buildServiceList } from './payloads.js';

// Every datapath profile of the demo agent passes our validation of Cilium's StatusResponse,
// DaemonConfiguration and Service schemas, and derives the badges the profile stands for.
const EXPECTED: Record<string, Record<string, RegExp>> = {
  'native-kpr-dsr': { routing: /native/i, 'kube-proxy-replacement': /true/i, 'host-routing': /BPF/, 'load-balancer': /DSR/, masquerading: /BPF/, 'attach-mode': /TCX/i, 'ip-families': /IPv4.*IPv6/ },
  'vxlan-legacy': { routing: /tunnel.*vxlan|vxlan/i, 'kube-proxy-replacement': /false/i, 'host-routing': /legacy/i, masquerading: /iptables/i, 'attach-mode': /^TC$|\bTC\b/i, 'ip-families': /^IPv4 only$/ },
  hybrid: { routing: /native/i, 'load-balancer': /hybrid/i, 'datapath-mode': /netkit/i },
  'ipv6-only-native': { routing: /native/i, 'kube-proxy-replacement': /true/i, 'host-routing': /BPF/, 'attach-mode': /TCX/i, 'ip-families': /^IPv6 only$/, encryption: /wireguard/i },
};

describe.each(Object.keys(EXPECTED))('demo agent profile %s', (profile) => {
  const scenario = createScenario(1, { profile });

  it('answers /v1/healthz, /v1/config and /v1/service in shapes that validate', () => {
    const status = parseStatusResponse(buildHealthz(scenario));
    const config = parseDaemonConfiguration(buildConfig(scenario));
    const services = parseServiceList(buildServiceList(scenario));
    expect(status.ok, status.ok ? '' : status.error).toBe(true);
    expect(config.ok, config.ok ? '' : config.error).toBe(true);
    expect(services.ok, services.ok ? '' : services.error).toBe(true);
    if (services.ok) expect(normalizeServiceList(services.value).rows.length).toBeGreaterThan(5);
  });

  it('derives the badges the profile stands for', () => {
    const status = parseStatusResponse(buildHealthz(scenario));
    const config = parseDaemonConfiguration(buildConfig(scenario));
    if (!status.ok || !config.ok) throw new Error('payloads did not validate');
    const modes = deriveDatapathModes(status.value, config.value);
    for (const [id, value] of Object.entries(EXPECTED[profile]!)) {
      expect(findBadge(modes, id as never).value, id).toMatch(value);
    }
  });
});

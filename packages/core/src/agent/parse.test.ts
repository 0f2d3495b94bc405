import { describe, expect, it } from 'vitest';
import { parseDaemonConfiguration, parseServiceList, parseStatusResponse } from './parse.js';

function errorOf(result: { ok: true } | { ok: false; error: string }): string {
  if (result.ok) throw new Error('expected a parse error');
  return result.error;
}

describe('parseStatusResponse', () => {
  it('accepts a minimal payload, keeps unknown fields and null sections', () => {
    const result = parseStatusResponse({
      cilium: { state: 'Ok', msg: '1.19.0 (v1.19.0-abc)' },
      'kube-proxy-replacement': { mode: 'True', devices: null, features: { socketLB: {}, somethingNew: { x: 1 } } },
      routing: null,
      'auth-certificate-provider': { state: 'Ok' },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value['kube-proxy-replacement']?.mode).toBe('True');
    expect(result.value['kube-proxy-replacement']?.features?.socketLB?.enabled).toBeUndefined();
    expect((result.value as Record<string, unknown>)['auth-certificate-provider']).toEqual({ state: 'Ok' });
  });

  it('accepts values outside the published enums', () => {
    // Real agents print acceleration "Disabled" although the enum is None|Native|Generic|Best-Effort.
    const result = parseStatusResponse({
      'kube-proxy-replacement': { mode: 'True', features: { nodePort: { enabled: true, acceleration: 'Disabled' } } },
      encryption: { mode: 'Ztunnel' },
    });
    expect(result.ok).toBe(true);
  });

  it('names the path of a field with the wrong type', () => {
    const error = errorOf(
      parseStatusResponse({ 'kube-proxy-replacement': { mode: 'True', features: { nodePort: { enabled: 'yes' } } } }),
    );
    expect(error).toContain('/v1/healthz');
    expect(error).toContain('$.kube-proxy-replacement.features.nodePort.enabled');
    expect(error).toContain('expected boolean');
  });

  it('reports a port that is not an integer', () => {
    const error = errorOf(
      parseStatusResponse({ 'kube-proxy-replacement': { features: { nodePort: { portMin: 30000.5 } } } }),
    );
    expect(error).toContain('$.kube-proxy-replacement.features.nodePort.portMin');
  });

  it('rejects a body that is not JSON, and one that is not an object', () => {
    expect(errorOf(parseStatusResponse('{"cilium": '))).toMatch(/^invalid \/v1\/healthz response: body is not valid JSON/);
    expect(errorOf(parseStatusResponse('[1,2]'))).toContain('$: Invalid input: expected object, received array');
    expect(errorOf(parseStatusResponse(null))).toContain('$: Invalid input: expected object');
  });

  it('parses a raw body string', () => {
    const result = parseStatusResponse('{"attach-mode":"tcx","datapath-mode":"netkit"}');
    expect(result.ok && result.value['attach-mode']).toBe('tcx');
  });
});

describe('parseDaemonConfiguration', () => {
  it('reads addressing and the daemon configuration map, keeping other keys', () => {
    const result = parseDaemonConfiguration({
      spec: { options: { Debug: 'Disabled' }, 'policy-enforcement': 'default' },
      status: {
        addressing: { ipv6: { enabled: true, ip: '2001:db8::1', 'alloc-range': '2001:db8:1::/64' }, ipv4: {} },
        daemonConfigurationMap: { ClusterName: 'prod', RoutingMode: 'native', EnableIPv4: false, SomeList: [1, 2] },
        datapathMode: 'veth',
      },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.status?.addressing?.ipv6?.enabled).toBe(true);
    expect(result.value.status?.daemonConfigurationMap?.ClusterName).toBe('prod');
    expect((result.value.status?.daemonConfigurationMap as Record<string, unknown>)['SomeList']).toEqual([1, 2]);
  });

  it('holds the configuration keys it reads to their types', () => {
    const error = errorOf(parseDaemonConfiguration({ status: { daemonConfigurationMap: { EnableIPv6: 'true' } } }));
    expect(error).toContain('$.status.daemonConfigurationMap.EnableIPv6');
  });
});

describe('parseServiceList', () => {
  it('requires an array', () => {
    expect(errorOf(parseServiceList({ spec: {} }))).toContain('$: Invalid input: expected array, received object');
  });

  it('names the service and field that is wrong', () => {
    const error = errorOf(
      parseServiceList([
        { spec: { id: 1, 'frontend-address': { ip: '10.96.0.1', port: 443 } } },
        { spec: { id: 2, 'frontend-address': { ip: '10.96.0.10', port: '53' } } },
      ]),
    );
    expect(error).toContain('$[1].spec.frontend-address.port');
  });

  it('requires a backend IP and a port in range', () => {
    const error = errorOf(
      parseServiceList([
        { spec: { 'frontend-address': { ip: '10.96.0.1', port: 70000 }, 'backend-addresses': [{ ip: '10.0.0.1' }, { port: 53 }] } },
      ]),
    );
    expect(error).toContain('$[0].spec.frontend-address.port');
    expect(error).toContain('$[0].spec.backend-addresses[1].ip');
  });

  it('requires a frontend address and a spec or realized status', () => {
    expect(errorOf(parseServiceList([{ spec: { id: 1 } }]))).toContain('$[0].spec.frontend-address');
    expect(errorOf(parseServiceList([{ status: {} }]))).toContain('$[0].spec: a service needs a spec or a status.realized');
  });

  it('lists at most five problems', () => {
    const bad = Array.from({ length: 8 }, () => ({ spec: { 'frontend-address': { port: 'x' } } }));
    const error = errorOf(parseServiceList(bad));
    expect(error).toContain('(and 3 more)');
    expect(error.match(/\$\[\d\]/g)).toHaveLength(5);
  });
});

/**
 * What each `hubble observe` flag sends to the relay. The expected filters restate the cases of
 * upstream's hubble/cmd/observe/flows_filter_test.go plus one case per flag.
 */
import { describe, expect, it } from 'vitest';
import { namespaceFilters } from '../namespace.js';
import type { FlowFilterInput } from '../types.js';
import { filterFlagsToFlowFilters } from './build.js';
import { FilterArgsError } from './errors.js';
import { parseHubbleFilterArgs } from './parse.js';

function lists(args: string): { whitelist: FlowFilterInput[]; blacklist: FlowFilterInput[] } {
  const { whitelist, blacklist } = parseHubbleFilterArgs(args);
  return { whitelist, blacklist };
}
const white = (args: string) => lists(args).whitelist;

function refused(args: string): FilterArgsError {
  try {
    parseHubbleFilterArgs(args);
  } catch (err) {
    expect(err).toBeInstanceOf(FilterArgsError);
    return err as FilterArgsError;
  }
  throw new Error(`expected ${args} to be refused`);
}

describe('left/right combination (upstream TestFilterDispatch, TestFilterLeftRight)', () => {
  it('directional flags share one filter; --not sends only the next flag to the blacklist', () => {
    expect(lists('--from-ip 1.2.3.4 --from-ip 5.6.7.8 --not --to-ip 5.5.5.5 --verdict DROPPED -t l7')).toEqual({
      whitelist: [{ source_ip: ['1.2.3.4', '5.6.7.8'], verdict: [2], event_type: [{ type: 129 }] }],
      blacklist: [{ destination_ip: ['5.5.5.5'] }],
    });
  });

  it('non-directional flags split into a source filter and a destination filter', () => {
    expect(
      lists('--ip 1.2.3.4 --ip 5.6.7.8 --verdict DROPPED --not --pod deathstar --not --http-status 200 --http-method get --http-path /page/\\\\d+ --node-name k8s*'),
    ).toEqual({
      whitelist: [
        { source_ip: ['1.2.3.4', '5.6.7.8'], verdict: [2], http_method: ['get'], http_path: ['/page/\\d+'], node_name: ['k8s*'] },
        { destination_ip: ['1.2.3.4', '5.6.7.8'], verdict: [2], http_method: ['get'], http_path: ['/page/\\d+'], node_name: ['k8s*'] },
      ],
      blacklist: [
        { source_pod: ['deathstar'], http_status_code: ['200'] },
        { destination_pod: ['deathstar'], http_status_code: ['200'] },
      ],
    });
  });

  it('labels (TestLabels)', () => {
    expect(white('--label k1=v1,k2=v2 -l k3 --node-label io.cilium.egress-gateway')).toEqual([
      { source_label: ['k1=v1,k2=v2', 'k3'], node_labels: ['io.cilium.egress-gateway'] },
      { destination_label: ['k1=v1,k2=v2', 'k3'], node_labels: ['io.cilium.egress-gateway'] },
    ]);
  });

  it('--from-pod with --to-workload is one filter; --pod with --to-workload two (TestFromToWorkloadCombined)', () => {
    expect(white('--from-pod cilium --to-workload app')).toEqual([{ source_pod: ['cilium'], destination_workload: [{ name: 'app' }] }]);
    expect(white('--pod cilium --to-workload app')).toEqual([
      { source_pod: ['cilium'], destination_workload: [{ name: 'app' }] },
      { destination_pod: ['cilium'], destination_workload: [{ name: 'app' }] },
    ]);
  });

  it('identities (TestIdentity, TestFromToIdentityCombined)', () => {
    expect(white('--identity 1 --identity 2')).toEqual([{ source_identity: [1, 2] }, { destination_identity: [1, 2] }]);
    expect(white('--from-identity 1 --from-identity 2')).toEqual([{ source_identity: [1, 2] }]);
    expect(white('--to-identity world')).toEqual([{ destination_identity: [2] }]);
    expect(white('--from-pod cilium --to-identity 42')).toEqual([{ source_pod: ['cilium'], destination_identity: [42] }]);
    expect(white('--pod cilium --to-identity 42')).toEqual([
      { source_pod: ['cilium'], destination_identity: [42] },
      { destination_pod: ['cilium'], destination_identity: [42] },
    ]);
  });

  it('every reserved identity name resolves to its number', () => {
    const names = ['host', 'world', 'unmanaged', 'health', 'init', 'remote-node', 'kube-apiserver', 'ingress', 'world-ipv4', 'world-ipv6'];
    names.forEach((name, i) => {
      expect(white(`--from-identity ${name}`)).toEqual([{ source_identity: [i + 1] }]);
    });
    // Go's ParseUint(s, 0, 32): hex, octal and underscores.
    expect(white('--from-identity 0x10 --from-identity 010 --from-identity 1_000')).toEqual([{ source_identity: [16, 8, 1000] }]);
    for (const bad of ['bad', "'-1'", '4294967296', '1__0', '0x']) {
      expect(refused(`--identity ${bad}`).reason).toMatch(/invalid security identity/);
    }
  });

  it('clusters (TestCluster)', () => {
    expect(white('--cluster foo --cluster bar')).toEqual([{ source_cluster_name: ['foo', 'bar'] }, { destination_cluster_name: ['foo', 'bar'] }]);
    expect(white('--from-cluster foo')).toEqual([{ source_cluster_name: ['foo'] }]);
    expect(white('--to-cluster foo')).toEqual([{ destination_cluster_name: ['foo'] }]);
  });
});

describe('namespaces (TestNamespace)', () => {
  const cases: [string, FlowFilterInput[]][] = [
    ['--namespace cilium --port 443', [{ source_pod: ['cilium/'], source_port: ['443'] }, { destination_pod: ['cilium/'], destination_port: ['443'] }]],
    ['--from-namespace cilium --from-port 443', [{ source_pod: ['cilium/'], source_port: ['443'] }]],
    ['--to-namespace cilium', [{ destination_pod: ['cilium/'] }]],
    ['--to-namespace cilium --port 443', [{ destination_pod: ['cilium/'], source_port: ['443'] }, { destination_pod: ['cilium/'], destination_port: ['443'] }]],
    ['--namespace cilium --pod foo-9c76d6c95-tf788', [{ source_pod: ['cilium/foo-9c76d6c95-tf788'] }, { destination_pod: ['cilium/foo-9c76d6c95-tf788'] }]],
    ['--namespace cilium --service foo', [{ source_service: ['cilium/foo'] }, { destination_service: ['cilium/foo'] }]],
    [
      '--namespace cilium --namespace kube-system --service foo --service bar',
      [
        { source_service: ['cilium/foo', 'kube-system/foo', 'cilium/bar', 'kube-system/bar'] },
        { destination_service: ['cilium/foo', 'kube-system/foo', 'cilium/bar', 'kube-system/bar'] },
      ],
    ],
    ['--to-namespace cilium --to-pod cilium/foo-9c76d6c95-tf788', [{ destination_pod: ['cilium/foo-9c76d6c95-tf788'] }]],
    ['--from-namespace kube-system --to-pod cilium/foo-9c76d6c95-tf788', [{ source_pod: ['kube-system/'], destination_pod: ['cilium/foo-9c76d6c95-tf788'] }]],
    ['--to-all-namespaces --to-pod foo', [{ destination_pod: ['/foo'] }]],
    ['--to-all-namespaces --to-service bar', [{ destination_service: ['/bar'] }]],
    ['-A --pod foo', [{ source_pod: ['/foo'] }, { destination_pod: ['/foo'] }]],
    ['--all-namespaces --service bar', [{ source_service: ['/bar'] }, { destination_service: ['/bar'] }]],
    ['--from-namespace a --to-namespace b', [{ source_pod: ['a/'], destination_pod: ['b/'] }]],
  ];
  it.each(cases)('%s', (args, expected) => {
    expect(white(args)).toEqual(expected);
  });

  it('a lone --to-all-namespaces builds the name "/", which Hubble\'s name filter refuses', () => {
    // Upstream's test expects destination_pod ["/"] here; the relay then rejects "/" as
    // "must be [namespace/][<name>]", so we refuse it up front, naming the flag.
    const err = refused('--to-all-namespaces --port 443');
    expect(err.flag).toBe('--to-all-namespaces');
    expect(err.reason).toMatch(/must be \[namespace\/\]\[name\].*"\/"/);
  });

  it('--namespace alone is exactly namespaceFilters', () => {
    expect(white('--namespace a --namespace b')).toEqual(namespaceFilters(['a', 'b']).whitelist);
  });

  it('refuses contradicting namespaces', () => {
    expect(refused('--to-namespace kube-system --to-pod cilium/foo-9c76d6c95-tf788').reason).toBe(
      'namespace conflict: "kube-system" does not contain "cilium/foo-9c76d6c95-tf788"',
    );
    expect(refused('--from-namespace kube-system --from-service cilium/foo').reason).toMatch(/namespace conflict/);
    expect(refused('--from-service cilium/foo --from-pod kube-system/hubble').reason).toMatch(/namespace of service "cilium\/foo" conflicts/);
    // The same check holds whichever flag comes first.
    expect(refused('--to-pod cilium/foo --to-namespace kube-system').flag).toBe('--to-namespace');
  });

  it('rejects namespaces that cannot be one', () => {
    expect(refused("--namespace ''").reason).toBe('empty namespace');
    expect(refused('--namespace a/b').reason).toMatch(/must not contain/);
  });
});

describe('flags upstream refuses to combine (TestConflicts_Table)', () => {
  const pairs = [
    ['--port', '--to-port'], ['--port', '--from-port'], ['--identity', '--to-identity'], ['--identity', '--from-identity'],
    ['--workload', '--to-workload'], ['--workload', '--from-workload'], ['--fqdn', '--from-fqdn'], ['--fqdn', '--to-fqdn'],
    ['--ip', '--from-ip'], ['--ip', '--to-ip'], ['--label', '--from-label'], ['--label', '--to-label'],
    ['--service', '--from-service'], ['--service', '--to-service'], ['--pod', '--from-pod'], ['--pod', '--to-pod'],
    ['--namespace', '--from-namespace'], ['--namespace', '--to-namespace'],
    ['--all-namespaces', '--from-all-namespaces'], ['--all-namespaces', '--to-all-namespaces'],
    ['--ip', '--fqdn'], ['--from-ip', '--from-fqdn'], ['--to-ip', '--to-fqdn'], ['--ip', '--pod'], ['--from-ip', '--from-pod'],
    ['--to-ip', '--to-pod'], ['--ip', '--namespace'], ['--from-ip', '--from-namespace'], ['--to-ip', '--to-namespace'],
    ['--pod', '--fqdn'], ['--from-pod', '--namespace'], ['--to-pod', '--namespace'], ['--to-pod', '--all-namespaces'],
    ['--namespace', '--fqdn'], ['--namespace', '--from-service'], ['--namespace', '--to-service'], ['--namespace', '--all-namespaces'],
    ['--from-namespace', '--from-all-namespaces'], ['--to-namespace', '--all-namespaces'], ['--all-namespaces', '--from-service'],
    ['--encrypted', '--unencrypted'],
  ];
  const valueFor = (flag: string, v: string) =>
    flag.includes('all-namespaces') || flag.includes('encrypted') ? flag : `${flag} ${flag.includes('ip') ? `10.0.0.${v === 'foo' ? 1 : 2}` : flag.includes('port') || flag.includes('identity') ? (v === 'foo' ? '80' : '81') : v}`;

  it.each(pairs)('%s with %s', (a, b) => {
    const err = refused(`${valueFor(a, 'foo')} ${valueFor(b, 'bar')}`);
    expect(err.reason).toMatch(/^filters --\S+ and --\S+ cannot be combined$/);
    expect(err.flag).toBe(b);
  });

  it('a conflict is per list: the same pair is fine across --not', () => {
    expect(lists('--port 80 --not --to-port 81')).toEqual({
      whitelist: [{ source_port: ['80'] }, { destination_port: ['80'] }],
      blacklist: [{ destination_port: ['81'] }],
    });
  });

  it('accepts the combinations upstream accepts (TestConflicts)', () => {
    expect(() => parseHubbleFilterArgs('--to-service foo --from-service bar --from-identity world --to-identity world --to-ip 1.2.3.4 --from-pod blib --from-port 1172 --to-port 11245 --workload buzz')).not.toThrow();
    expect(() => parseHubbleFilterArgs('--service bar --from-identity world --to-identity world --pod blib --namespace test --from-port 1172 --to-port 11245 --workload buzz')).not.toThrow();
  });
});

describe('one case per remaining flag', () => {
  const cases: [string, FlowFilterInput[]][] = [
    ['--uuid b9fab269-04ae-495c-9d12-b6c36d41de0d', [{ uuid: ['b9fab269-04ae-495c-9d12-b6c36d41de0d'] }]],
    ['--fqdn *.cilium.io', [{ source_fqdn: ['*.cilium.io'] }, { destination_fqdn: ['*.cilium.io'] }]],
    ['--from-fqdn a.example.com', [{ source_fqdn: ['a.example.com'] }]],
    ['--to-fqdn a.example.com', [{ destination_fqdn: ['a.example.com'] }]],
    ['--snat-ip 2.2.2.2/16', [{ source_ip_xlated: ['2.2.2.2/16'] }]],
    ['--to-ip 10.0.0.0/8', [{ destination_ip: ['10.0.0.0/8'] }]],
    ['-4', [{ ip_version: [1] }]],
    ['--ipv6', [{ ip_version: [2] }]],
    ['--ip-version v4 --ip-version 6 --ip-version none', [{ ip_version: [1, 2, 0] }]],
    ['--from-label reserved:world', [{ source_label: ['reserved:world'] }]],
    ['--to-label k8s:app=reviews', [{ destination_label: ['k8s:app=reviews'] }]],
    ['--from-service kube-system/kube-dns', [{ source_service: ['kube-system/kube-dns'] }]],
    ['--to-service api', [{ destination_service: ['api'] }]],
    ['--from-port 53', [{ source_port: ['53'] }]],
    ['--workload Deployment/ --workload api', [{ source_workload: [{ kind: 'Deployment' }, { name: 'api' }] }, { destination_workload: [{ kind: 'Deployment' }, { name: 'api' }] }]],
    ['--from-workload StatefulSet/db', [{ source_workload: [{ kind: 'StatefulSet', name: 'db' }] }]],
    ['--verdict forwarded --verdict TRANSLATED', [{ verdict: [1, 7] }]],
    ['--drop-reason-desc POLICY_DENIED', [{ drop_reason_desc: [133] }]],
    ['--protocol TCP --protocol dns', [{ protocol: ['tcp', 'dns'] }]],
    ['--traffic-direction INGRESS --traffic-direction EgrEss', [{ traffic_direction: [1, 2] }]],
    ['--tcp-flags syn,ack --tcp-flags FIN', [{ tcp_flags: [{ SYN: true, ACK: true }, { FIN: true }] }]],
    ['--http-status 5+ --http-method POST --http-url http://.*cilium\\.io/foo', [{ http_status_code: ['5+'], http_method: ['POST'], http_url: ['http://.*cilium.io/foo'] }]],
    ['--http-header foo:bar --http-header Foo:coco:bar', [{ http_header: [{ key: 'foo', value: 'bar' }, { key: 'Foo', value: 'coco:bar' }] }]],
    ['--node-name kind-control-plane --node-label kubernetes.io/os=linux', [{ node_name: ['kind-control-plane'], node_labels: ['kubernetes.io/os=linux'] }]],
    ['--interface eth0', [{ interface: [{ name: 'eth0' }] }]],
    ['--trace-id 4bf92f3577b34da6a3ce929d0e0e4736', [{ trace_id: ['4bf92f3577b34da6a3ce929d0e0e4736'] }]],
    ['--ip-trace-id 1 --ip-trace-id 18446744073709551615', [{ ip_trace_id: [1, '18446744073709551615'] }]],
    ['--encrypted', [{ encrypted: [true] }]],
    ['--unencrypted', [{ encrypted: [false] }]],
  ];
  it.each(cases)('%s', (args, expected) => {
    expect(white(args)).toEqual(expected);
  });

  it('event types and sub-types (TestFilterType)', () => {
    expect(white('-t 254 -t 255:127 -t trace:to-endpoint -t trace:from-endpoint -t 4:2 -t agent -t agent:3 -t agent:policy-updated -t drop -t trace-sock')).toEqual([
      {
        event_type: [
          { type: 254 },
          { type: 255, match_sub_type: true, sub_type: 127 },
          { type: 4, match_sub_type: true, sub_type: 0 },
          { type: 4, match_sub_type: true, sub_type: 5 },
          { type: 4, match_sub_type: true, sub_type: 2 },
          { type: 130 },
          { type: 130, match_sub_type: true, sub_type: 3 },
          { type: 130, match_sub_type: true, sub_type: 5 },
          { type: 1 },
          { type: 7 },
        ],
      },
    ]);
    expect(refused('-t some-invalid-type').reason).toMatch(/unknown event type/);
    expect(refused('-t trace:some-invalid-sub-type').reason).toMatch(/unknown event sub-type/);
    expect(refused("-t 'agent:Policy updated'").reason).toMatch(/unknown event sub-type/);
    // Sub-type names only resolve when the type is given by name, as upstream.
    expect(refused('-t 4:to-endpoint').reason).toMatch(/unknown event sub-type/);
  });

  it('rejects invalid values with the flag named', () => {
    const bad: [string, RegExp][] = [
      ['--verdict SOMETIMES', /unknown verdict "SOMETIMES"/],
      ['--port 70000', /port number 0-65535/],
      ['--to-port http', /port number/],
      ['--drop-reason-desc NOPE', /unknown drop reason/],
      ["--drop-reason-desc ''", /empty drop reason/],
      ['--protocol quic', /unknown protocol/],
      ["--traffic-direction 'to the moon'", /invalid traffic direction/],
      ['--tcp-flags syn,', /unknown tcp flag/],
      ['--tcp-flags ,syn', /unknown tcp flag/],
      ['--tcp-flags unknown', /unknown tcp flag/],
      ['--http-header foobar', /expected name:value/],
      ['--http-status 99', /status code/],
      ["--http-path '('", /regular expression/],
      ['--ip 1.2.3', /valid IP/],
      ['--from-ip 10.0.0.0/33', /CIDR/],
      ['--label a=b=c', /./],
      ['--fqdn a/b', /invalid character/],
      ['--ip-version 5', /invalid IP version/],
      ['--ip-trace-id 0', /greater than 0/],
      ['--ip-trace-id 18446744073709551616', /64-bit/],
      ["--cluster ''", /empty cluster name/],
      ['--pod /', /namespace/],
    ];
    for (const [args, reason] of bad) {
      const err = refused(args);
      expect(err.flag, args).toBe(args.split(' ')[0]);
      expect(err.reason, args).toMatch(reason);
      expect(err.position, args).toBe(0);
    }
  });

  it('refuses HTTP filters combined with a non-L7 event type, naming the HTTP flag', () => {
    const err = refused('--type trace --http-status 200');
    expect(err.flag).toBe('--http-status');
    expect(err.position).toBe(13);
  });
});

describe('filterFlagsToFlowFilters', () => {
  it('builds from flags and points at the bad entry', () => {
    expect(
      filterFlagsToFlowFilters([
        { flag: 'namespace', value: 'shop', negated: false },
        { flag: 'verdict', value: 'dropped', negated: false },
        { flag: 'protocol', value: 'udp', negated: true },
      ]),
    ).toEqual({
      whitelist: [{ source_pod: ['shop/'], verdict: [2] }, { destination_pod: ['shop/'], verdict: [2] }],
      blacklist: [{ protocol: ['udp'] }],
    });
    let err: unknown;
    try {
      filterFlagsToFlowFilters([
        { flag: 'namespace', value: 'shop', negated: false },
        { flag: 'port', value: '70000', negated: false },
      ]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FilterArgsError);
    expect((err as FilterArgsError).flagIndex).toBe(1);
    expect((err as FilterArgsError).position).toBeNull();
  });

  it('refuses unknown flags, values on switches and non-lists', () => {
    expect(() => filterFlagsToFlowFilters([{ flag: 'frobnicate' as never, value: 'x', negated: false }])).toThrow(FilterArgsError);
    expect(() => filterFlagsToFlowFilters([{ flag: 'ipv4', value: 'x', negated: false }])).toThrow(/takes no value/);
    expect(() => filterFlagsToFlowFilters('nope' as never)).toThrow(FilterArgsError);
    expect(() => filterFlagsToFlowFilters([null as never])).toThrow(FilterArgsError);
    expect(() => filterFlagsToFlowFilters([{ flag: 'port', value: 443 as never, negated: false }])).toThrow(/expected a string value/);
  });

  it('no flags, no filters', () => {
    expect(filterFlagsToFlowFilters([])).toEqual({ whitelist: [], blacklist: [] });
  });
});

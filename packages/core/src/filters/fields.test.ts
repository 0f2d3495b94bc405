import { describe, expect, it } from 'vitest';
import { compileFlowFilter } from './compile.js';
import { FilterError } from './errors.js';
import type { FilterableFlow, FlowFilterInput } from './types.js';

const matches = (filter: FlowFilterInput, flow: FilterableFlow): boolean => compileFlowFilter(filter)(flow);

const reviews: FilterableFlow = {
  uuid: 'u-1',
  verdict: 1,
  IP: { source: '10.0.2.16', destination: '10.0.1.4', ipVersion: 1, source_xlated: '192.168.1.9' },
  l4: { TCP: { source_port: 9080, destination_port: 42044, flags: { SYN: true, ACK: true } } },
  source: {
    identity: 25339,
    namespace: 'bookinfo',
    pod_name: 'reviews-v1-545db77b95-s6jb8',
    cluster_name: 'default',
    labels: ['k8s:app=reviews', 'k8s:version=v1', 'k8s:io.kubernetes.pod.namespace=bookinfo', 'k8s:security.istio.io/tlsMode=istio'],
    workloads: [{ name: 'reviews-v1', kind: 'Deployment' }],
  },
  destination: { identity: 2, labels: ['reserved:world'] },
  node_name: 'gke-node-1',
  node_labels: ['kubernetes.io/hostname=gke-node-1', 'topology.kubernetes.io/zone=eu-1'],
  source_names: [],
  destination_names: ['api.example.com'],
  event_type: { type: 4, sub_type: 3 },
  traffic_direction: 2,
  is_reply: { value: false },
  interface: { index: 6, name: 'eth0' },
};

describe('source_pod / destination_pod', () => {
  it('matches a namespace with "ns/"', () => {
    expect(matches({ source_pod: ['bookinfo/'] }, reviews)).toBe(true);
    expect(matches({ source_pod: ['kube-system/'] }, reviews)).toBe(false);
  });
  it('matches a pod-name prefix inside the namespace', () => {
    expect(matches({ source_pod: ['bookinfo/reviews-v1'] }, reviews)).toBe(true);
    expect(matches({ source_pod: ['bookinfo/ratings'] }, reviews)).toBe(false);
  });
  it('treats a value without "/" as a pod prefix in the default namespace', () => {
    expect(matches({ source_pod: ['reviews'] }, reviews)).toBe(false);
    const inDefault = { ...reviews, source: { namespace: 'default', pod_name: 'reviews-x' } };
    expect(matches({ source_pod: ['reviews'] }, inDefault)).toBe(true);
  });
  it('ORs values and never matches a side without namespace and name', () => {
    expect(matches({ source_pod: ['kube-system/', 'bookinfo/rev'] }, reviews)).toBe(true);
    expect(matches({ destination_pod: ['/x'] }, reviews)).toBe(false);
    expect(matches({ destination_pod: ['bookinfo/'] }, reviews)).toBe(false);
  });
  it('rejects an empty value', () => {
    expect(() => compileFlowFilter({ source_pod: [''] })).toThrow(FilterError);
    expect(() => compileFlowFilter({ destination_pod: ['/'] })).toThrow(/destination_pod/);
  });
});

describe('source_service / destination_service', () => {
  const viaService = { ...reviews, destination_service: { namespace: 'bookinfo', name: 'ratings' } };
  it('uses the same ns/prefix rules as pods', () => {
    expect(matches({ destination_service: ['bookinfo/rat'] }, viaService)).toBe(true);
    expect(matches({ destination_service: ['bookinfo/'] }, viaService)).toBe(true);
    expect(matches({ destination_service: ['ratings'] }, viaService)).toBe(false);
    expect(matches({ source_service: ['bookinfo/'] }, viaService)).toBe(false);
  });
});

describe('source_label / destination_label / node_labels', () => {
  it('matches with and without a source prefix', () => {
    expect(matches({ source_label: ['k8s:app=reviews'] }, reviews)).toBe(true);
    expect(matches({ source_label: ['app=reviews'] }, reviews)).toBe(true);
    expect(matches({ source_label: ['reserved:app=reviews'] }, reviews)).toBe(false);
    expect(matches({ source_label: ['app=ratings'] }, reviews)).toBe(false);
  });
  it('supports set, existence and negation requirements', () => {
    expect(matches({ source_label: ['app in (ratings, reviews)'] }, reviews)).toBe(true);
    expect(matches({ source_label: ['app notin (reviews)'] }, reviews)).toBe(false);
    expect(matches({ source_label: ['!k8s:tier'] }, reviews)).toBe(true);
    expect(matches({ source_label: ['k8s:version'] }, reviews)).toBe(true);
    expect(matches({ source_label: ['app=reviews, version!=v1'] }, reviews)).toBe(false);
    expect(matches({ source_label: ['k8s:security.istio.io/tlsMode=istio'] }, reviews)).toBe(true);
  });
  it('matches reserved identities', () => {
    expect(matches({ destination_label: ['reserved:world'] }, reviews)).toBe(true);
    expect(matches({ destination_label: ['reserved:host'] }, reviews)).toBe(false);
  });
  it('ORs selectors', () => {
    expect(matches({ source_label: ['app=nope', 'version=v1'] }, reviews)).toBe(true);
  });
  it('matches node labels', () => {
    expect(matches({ node_labels: ['topology.kubernetes.io/zone=eu-1'] }, reviews)).toBe(true);
    expect(matches({ node_labels: ['topology.kubernetes.io/zone=us-1'] }, reviews)).toBe(false);
  });
  it('rejects a bad selector naming field and value', () => {
    expect(() => compileFlowFilter({ source_label: ['app in (a'] })).toThrow(/source_label.*"app in \(a"/);
    expect(() => compileFlowFilter({ destination_label: ['app=has space'] })).toThrow(FilterError);
  });
});

describe('verdict / drop_reason_desc', () => {
  const dropped: FilterableFlow = { verdict: 2, drop_reason_desc: 133 };
  it('matches verdict numbers and names', () => {
    expect(matches({ verdict: [1] }, reviews)).toBe(true);
    expect(matches({ verdict: ['DROPPED'] }, dropped)).toBe(true);
    expect(matches({ verdict: [2, 5] }, reviews)).toBe(false);
  });
  it('matches drop reasons of dropped flows only', () => {
    expect(matches({ drop_reason_desc: [133] }, dropped)).toBe(true);
    expect(matches({ drop_reason_desc: ['POLICY_DENIED'] }, dropped)).toBe(true);
    expect(matches({ drop_reason_desc: ['POLICY_DENY'] }, dropped)).toBe(false);
    expect(matches({ drop_reason_desc: [133] }, { verdict: 1, drop_reason_desc: 133 })).toBe(false);
  });
  it('rejects unknown enum names', () => {
    expect(() => compileFlowFilter({ verdict: ['DENIED'] })).toThrow(/verdict/);
    expect(() => compileFlowFilter({ drop_reason_desc: ['NOT_A_REASON'] })).toThrow(/drop_reason_desc/);
  });
});

describe('protocol', () => {
  const udp: FilterableFlow = { l4: { UDP: { source_port: 53, destination_port: 5353 } }, l7: { dns: { query: 'a.b.' } } };
  const icmp6: FilterableFlow = { l4: { ICMPv6: { type: 133 } } };
  it('matches L4 protocols case-insensitively', () => {
    expect(matches({ protocol: ['TCP'] }, reviews)).toBe(true);
    expect(matches({ protocol: ['udp'] }, reviews)).toBe(false);
    expect(matches({ protocol: ['udp'] }, udp)).toBe(true);
  });
  it('icmp covers both versions, icmpv4 only v4', () => {
    expect(matches({ protocol: ['icmp'] }, icmp6)).toBe(true);
    expect(matches({ protocol: ['icmpv4'] }, icmp6)).toBe(false);
    expect(matches({ protocol: ['ICMPv6'] }, icmp6)).toBe(true);
  });
  it('matches L7 protocols on the L7 record', () => {
    expect(matches({ protocol: ['dns'] }, udp)).toBe(true);
    expect(matches({ protocol: ['http'] }, udp)).toBe(false);
  });
  it('rejects unknown protocols', () => {
    expect(() => compileFlowFilter({ protocol: ['quic'] })).toThrow(/protocol.*"quic"/);
  });
});

describe('source_port / destination_port', () => {
  it('matches TCP/UDP/SCTP ports given as strings', () => {
    expect(matches({ source_port: ['9080'] }, reviews)).toBe(true);
    expect(matches({ destination_port: ['9080', '42044'] }, reviews)).toBe(true);
    expect(matches({ destination_port: ['80'] }, reviews)).toBe(false);
    expect(matches({ destination_port: ['53'] }, { l4: { SCTP: { destination_port: 53 } } })).toBe(true);
  });
  it('never matches flows without ports', () => {
    expect(matches({ destination_port: ['0'] }, { l4: { ICMPv4: {} } })).toBe(false);
  });
  it('rejects non-numeric and out-of-range ports', () => {
    expect(() => compileFlowFilter({ source_port: ['http'] })).toThrow(/source_port/);
    expect(() => compileFlowFilter({ destination_port: ['65536'] })).toThrow(/destination_port.*65536/);
  });
});

describe('source_ip / destination_ip / source_ip_xlated', () => {
  it('matches exact addresses and CIDRs', () => {
    expect(matches({ source_ip: ['10.0.2.16'] }, reviews)).toBe(true);
    expect(matches({ source_ip: ['10.0.2.0/24'] }, reviews)).toBe(true);
    expect(matches({ source_ip: ['10.0.3.0/24'] }, reviews)).toBe(false);
    expect(matches({ destination_ip: ['10.0.0.0/16', '1.1.1.1'] }, reviews)).toBe(true);
    expect(matches({ source_ip_xlated: ['192.168.0.0/16'] }, reviews)).toBe(true);
  });
  it('matches IPv6 prefixes and keeps families apart', () => {
    const v6: FilterableFlow = { IP: { source: 'fe80::64d8:8aff:fe72:fc14', destination: 'ff02::2', ipVersion: 2 } };
    expect(matches({ source_ip: ['fe80::/10'] }, v6)).toBe(true);
    expect(matches({ destination_ip: ['ff02::2'] }, v6)).toBe(true);
    expect(matches({ source_ip: ['0.0.0.0/0'] }, v6)).toBe(false);
    expect(matches({ source_ip: ['::/0'] }, reviews)).toBe(false);
  });
  it('rejects invalid addresses and CIDRs', () => {
    expect(() => compileFlowFilter({ source_ip: ['10.0.0.0/33'] })).toThrow(/source_ip.*CIDR/);
    expect(() => compileFlowFilter({ destination_ip: ['10.0.0.256'] })).toThrow(/destination_ip.*IP address/);
  });
});

describe('source_fqdn / destination_fqdn', () => {
  it('matches names with * wildcards, case-insensitive patterns and a trailing dot', () => {
    expect(matches({ destination_fqdn: ['api.example.com'] }, reviews)).toBe(true);
    expect(matches({ destination_fqdn: ['*.example.com'] }, reviews)).toBe(true);
    expect(matches({ destination_fqdn: ['API.Example.com.'] }, reviews)).toBe(true);
    expect(matches({ destination_fqdn: ['*.example.org'] }, reviews)).toBe(false);
    expect(matches({ destination_fqdn: ['example.com'] }, reviews)).toBe(false);
    expect(matches({ source_fqdn: ['*'] }, reviews)).toBe(false);
  });
  it('rejects invalid patterns', () => {
    expect(() => compileFlowFilter({ destination_fqdn: ['a..'] })).toThrow(/destination_fqdn/);
    expect(() => compileFlowFilter({ source_fqdn: ['bad name'] })).toThrow(FilterError);
  });
});

describe('source_identity / destination_identity', () => {
  it('matches security identities', () => {
    expect(matches({ source_identity: [25339] }, reviews)).toBe(true);
    expect(matches({ destination_identity: [1, 2] }, reviews)).toBe(true);
    expect(matches({ destination_identity: [1] }, reviews)).toBe(false);
  });
  it('rejects non-integers', () => {
    expect(() => compileFlowFilter({ source_identity: [-1] })).toThrow(/source_identity/);
  });
});

describe('workloads and cluster names', () => {
  it('matches workload name and/or kind', () => {
    expect(matches({ source_workload: [{ name: 'reviews-v1' }] }, reviews)).toBe(true);
    expect(matches({ source_workload: [{ kind: 'Deployment' }] }, reviews)).toBe(true);
    expect(matches({ source_workload: [{ name: 'reviews-v1', kind: 'DaemonSet' }] }, reviews)).toBe(false);
    expect(matches({ destination_workload: [{ kind: 'Deployment' }] }, reviews)).toBe(false);
  });
  it('matches cluster names exactly', () => {
    expect(matches({ source_cluster_name: ['default'] }, reviews)).toBe(true);
    expect(matches({ destination_cluster_name: ['default'] }, reviews)).toBe(false);
    expect(() => compileFlowFilter({ source_cluster_name: [''] })).toThrow(/source_cluster_name/);
  });
});

describe('node_name', () => {
  it('treats a bare node name as being in the default cluster', () => {
    expect(matches({ node_name: ['gke-node-1'] }, reviews)).toBe(true);
    expect(matches({ node_name: ['default/gke-*'] }, reviews)).toBe(true);
    expect(matches({ node_name: ['other/gke-node-1'] }, reviews)).toBe(false);
  });
  it('matches cluster patterns and whole names only', () => {
    const kind: FilterableFlow = { node_name: 'kind-kind/kind-worker' };
    expect(matches({ node_name: ['kind-kind/'] }, kind)).toBe(true);
    expect(matches({ node_name: ['kind-*/kind-worker'] }, kind)).toBe(true);
    expect(matches({ node_name: ['kind'] }, kind)).toBe(false);
    expect(matches({ node_name: ['*worker'] }, kind)).toBe(true);
    expect(matches({ node_name: ['x'] }, {})).toBe(false);
  });
  it('rejects bad patterns', () => {
    expect(() => compileFlowFilter({ node_name: ['a/b/c'] })).toThrow(/node_name.*slashes/);
    expect(() => compileFlowFilter({ node_name: [''] })).toThrow(/node_name/);
  });
});

describe('traffic_direction / event_type / reply', () => {
  it('matches traffic direction', () => {
    expect(matches({ traffic_direction: ['EGRESS'] }, reviews)).toBe(true);
    expect(matches({ traffic_direction: [1] }, reviews)).toBe(false);
  });
  it('matches event type, with sub type only when asked', () => {
    expect(matches({ event_type: [{ type: 4 }] }, reviews)).toBe(true);
    expect(matches({ event_type: [{ type: 4, match_sub_type: true, sub_type: 3 }] }, reviews)).toBe(true);
    expect(matches({ event_type: [{ type: 4, match_sub_type: true, sub_type: 0 }] }, reviews)).toBe(false);
    expect(matches({ event_type: [{ type: 4, sub_type: 0 }] }, reviews)).toBe(true);
    expect(matches({ event_type: [{ type: 129 }] }, reviews)).toBe(false);
    expect(matches({ event_type: [{ type: 0 }] }, reviews)).toBe(true);
    expect(matches({ event_type: [{ type: 0 }] }, { verdict: 1 })).toBe(false);
  });
  it('matches is_reply; unknown only counts as not-a-reply for drops', () => {
    expect(matches({ reply: [false] }, reviews)).toBe(true);
    expect(matches({ reply: [true] }, reviews)).toBe(false);
    expect(matches({ reply: [true] }, { is_reply: { value: true } })).toBe(true);
    expect(matches({ reply: [false] }, { verdict: 1 })).toBe(false);
    expect(matches({ reply: [false] }, { verdict: 2 })).toBe(true);
    expect(matches({ reply: [true] }, { verdict: 2 })).toBe(false);
  });
});

describe('HTTP fields', () => {
  const http: FilterableFlow = {
    event_type: { type: 129 },
    l7: {
      http: {
        code: 404,
        method: 'GET',
        url: 'http://reviews:9080/reviews/0?x=1',
        headers: [{ key: 'User-Agent', value: 'curl/8' }],
      },
    },
  };
  const request: FilterableFlow = { l7: { http: { method: 'POST', url: '/api/v1/items%20x' } } };
  it('matches status codes and prefixes', () => {
    expect(matches({ http_status_code: ['404'] }, http)).toBe(true);
    expect(matches({ http_status_code: ['4+'] }, http)).toBe(true);
    expect(matches({ http_status_code: ['40+'] }, http)).toBe(true);
    expect(matches({ http_status_code: ['2+', '5+'] }, http)).toBe(false);
    expect(matches({ http_status_code: ['4+'] }, request)).toBe(false);
  });
  it('matches methods case-insensitively', () => {
    expect(matches({ http_method: ['get'] }, http)).toBe(true);
    expect(matches({ http_method: ['GET'] }, request)).toBe(false);
  });
  it('matches path regexes on the decoded path only', () => {
    expect(matches({ http_path: ['^/reviews/[0-9]+$'] }, http)).toBe(true);
    expect(matches({ http_path: ['x=1'] }, http)).toBe(false);
    expect(matches({ http_path: ['items x$'] }, request)).toBe(true);
    expect(matches({ http_path: ['(?i)^/API/'] }, request)).toBe(true);
  });
  it('matches url regexes on the whole URL', () => {
    expect(matches({ http_url: ['x=1$'] }, http)).toBe(true);
    expect(matches({ http_url: ['^https:'] }, http)).toBe(false);
  });
  it('matches headers by exact key and value', () => {
    expect(matches({ http_header: [{ key: 'User-Agent', value: 'curl/8' }] }, http)).toBe(true);
    expect(matches({ http_header: [{ key: 'User-Agent', value: 'wget' }] }, http)).toBe(false);
  });
  it('rejects bad values and event types that exclude L7', () => {
    expect(() => compileFlowFilter({ http_status_code: ['4xx'] })).toThrow(/http_status_code.*"4xx"/);
    expect(() => compileFlowFilter({ http_status_code: ['600'] })).toThrow(FilterError);
    expect(() => compileFlowFilter({ http_path: ['(unclosed'] })).toThrow(/http_path.*"\(unclosed"/);
    expect(() => compileFlowFilter({ http_method: ['GET'], event_type: [{ type: 4 }] })).toThrow(/event_type/);
    expect(matches({ http_method: ['GET'], event_type: [{ type: 129 }] }, http)).toBe(true);
  });
});

describe('dns_query', () => {
  const dns: FilterableFlow = { l7: { dns: { query: 'reviews.bookinfo.svc.cluster.local.' } } };
  it('searches the query with a regex', () => {
    expect(matches({ dns_query: ['bookinfo\\.svc'] }, dns)).toBe(true);
    expect(matches({ dns_query: ['^kube'] }, dns)).toBe(false);
    expect(matches({ dns_query: ['.*'] }, reviews)).toBe(false);
  });
  it('rejects invalid regexes', () => {
    expect(() => compileFlowFilter({ dns_query: ['[a-'] })).toThrow(/dns_query/);
  });
});

describe('tcp_flags / ip_version / encrypted / interface / uuid / trace ids', () => {
  it('matches flows carrying every flag of one flag set', () => {
    expect(matches({ tcp_flags: [{ SYN: true }] }, reviews)).toBe(true);
    expect(matches({ tcp_flags: [{ SYN: true, ACK: true }] }, reviews)).toBe(true);
    expect(matches({ tcp_flags: [{ SYN: true, FIN: true }] }, reviews)).toBe(false);
    expect(matches({ tcp_flags: [{ FIN: true }, { ACK: true }] }, reviews)).toBe(true);
    expect(matches({ tcp_flags: [{ SYN: true }] }, { l4: { UDP: {} } })).toBe(false);
  });
  it('matches IP version', () => {
    expect(matches({ ip_version: ['IPv4'] }, reviews)).toBe(true);
    expect(matches({ ip_version: [2] }, reviews)).toBe(false);
    expect(matches({ ip_version: [0] }, {})).toBe(true);
  });
  it('matches encryption', () => {
    expect(matches({ encrypted: [false] }, reviews)).toBe(true);
    expect(matches({ encrypted: [true] }, { IP: { encrypted: true } })).toBe(true);
  });
  it('matches interfaces by index and name', () => {
    expect(matches({ interface: [{ index: 6 }] }, reviews)).toBe(true);
    expect(matches({ interface: [{ name: 'eth1' }] }, reviews)).toBe(false);
    expect(matches({ interface: [{ index: 6, name: 'eth0' }] }, reviews)).toBe(true);
  });
  it('matches uuid and trace ids', () => {
    expect(matches({ uuid: ['u-1'] }, reviews)).toBe(true);
    expect(matches({ uuid: ['u-2'] }, reviews)).toBe(false);
    expect(matches({ trace_id: ['abc'] }, { trace_context: { parent: { trace_id: 'abc' } } })).toBe(true);
    expect(matches({ ip_trace_id: [42] }, { ip_trace_id: { trace_id: 42 } })).toBe(true);
    expect(matches({ ip_trace_id: ['18446744073709551615'] }, { ip_trace_id: { trace_id: { toString: () => '18446744073709551615' } } })).toBe(true);
    expect(matches({ ip_trace_id: [42] }, reviews)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { makeEndpoint } from '../testing/flowFixture';
import { formatEndpoint } from './endpoint';

const external = (overrides: Parameters<typeof makeEndpoint>[0] = {}) =>
  makeEndpoint({
    identity: 2,
    namespace: '',
    podName: '',
    workload: 'world',
    workloadKind: 'reserved',
    labels: ['reserved:world'],
    reserved: ['world'],
    clusterName: '',
    ...overrides,
  });

describe('formatEndpoint', () => {
  it('names a pod as namespace/pod:port', () => {
    const ep = makeEndpoint({ namespace: 'bookinfo', podName: 'reviews-v2-7bf8c9648f-7k5dq', port: 9080 });
    expect(formatEndpoint(ep)).toMatchObject({ text: 'bookinfo/reviews-v2-7bf8c9648f-7k5dq:9080', identityTag: null });
  });

  it('shows a world peer by IP and tags it reserved:world', () => {
    const ep = external({ ip: '142.250.74.78', port: 443 });
    expect(formatEndpoint(ep)).toMatchObject({ text: '142.250.74.78:443', identityTag: 'reserved:world' });
  });

  it('brackets an IPv6 peer followed by a port', () => {
    const ep = external({ ip: '2001:db8::a', port: 53 });
    expect(formatEndpoint(ep).text).toBe('[2001:db8::a]:53');
  });

  it('prefers the DNS names hubble attached over the IP', () => {
    const ep = external({ ip: '142.250.74.78', port: 443, names: ['www.google.com'] });
    expect(formatEndpoint(ep)).toMatchObject({ text: 'www.google.com:443', identityTag: 'reserved:world' });
  });

  it('names a service reached without a pod as namespace/service', () => {
    const ep = makeEndpoint({ podName: '', ip: '10.96.0.10', port: 53, service: { name: 'kube-dns', namespace: 'kube-system' } });
    expect(formatEndpoint(ep).text).toBe('kube-system/kube-dns:53');
  });

  it('falls back to the reserved identity when the IP is unknown', () => {
    const ep = external({ ip: '', port: null, reserved: ['host'] });
    expect(formatEndpoint(ep)).toMatchObject({ text: 'reserved:host', identityTag: null });
  });

  it('splits name and port so a narrow cell can keep the port', () => {
    expect(formatEndpoint(makeEndpoint({ port: 8080 }))).toMatchObject({ host: 'default/client-6d4b9c7f5-x2x9q', port: ':8080' });
    expect(formatEndpoint(makeEndpoint({ podName: '', ip: '2001:db8::a', port: 53 }))).toMatchObject({
      host: '[2001:db8::a]',
      port: ':53',
    });
    expect(formatEndpoint(makeEndpoint({ port: null }))).toMatchObject({ port: '' });
    expect(formatEndpoint(makeEndpoint())).toMatchObject({ namespacePrefix: 'default/', name: 'client-6d4b9c7f5-x2x9q' });
    expect(formatEndpoint(makeEndpoint({ podName: '', ip: '10.0.0.1' }))).toMatchObject({ namespacePrefix: '', name: '10.0.0.1' });
  });

  it('leaves the port out for ICMP', () => {
    expect(formatEndpoint(makeEndpoint({ port: null })).text).toBe('default/client-6d4b9c7f5-x2x9q');
  });

  it('describes identity and address in the tooltip', () => {
    const title = formatEndpoint(makeEndpoint()).title;
    expect(title).toContain('IP 10.244.1.17:43512');
    expect(title).toContain('identity 12345');
    expect(title).toContain('Deployment client');
  });
});

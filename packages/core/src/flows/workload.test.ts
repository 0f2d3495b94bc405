import { describe, expect, it } from 'vitest';
import { labelValue, reservedIdentities, trimReplicaSuffix, workloadName } from './workload.js';

const base = { podName: '', labels: [] as string[], identity: 0, workloads: [] as { name: string; kind: string }[], ip: '', names: [] as string[] };

describe('trimReplicaSuffix', () => {
  it.each([
    ['reviews-v1-545db77b95-s6jb8', 'reviews-v1'],
    ['coredns-5d78c9869d-4xwqz', 'coredns'],
    ['cilium-x7kq2', 'cilium'],
    ['redis-0', 'redis'],
    ['xwing', 'xwing'],
    ['deathstar-7848d6c4d5-th9v2', 'deathstar'],
  ])('%s → %s', (pod, workload) => expect(trimReplicaSuffix(pod)).toBe(workload));
});

describe('workloadName', () => {
  it('prefers the workloads field Hubble sends', () => {
    expect(workloadName({ ...base, podName: 'csi-cbs-controller-7788964bc-lsfw5', workloads: [{ name: 'csi-cbs-controller', kind: 'Deployment' }] })).toEqual({
      name: 'csi-cbs-controller',
      kind: 'Deployment',
    });
  });

  it('then the naming labels in order, then the trimmed pod name', () => {
    const labels = ['k8s:app=reviews', 'k8s:app.kubernetes.io/name=bookinfo-reviews'];
    expect(workloadName({ ...base, podName: 'reviews-v1-545db77b95-s6jb8', labels }).name).toBe('bookinfo-reviews');
    expect(workloadName({ ...base, podName: 'reviews-v1-545db77b95-s6jb8', labels }, { labelKeys: ['app'] }).name).toBe('reviews');
    expect(workloadName({ ...base, podName: 'reviews-v1-545db77b95-s6jb8' }).name).toBe('reviews-v1');
  });

  it('names the kube-apiserver as itself even though it also carries reserved:world', () => {
    const labels = ['reserved:world', 'reserved:kube-apiserver'];
    expect(reservedIdentities(labels, 16777217)).toEqual(['kube-apiserver', 'world']);
    expect(workloadName({ ...base, labels, identity: 16777217, ip: '169.254.128.9' })).toEqual({ name: 'kube-apiserver', kind: 'reserved' });
  });

  it('names world peers by their DNS name when Hubble knows it, else as world', () => {
    expect(workloadName({ ...base, labels: ['reserved:world'], identity: 2, ip: '1.1.1.1', names: ['one.one.one.one'] })).toEqual({ name: 'one.one.one.one', kind: 'fqdn' });
    expect(workloadName({ ...base, labels: ['reserved:world'], identity: 2, ip: '1.1.1.1' })).toEqual({ name: 'world', kind: 'reserved' });
  });

  it('falls back to numeric reserved identities, then the IP', () => {
    expect(workloadName({ ...base, identity: 1, ip: '10.0.0.1' })).toEqual({ name: 'host', kind: 'reserved' });
    expect(workloadName({ ...base, ip: '10.0.0.9' })).toEqual({ name: '10.0.0.9', kind: 'ip' });
    expect(workloadName(base)).toEqual({ name: 'unknown', kind: '' });
  });
});

describe('labelValue', () => {
  it('reads a key under any source prefix and ignores keys without values', () => {
    const labels = ['k8s:io.kubernetes.pod.namespace=bookinfo', 'reserved:host', 'container:app=x'];
    expect(labelValue(labels, 'io.kubernetes.pod.namespace')).toBe('bookinfo');
    expect(labelValue(labels, 'app')).toBe('x');
    expect(labelValue(labels, 'host')).toBeUndefined();
  });
});

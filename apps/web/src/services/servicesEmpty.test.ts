import { describe, expect, it } from 'vitest';
import type { StatusResponse } from '@starmap/core';
import { realServices, responseWith } from './serviceFixture';
import { servicesEmptyMessage, type ServicesEmptyInput } from './servicesEmpty';

const none = { namespaces: [], types: [], search: '' };

function status(phase: StatusResponse['agent']['phase'], lastError: string | null = null): StatusResponse {
  return {
    mode: 'cluster',
    version: '0.1.0',
    relay: { target: 'localhost:4245', phase: 'connected', since: '', attempt: 0, lastError: null, nextRetryAt: null, flowsReceived: 0 },
    agent: { target: 'unix:/var/run/cilium/cilium.sock', phase, since: '', lastError, ciliumState: null, ciliumVersion: null },
    nodes: [],
    replay: null,
    server: null,
  };
}

function message(input: Partial<ServicesEmptyInput>) {
  return servicesEmptyMessage({ response: undefined, loadError: null, status: undefined, filter: none, shown: 0, ...input });
}

describe('why the service table is empty', () => {
  it('is loading, or says why the server did not answer', () => {
    expect(message({})?.kind).toBe('loading');
    expect(message({ loadError: 'Failed to fetch' })).toMatchObject({ kind: 'load-error', title: 'Cannot load the service table: Failed to fetch' });
  });

  it('explains a missing agent configuration with the flags to set', () => {
    const m = message({ response: responseWith([], { source: null }), status: status('disabled') });
    expect(m?.kind).toBe('no-agent');
    expect(m?.detail).toContain('--cilium-socket');
  });

  it('reports an unreachable agent with its error', () => {
    const m = message({ response: responseWith([], { source: null, error: 'connect ECONNREFUSED' }), status: status('reconnecting', 'connect ECONNREFUSED') });
    expect(m).toMatchObject({ kind: 'agent-unreachable', title: 'Cilium agent unreachable: connect ECONNREFUSED' });
    expect(m?.detail).toContain('unix:/var/run/cilium/cilium.sock');
    expect(message({ response: responseWith([], { source: null }), status: status('connecting') })?.kind).toBe('waiting');
  });

  it('tells an empty agent table from a filter that matched nothing', () => {
    expect(message({ response: responseWith([]) })?.kind).toBe('no-services');
    const services = realServices();
    const m = message({
      response: responseWith(services),
      filter: { namespaces: ['shop', 'default'], types: ['NodePort'], search: ' redis ' },
      shown: 0,
    });
    expect(m?.kind).toBe('no-match');
    expect(m?.title).toBe('No service matches namespaces shop and default, type NodePort, “redis”');
    expect(m?.detail).toContain(`${services.length} frontends`);
  });

  it('is null when rows are shown', () => {
    const services = realServices();
    expect(message({ response: responseWith(services), shown: services.length })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { buildMapGraph } from './mapGraph';
import { edgeDrops, nodeDrops, placementCache, selectionFlows, topPeers } from './panelData';
import { testFlows, testLocator, testSnapshot } from './testMap';

describe('side panel data', () => {
  const flows = testFlows();
  const snapshot = testSnapshot(flows);
  const edge = (id: string) => {
    const found = snapshot.edges.find((e) => e.id === id);
    if (!found) throw new Error(`no ${id} in ${snapshot.edges.map((e) => e.id).join(', ')}`);
    return found;
  };
  const node = (id: string) => snapshot.nodes.find((n) => n.id === id)!;
  const cards = buildMapGraph(snapshot, [], [], { foldServices: false }).edges;
  const folded = buildMapGraph(snapshot, [], []).edges;

  it("lists an edge's drop reasons with Cilium's text for the code", () => {
    expect(edgeDrops(edge('shop/frontend->svc:shop/cart'))).toEqual([
      expect.objectContaining({ code: 133, name: 'POLICY_DENIED', flows: 3, text: 'Policy denied', category: 'policy' }),
    ]);
  });

  it('counts the drops through a service once, not once per hop', () => {
    expect(nodeDrops(node('svc:shop/cart'), cards)).toEqual([expect.objectContaining({ code: 133, flows: 3 })]);
    expect(nodeDrops(node('shop/frontend'), cards)).toEqual([expect.objectContaining({ code: 133, flows: 3 })]);
    expect(nodeDrops(node('shop/cart'), cards)).toEqual([expect.objectContaining({ code: 133, flows: 3 })]);
    // With the service folded into its backend's card, the card's drops are still counted once.
    expect(nodeDrops(node('shop/cart'), folded)).toEqual([expect.objectContaining({ code: 133, flows: 3 })]);
    expect(nodeDrops(node('kube-system/coredns'), cards)).toEqual([]);
  });

  it("ranks a node's peers by flows, both ways", () => {
    const peers = topPeers('shop/frontend', cards);
    expect(peers.map((p) => [p.peer, p.direction])).toEqual([
      ['svc:shop/cart', 'out'],
      // ties (one flow each) in edge id order
      ['reserved:host', 'in'],
      ['ip:1.1.1.1', 'out'],
      ['svc:kube-system/kube-dns', 'out'],
    ]);
    expect(peers[0]!.edge.flows).toBe(10);
    expect(topPeers('shop/cart', folded).map((p) => [p.peer, p.via])).toEqual([['shop/frontend', 'svc:shop/cart']]);
  });

  it('finds the flows of an edge and of a node as the map counts them, replies included', () => {
    const placementOf = placementCache(testLocator(snapshot));
    const ofEdge = selectionFlows(flows, { kind: 'edge', id: 'shop/frontend->svc:shop/cart' }, placementOf);
    expect(ofEdge).toHaveLength(edge('shop/frontend->svc:shop/cart').flows);
    expect(ofEdge.some((f) => f.isReply === true)).toBe(true);
    const ofNode = selectionFlows(flows, { kind: 'node', id: 'kube-system/coredns' }, placementOf);
    expect(ofNode.map((f) => f.protocol)).toEqual(['UDP']);
    expect(selectionFlows(flows, { kind: 'node', id: 'shop/frontend' }, placementOf, [], 2)).toHaveLength(2);
    // A card with a folded service also holds the flows that reached only the service.
    const dnsOnly = selectionFlows(flows, { kind: 'node', id: 'kube-system/coredns' }, placementOf, ['svc:kube-system/kube-dns']);
    expect(dnsOnly).toHaveLength(1);
  });
});

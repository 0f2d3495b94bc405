/** Which badges differ between nodes, for per-node badges when agents disagree. */
import { DATAPATH_BADGE_IDS, type DatapathModes, type NodeDifference } from './types.js';

export function compareNodes(
  modesByNode: Readonly<Record<string, DatapathModes>> | ReadonlyMap<string, DatapathModes>,
): NodeDifference[] {
  const entries: [string, DatapathModes][] =
    modesByNode instanceof Map ? [...modesByNode.entries()] : Object.entries(modesByNode);
  const differences: NodeDifference[] = [];
  for (const id of DATAPATH_BADGE_IDS) {
    const values: Record<string, string> = {};
    const distinct: string[] = [];
    let label: string = id;
    for (const [node, modes] of entries) {
      const badge = modes.badges.find((b) => b.id === id);
      if (badge == null) continue;
      label = badge.label;
      values[node] = badge.value;
      if (!distinct.includes(badge.value)) distinct.push(badge.value);
    }
    if (distinct.length > 1) differences.push({ id, label, values, distinct });
  }
  return differences;
}

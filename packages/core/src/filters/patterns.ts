/**
 * FQDN and node-name patterns as Hubble defines them: lowercase letters, digits, `-`, `_` and
 * `.` match themselves, `*` matches any run of `[-.0-9a-z]`; patterns are trimmed, lowercased
 * and may end with one dot. A node-name pattern is `[cluster/]node`, each half an FQDN pattern
 * and an empty half matching any name; a bare pattern matches the node in every cluster.
 */

/** Any FQDN, underscores included: what an empty half of a node-name pattern stands for. */
const ANY_FQDN = '(?:[-0-9_a-z]+(?:\\.[-0-9_a-z]+)*)';

export class PatternSyntaxError extends Error {}

function fqdnPatternSource(pattern: string): string {
  let p = pattern.trim();
  if (p.endsWith('.')) p = p.slice(0, -1);
  p = p.toLowerCase();
  if (p === '') throw new PatternSyntaxError('empty pattern');
  if (p.endsWith('.')) throw new PatternSyntaxError('multiple trailing dots in pattern');
  let out = '';
  for (const ch of p) {
    if (ch === '.') out += '\\.';
    else if (ch === '*') out += '[-.0-9a-z]*';
    else if (/[-0-9_a-z]/.test(ch)) out += ch;
    else throw new PatternSyntaxError(`invalid character ${JSON.stringify(ch)} in pattern`);
  }
  return out;
}

function nodeNamePatternSource(pattern: string): string {
  if (pattern === '') throw new PatternSyntaxError('empty pattern');
  const parts = pattern.split('/');
  if (parts.length > 2) throw new PatternSyntaxError('too many slashes in pattern');
  const [cluster, node] = parts.length === 2 ? [parts[0] as string, parts[1] as string] : ['', parts[0] as string];
  const clusterSrc = cluster === '' ? ANY_FQDN : fqdnPatternSource(cluster);
  const nodeSrc = node === '' ? ANY_FQDN : fqdnPatternSource(node);
  return `${clusterSrc}/${nodeSrc}`;
}

/** One regex for a list of FQDN patterns; matches whole names. */
export function compileFqdnPatterns(patterns: readonly string[]): RegExp {
  return new RegExp(`^(?:${patterns.map(fqdnPatternSource).join('|')})$`);
}

/** One regex for a list of node-name patterns; matches whole `cluster/node` names. */
export function compileNodeNamePatterns(patterns: readonly string[]): RegExp {
  return new RegExp(`^(?:${patterns.map(nodeNamePatternSource).join('|')})$`);
}

/** Upstream qualifies a bare node name with Cilium's default cluster name before matching. */
export const DEFAULT_CLUSTER_NAME = 'default';

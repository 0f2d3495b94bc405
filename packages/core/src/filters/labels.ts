/**
 * Label selectors as Hubble applies them to Cilium labels.
 *
 * A selector is a Kubernetes label selector (`app=foo`, `app in (a,b)`, `!key`, `key`,
 * `key!=v`, `key notin (a)`, `key>3`; requirements joined by `,` must all hold). Keys may carry
 * a Cilium source prefix (`k8s:app`, `reserved:world`); a key without one matches the key under
 * any source. Flow labels look like `k8s:app=reviews` or `reserved:host`.
 *
 * Upstream rewrites `src:key` into the Kubernetes key `src.key` and validates that as a
 * Kubernetes qualified name, so we validate the same rewritten form.
 */

export type LabelOperator = 'in' | 'notin' | 'exists' | '!exists' | 'gt' | 'lt';

export interface LabelRequirement {
  /** Cilium source, or 'any'. */
  source: string;
  key: string;
  operator: LabelOperator;
  values: readonly string[];
}

export interface ParsedLabel {
  source: string;
  key: string;
  value: string;
}

export class LabelSelectorSyntaxError extends Error {}

type Token =
  | { kind: 'id'; text: string }
  | { kind: 'op'; text: '!' | '=' | '==' | '!=' | '(' | ')' | ',' | '>' | '<' }
  | { kind: 'end' };

const SPECIAL = new Set(['!', '=', '(', ')', ',', '>', '<']);

function tokenize(selector: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < selector.length) {
    const ch = selector[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (SPECIAL.has(ch)) {
      const two = selector.slice(i, i + 2);
      if (two === '==' || two === '!=') {
        tokens.push({ kind: 'op', text: two });
        i += 2;
      } else {
        tokens.push({ kind: 'op', text: ch as '!' });
        i++;
      }
    } else {
      let j = i;
      while (j < selector.length && !SPECIAL.has(selector[j] as string) && !/\s/.test(selector[j] as string)) j++;
      tokens.push({ kind: 'id', text: selector.slice(i, j) });
      i = j;
    }
  }
  tokens.push({ kind: 'end' });
  return tokens;
}

const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS_SUBDOMAIN = new RegExp(`^${DNS_LABEL}(\\.${DNS_LABEL})*$`);
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Kubernetes' rule for label keys: `[prefix/]name`, name ≤ 63, prefix a DNS subdomain ≤ 253. */
function checkQualifiedKey(key: string): string | null {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    if (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) {
      return `key prefix ${JSON.stringify(prefix)} must be a lowercase DNS subdomain`;
    }
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return `key name ${JSON.stringify(name)} must be 1-63 characters of [A-Za-z0-9-_.] starting and ending alphanumeric`;
  }
  return null;
}

function splitSourceKey(rawKey: string): { source: string; key: string } {
  const colon = rawKey.indexOf(':');
  if (colon < 0) return { source: 'any', key: rawKey };
  return { source: rawKey.slice(0, colon), key: rawKey.slice(colon + 1) };
}

/** Parses one selector string into requirements; throws LabelSelectorSyntaxError. */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  const tokens = tokenize(selector);
  let pos = 0;
  const peek = (): Token => tokens[pos] as Token;
  const next = (): Token => tokens[pos++] as Token;
  const isOp = (t: Token, text: string): boolean => t.kind === 'op' && t.text === text;
  const requirements: LabelRequirement[] = [];
  if (peek().kind === 'end') return requirements;

  const readKey = (): { source: string; key: string } => {
    const t = next();
    if (t.kind !== 'id') throw new LabelSelectorSyntaxError('expected a label key');
    const { source, key } = splitSourceKey(t.text);
    if (source === '' || key === '') throw new LabelSelectorSyntaxError(`invalid label key ${JSON.stringify(t.text)}`);
    const problem = checkQualifiedKey(`${source}.${key}`);
    if (problem) throw new LabelSelectorSyntaxError(`invalid label key ${JSON.stringify(t.text)}: ${problem}`);
    return { source, key };
  };
  const checkValue = (value: string): string => {
    if (value.length > 63 || !LABEL_VALUE.test(value)) {
      throw new LabelSelectorSyntaxError(
        `invalid label value ${JSON.stringify(value)}: at most 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric`,
      );
    }
    return value;
  };
  const readSet = (): string[] => {
    if (!isOp(next(), '(')) throw new LabelSelectorSyntaxError("expected '(' after in/notin");
    const values: string[] = [];
    for (;;) {
      const t = peek();
      // Like Kubernetes, an empty slot such as `(a,,b)` or `()` stands for the empty value.
      if (t.kind === 'id') {
        values.push(checkValue(t.text));
        pos++;
      } else {
        values.push('');
      }
      const sep = next();
      if (isOp(sep, ')')) break;
      if (!isOp(sep, ',')) throw new LabelSelectorSyntaxError("expected ',' or ')' in value set");
    }
    return values;
  };

  for (;;) {
    if (isOp(peek(), '!')) {
      pos++;
      const { source, key } = readKey();
      requirements.push({ source, key, operator: '!exists', values: [] });
    } else {
      const { source, key } = readKey();
      const t = peek();
      if (t.kind === 'end' || isOp(t, ',')) {
        requirements.push({ source, key, operator: 'exists', values: [] });
      } else if (isOp(t, '=') || isOp(t, '==') || isOp(t, '!=')) {
        pos++;
        const v = peek();
        let value = '';
        if (v.kind === 'id') {
          value = checkValue(v.text);
          pos++;
        } else if (!(v.kind === 'end' || isOp(v, ','))) {
          throw new LabelSelectorSyntaxError('expected a label value');
        }
        requirements.push({ source, key, operator: isOp(t, '!=') ? 'notin' : 'in', values: [value] });
      } else if (t.kind === 'id' && (t.text === 'in' || t.text === 'notin')) {
        pos++;
        requirements.push({ source, key, operator: t.text, values: readSet() });
      } else if (isOp(t, '>') || isOp(t, '<')) {
        pos++;
        const v = next();
        if (v.kind !== 'id' || !/^[+-]?\d+$/.test(v.text)) {
          throw new LabelSelectorSyntaxError(`'${t.kind === 'op' ? t.text : ''}' needs an integer value`);
        }
        requirements.push({ source, key, operator: isOp(t, '>') ? 'gt' : 'lt', values: [v.text] });
      } else {
        throw new LabelSelectorSyntaxError(`unexpected ${t.kind === 'id' ? JSON.stringify(t.text) : `'${t.text}'`} after label key`);
      }
    }
    const sep = next();
    if (sep.kind === 'end') break;
    if (!isOp(sep, ',')) throw new LabelSelectorSyntaxError("expected ',' between requirements");
  }
  return requirements;
}

/** Parses a Cilium label string: `source:key=value`, `source:key`, or `key=value` (source 'unspec'). */
export function parseCiliumLabel(label: string): ParsedLabel {
  const colon = label.indexOf(':');
  const eq = label.indexOf('=');
  let source = 'unspec';
  let rest = label;
  if (colon >= 0 && (eq < 0 || colon < eq)) {
    source = label.slice(0, colon);
    rest = label.slice(colon + 1);
  }
  const restEq = rest.indexOf('=');
  return restEq < 0
    ? { source, key: rest, value: '' }
    : { source, key: rest.slice(0, restEq), value: rest.slice(restEq + 1) };
}

// Flows are shared between streams, so a flow's label array is parsed once (flows are treated
// as immutable once built).
const parsedCache = new WeakMap<readonly string[], readonly ParsedLabel[]>();

export function parsedLabelsOf(labels: readonly string[] | null | undefined): readonly ParsedLabel[] {
  if (!labels || labels.length === 0) return [];
  let parsed = parsedCache.get(labels);
  if (!parsed) {
    parsed = labels.map(parseCiliumLabel);
    parsedCache.set(labels, parsed);
  }
  return parsed;
}

function findLabel(labels: readonly ParsedLabel[], source: string, key: string): ParsedLabel | undefined {
  for (const l of labels) {
    if (l.key === key && (source === 'any' || l.source === source)) return l;
  }
  return undefined;
}

export function requirementMatches(req: LabelRequirement, labels: readonly ParsedLabel[]): boolean {
  const found = findLabel(labels, req.source, req.key);
  switch (req.operator) {
    case 'exists':
      return found !== undefined;
    case '!exists':
      return found === undefined;
    case 'in':
      return found !== undefined && req.values.includes(found.value);
    case 'notin':
      return found === undefined || !req.values.includes(found.value);
    case 'gt':
    case 'lt': {
      if (found === undefined || !/^[+-]?\d+$/.test(found.value)) return false;
      const have = BigInt(found.value);
      const want = BigInt(req.values[0] as string);
      return req.operator === 'gt' ? have > want : have < want;
    }
  }
}

export function selectorMatches(requirements: readonly LabelRequirement[], labels: readonly ParsedLabel[]): boolean {
  for (const req of requirements) if (!requirementMatches(req, labels)) return false;
  return true;
}

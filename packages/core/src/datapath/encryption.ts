/** Transparent encryption of pod traffic between nodes: WireGuard, IPsec or off. */
import {
  healthz,
  lower,
  makeBadge,
  notReported,
  unknownBadge,
  unrecognisedBadge,
  type DeriveContext,
} from './context.js';
import type { BadgeDetail, BadgeSource, DatapathBadge } from './types.js';

const LABEL = 'Encryption';

export function deriveEncryption(ctx: DeriveContext): DatapathBadge {
  const enc = ctx.status.encryption;
  const raw = enc?.mode;
  const mode = lower(raw);
  if (enc == null || mode == null) {
    return unknownBadge('encryption', LABEL, notReported(ctx, 'encryption', null));
  }
  const sources: BadgeSource[] = [healthz('encryption.mode', raw)];
  const notes: string[] = enc.msg ? [`Agent message: ${enc.msg}`] : [];
  if (mode === 'disabled') {
    return makeBadge('encryption', LABEL, { value: 'Off', state: 'info', sources, notes });
  }
  const details: BadgeDetail[] = [];
  if (mode === 'wireguard') {
    const wg = enc.wireguard;
    if (wg?.['node-encryption']) {
      details.push({ label: 'Node-to-node traffic', value: wg['node-encryption'] });
      sources.push(healthz('encryption.wireguard.node-encryption', wg['node-encryption']));
    }
    for (const iface of wg?.interfaces ?? []) {
      const port = iface['listen-port'] == null ? '' : `port ${iface['listen-port']}, `;
      details.push({ label: iface.name ?? 'interface', value: `${port}${iface['peer-count'] ?? 0} peers` });
    }
    return makeBadge('encryption', LABEL, { value: 'WireGuard', state: 'ok', sources, details, notes });
  }
  if (mode === 'ipsec') {
    const ipsec = enc.ipsec;
    if (ipsec?.['keys-in-use'] != null) details.push({ label: 'Keys in use', value: String(ipsec['keys-in-use']) });
    const decrypt = ipsec?.['decrypt-interfaces'] ?? [];
    if (decrypt.length > 0) details.push({ label: 'Decrypt interfaces', value: decrypt.join(', ') });
    if (ipsec?.['error-count']) {
      sources.push(healthz('encryption.ipsec.error-count', ipsec['error-count']));
      notes.push(`The IPsec agent reports ${ipsec['error-count']} errors (see cilium-dbg encrypt status).`);
    }
    return makeBadge('encryption', LABEL, { value: 'IPsec', state: 'ok', sources, details, notes });
  }
  if (mode === 'ztunnel') {
    return makeBadge('encryption', LABEL, { value: 'Ztunnel', state: 'ok', sources, notes });
  }
  return unrecognisedBadge('encryption', LABEL, raw ?? '', sources[0]!);
}

import { z } from 'zod';

export const DEFAULT_CILIUM_SOCKET = '/var/run/cilium/cilium.sock';

/** Validated server configuration; every field can come from a flag or an environment variable. */
export const ConfigSchema = z.object({
  hubbleServer: z
    .string()
    .regex(/^[^\s/]+:\d{1,5}$|^(dns|unix|ipv4|ipv6):.+$/, 'expected host:port, e.g. localhost:4245 or hubble-relay.kube-system.svc:80')
    .optional(),
  /** One socket path, or several separated by commas (one agent per node). */
  ciliumSocket: z.string().min(1).optional(),
  /** One http(s) URL, or several separated by commas. */
  ciliumApi: z
    .string()
    .refine((v) => v.split(',').every((u) => /^https?:\/\/[^\s]+$/.test(u.trim())), 'expected http(s) URLs separated by commas, e.g. http://127.0.0.1:9234')
    .optional(),
  port: z.coerce.number().int().min(0).max(65_535),
  host: z.string().min(1),
  ringSize: z.coerce.number().int().min(100).max(1_000_000),
  demoRate: z.coerce.number().min(0).max(200_000),
  demoSeed: z.coerce.number().int(),
  demoProfile: z.string().min(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  webDir: z.string().optional(),
  /** Path prefix when served behind an Ingress, e.g. /starmap; '' for none. */
  basePath: z
    .string()
    .regex(/^(\/[A-Za-z0-9._~-]+)*\/?$/, 'expected a path such as /starmap')
    .transform((p) => p.replace(/\/+$/, '')),
  hubbleTls: z.preprocess((v) => (typeof v === 'string' ? ['1', 'true', 'yes', 'on'].includes(v.toLowerCase()) : v), z.boolean()),
  hubbleTlsCa: z.string().min(1).optional(),
  hubbleTlsCert: z.string().min(1).optional(),
  hubbleTlsKey: z.string().min(1).optional(),
  hubbleTlsServerName: z.string().min(1).optional(),
  tlsCert: z.string().min(1).optional(),
  tlsKey: z.string().min(1).optional(),
  authTokenFile: z.string().min(1).optional(),
  /** A recording to replay through the embedded simulator instead of the demo scenario. */
  replay: z.string().min(1).optional(),
  replaySpeed: z.coerce.number().min(0.5).max(20),
  replayLoop: z.preprocess((v) => (typeof v === 'string' ? !['0', 'false', 'no', 'off'].includes(v.toLowerCase()) : v), z.boolean()),
  basicAuthFile: z.string().min(1).optional(),
})
  .refine((c) => !(c.replay && (c.hubbleServer || c.ciliumSocket || c.ciliumApi)), {
    path: ['replay'],
    message: '--replay serves a recording instead of a cluster: drop --hubble-server/--cilium-*',
  })
  .refine((c) => Boolean(c.tlsCert) === Boolean(c.tlsKey), { path: ['tlsKey'], message: '--tls-cert and --tls-key go together' })
  .refine((c) => !(c.hubbleTls || c.hubbleTlsCa || c.hubbleTlsCert || c.hubbleTlsServerName) || Boolean(c.hubbleServer), {
    path: ['hubbleTls'],
    message: 'relay TLS options need --hubble-server (the demo cluster speaks plaintext)',
  })
  .refine((c) => Boolean(c.hubbleTlsCert) === Boolean(c.hubbleTlsKey), {
    path: ['hubbleTlsKey'],
    message: '--hubble-tls-cert and --hubble-tls-key go together (mTLS needs both)',
  });

export type Config = z.infer<typeof ConfigSchema>;

export const CONFIG_DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  ringSize: 20_000,
  demoRate: 40,
  demoSeed: 1,
  demoProfile: 'native-kpr-dsr',
  logLevel: 'info',
  basePath: '',
  hubbleTls: false,
  replaySpeed: 1,
  replayLoop: true,
} as const;

/** Relay TLS is on when asked for, or implied by any of its files or server name. */
export function relayTlsEnabled(config: Pick<Config, 'hubbleTls' | 'hubbleTlsCa' | 'hubbleTlsCert' | 'hubbleTlsServerName'>): boolean {
  return config.hubbleTls || Boolean(config.hubbleTlsCa || config.hubbleTlsCert || config.hubbleTlsServerName);
}

/** The demo cluster is used when neither a relay nor an agent is configured. */
export function isDemo(config: Config): boolean {
  return !config.hubbleServer && !config.ciliumSocket && !config.ciliumApi;
}

export function parseConfig(input: Record<string, unknown>): Config {
  const result = ConfigSchema.safeParse({ ...CONFIG_DEFAULTS, ...stripUndefined(input) });
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  --${kebab(String(i.path[0] ?? ''))}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));
}

function kebab(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

#!/usr/bin/env node
import { Command, Option } from 'commander';
import { CONFIG_DEFAULTS, DEFAULT_CILIUM_SOCKET, isDemo, parseConfig } from './config.js';
import { startStarmap } from './runtime.js';
import { STARMAP_VERSION } from './version.js';

const program = new Command('starmap')
  .description('A live dashboard for Cilium/Hubble clusters')
  .version(STARMAP_VERSION);

program
  .command('start', { isDefault: true })
  .description('serve the dashboard (the embedded demo cluster unless a relay or agent is given)')
  .addOption(new Option('--hubble-server <host:port>', 'hubble-relay address, e.g. localhost:4245').env('HUBBLE_SERVER'))
  .addOption(new Option('--cilium-socket <path>', `Cilium agent API unix socket (default ${DEFAULT_CILIUM_SOCKET} with --hubble-server)`).env('CILIUM_SOCKET'))
  .addOption(new Option('--cilium-api <url>', 'Cilium agent API over HTTP instead of the socket').env('CILIUM_API'))
  .addOption(new Option('--port <n>', 'HTTP port').env('PORT').default(String(CONFIG_DEFAULTS.port)))
  .addOption(new Option('--host <addr>', 'address to listen on').env('HOST').default(CONFIG_DEFAULTS.host))
  .addOption(new Option('--ring-size <n>', 'recent flows kept in memory').env('STARMAP_RING_SIZE').default(String(CONFIG_DEFAULTS.ringSize)))
  .addOption(new Option('--demo-rate <flows/s>', 'flow rate of the embedded demo cluster').env('STARMAP_DEMO_RATE').default(String(CONFIG_DEFAULTS.demoRate)))
  .addOption(new Option('--demo-seed <n>', 'seed of the embedded demo cluster').env('STARMAP_DEMO_SEED').default(String(CONFIG_DEFAULTS.demoSeed)))
  .addOption(new Option('--demo-profile <name>', 'datapath profile of the embedded demo cluster').env('STARMAP_DEMO_PROFILE').default(CONFIG_DEFAULTS.demoProfile))
  .addOption(new Option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent').env('LOG_LEVEL').default(CONFIG_DEFAULTS.logLevel))
  .addOption(new Option('--web-dir <path>', 'folder of the built web app').env('STARMAP_WEB_DIR'))
  .addOption(new Option('--base-path <path>', 'serve under this path prefix (behind an Ingress), e.g. /starmap').env('STARMAP_BASE_PATH'))
  // HUBBLE_TLS is read in parseConfig, so that HUBBLE_TLS=false means false.
  .addOption(new Option('--hubble-tls', 'connect to the relay over TLS (env HUBBLE_TLS=true|false)'))
  .addOption(new Option('--hubble-tls-ca <file>', 'CA certificate that signed the relay certificate').env('HUBBLE_TLS_CA'))
  .addOption(new Option('--hubble-tls-cert <file>', 'client certificate for mTLS to the relay').env('HUBBLE_TLS_CERT'))
  .addOption(new Option('--hubble-tls-key <file>', 'client key for mTLS to the relay').env('HUBBLE_TLS_KEY'))
  .addOption(new Option('--hubble-tls-server-name <name>', 'name expected in the relay certificate').env('HUBBLE_TLS_SERVER_NAME'))
  .addOption(new Option('--tls-cert <file>', 'serve the dashboard over HTTPS with this certificate').env('STARMAP_TLS_CERT'))
  .addOption(new Option('--tls-key <file>', 'key of --tls-cert').env('STARMAP_TLS_KEY'))
  .addOption(new Option('--auth-token-file <file>', 'require this bearer token (file from a Secret)').env('STARMAP_AUTH_TOKEN_FILE'))
  .addOption(new Option('--basic-auth-file <file>', 'require basic auth: user:password lines (file from a Secret)').env('STARMAP_BASIC_AUTH_FILE'))
  .action(async (opts: Record<string, unknown>) => {
    let config;
    try {
      config = parseConfig({ ...opts, hubbleTls: opts.hubbleTls ?? process.env.HUBBLE_TLS });
    } catch (err) {
      console.error(`starmap: ${(err as Error).message}`);
      process.exit(2);
    }
    let starmap;
    try {
      starmap = await startStarmap(config, { logger: { level: config.logLevel } });
    } catch (err) {
      console.error(`starmap: cannot start: ${(err as Error).message}`);
      process.exit(1);
    }
    const where = isDemo(config) ? 'the embedded demo cluster' : `hubble-relay at ${config.hubbleServer ?? 'localhost:4245'}`;
    starmap.app.log.info(`Starmap ${STARMAP_VERSION} on ${starmap.url}, showing ${where}`);
    const shutdown = (signal: string) => {
      starmap.app.log.info(`${signal}: shutting down`);
      starmap.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`starmap: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

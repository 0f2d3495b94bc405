#!/usr/bin/env node
import { Command, Option } from 'commander';
import { CONFIG_DEFAULTS, DEFAULT_CILIUM_SOCKET, isDemo, parseConfig } from './config.js';
import { startStarmap } from './runtime.js';
import { STARMAP_VERSION } from './version.js';

/** A switch that also takes true/false, so that an environment variable set to "false" means false. */
function booleanOption(flags: string, description: string): Option {
  return new Option(flags, description).argParser((value: string) => !['0', 'false', 'no', 'off'].includes(value.trim().toLowerCase()));
}

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
  .addOption(booleanOption('--hubble-tls [enabled]', 'connect to the relay over TLS').env('HUBBLE_TLS'))
  .addOption(new Option('--hubble-tls-ca <file>', 'CA certificate that signed the relay certificate').env('HUBBLE_TLS_CA'))
  .addOption(new Option('--hubble-tls-cert <file>', 'client certificate for mTLS to the relay').env('HUBBLE_TLS_CERT'))
  .addOption(new Option('--hubble-tls-key <file>', 'client key for mTLS to the relay').env('HUBBLE_TLS_KEY'))
  .addOption(new Option('--hubble-tls-server-name <name>', 'name expected in the relay certificate').env('HUBBLE_TLS_SERVER_NAME'))
  .addOption(new Option('--tls-cert <file>', 'serve the dashboard over HTTPS with this certificate').env('STARMAP_TLS_CERT'))
  .addOption(new Option('--tls-key <file>', 'key of --tls-cert').env('STARMAP_TLS_KEY'))
  .addOption(new Option('--replay <file>', 'replay a recording (or `hubble observe -o jsonpb` output) instead of a cluster').env('STARMAP_REPLAY'))
  .addOption(new Option('--replay-speed <x>', 'replay speed, 0.5–20').env('STARMAP_REPLAY_SPEED').default('1'))
  .addOption(booleanOption('--replay-loop [enabled]', 'loop the recording (false: stop at its end)').env('STARMAP_REPLAY_LOOP').default(true))
  .addOption(new Option('--auth-token-file <file>', 'require this bearer token (file from a Secret)').env('STARMAP_AUTH_TOKEN_FILE'))
  .addOption(new Option('--basic-auth-file <file>', 'require basic auth: user:password lines (file from a Secret)').env('STARMAP_BASIC_AUTH_FILE'))
  .action(async (opts: Record<string, unknown>) => {
    let config;
    try {
      config = parseConfig(opts);
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
    const where = config.replay
      ? `the recording ${config.replay}`
      : isDemo(config)
        ? 'the embedded demo cluster'
        : `hubble-relay at ${config.hubbleServer ?? 'localhost:4245'}`;
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

program
  .command('record')
  .description('record flows and agent snapshots to a file that `starmap start --replay` (or jq) reads')
  .requiredOption('--out <file>', 'where to write; .gz compresses')
  .addOption(new Option('--hubble-server <host:port>', 'hubble-relay address').env('HUBBLE_SERVER').default('localhost:4245'))
  .addOption(new Option('--cilium-socket <path>', 'Cilium agent API socket(s), comma-separated').env('CILIUM_SOCKET'))
  .addOption(new Option('--cilium-api <url>', 'Cilium agent API URL(s), comma-separated').env('CILIUM_API'))
  .addOption(booleanOption('--hubble-tls [enabled]', 'connect to the relay over TLS').env('HUBBLE_TLS'))
  .addOption(new Option('--hubble-tls-ca <file>').env('HUBBLE_TLS_CA'))
  .addOption(new Option('--hubble-tls-cert <file>').env('HUBBLE_TLS_CERT'))
  .addOption(new Option('--hubble-tls-key <file>').env('HUBBLE_TLS_KEY'))
  .addOption(new Option('--hubble-tls-server-name <name>').env('HUBBLE_TLS_SERVER_NAME'))
  .option('--duration <d>', 'stop after this long, e.g. 30s, 5m, 1h (default: until Ctrl-C)')
  .option('--filter <flags>', 'hubble observe filter flags, e.g. "--namespace shop --verdict DROPPED"')
  .option('--overwrite', 'replace an existing file')
  .argument('[filter...]', 'hubble observe filter flags after --, e.g. -- --namespace shop')
  .action(async (words: string[], opts: Record<string, string | boolean | undefined>) => {
    const { runRecord } = await import('./recording/record-command.js');
    process.exitCode = await runRecord(opts, words);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`starmap: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

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
  .action(async (opts: Record<string, unknown>) => {
    let config;
    try {
      config = parseConfig(opts);
    } catch (err) {
      console.error(`starmap: ${(err as Error).message}`);
      process.exit(2);
    }
    const starmap = await startStarmap(config, { logger: { level: config.logLevel } });
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

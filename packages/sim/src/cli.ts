#!/usr/bin/env node
/**
 * starmap-sim: runs the demo cluster on its own (e.g. in docker-compose) until interrupted.
 *   starmap-sim --grpc-port 4245 --agent-socket /var/run/cilium/cilium.sock --agent-port 9234 \
 *               --rate 50 --seed 1 --profile native-kpr-dsr --host 127.0.0.1
 */
import { parseArgs } from 'node:util';
import { profileNames } from './profiles.js';
import { startSimulator, type SimulatorOptions } from './simulator.js';

const USAGE = `usage: starmap-sim [options]
  --grpc-port N       Hubble relay gRPC port (default 4245; 0 = any free port)
  --agent-socket PATH Cilium agent API on a unix socket (default: none)
  --agent-port N      Cilium agent API on TCP (default: none unless no socket is given, then any free port)
  --rate N            flows per second (default 50)
  --seed N            scenario seed (default 1)
  --profile NAME      datapath profile: ${profileNames().join(', ')} (default native-kpr-dsr)
  --host ADDR         address to bind (default 127.0.0.1)
  --ring-capacity N   flows kept per node (default 4095)
  --cluster-name NAME Cilium cluster name (default kind-kind)
  --help              show this help`;

class UsageError extends Error {}

function integer(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function parse(argv: string[]): SimulatorOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'grpc-port': { type: 'string' },
        'agent-socket': { type: 'string' },
        'agent-port': { type: 'string' },
        rate: { type: 'string' },
        seed: { type: 'string' },
        profile: { type: 'string' },
        host: { type: 'string' },
        'ring-capacity': { type: 'string' },
        'cluster-name': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return 'help';
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  if (rate !== undefined && (!Number.isFinite(rate) || rate < 0)) throw new UsageError(`--rate must be a non-negative number, got "${values.rate}"`);
  if (values.profile !== undefined && !profileNames().includes(values.profile)) {
    throw new UsageError(`unknown --profile "${values.profile}"; choose one of ${profileNames().join(', ')}`);
  }
  const socket = values['agent-socket'];
  const agentPort = integer('agent-port', values['agent-port'], 0, 65535);
  const ringCapacity = integer('ring-capacity', values['ring-capacity'], 1, 10_000_000);
  const seed = integer('seed', values.seed, 0, 2 ** 31 - 1);
  return {
    grpcPort: integer('grpc-port', values['grpc-port'], 0, 65535) ?? 4245,
    agentSocketPath: socket ?? null,
    agentHttpPort: agentPort ?? (socket ? null : 0),
    ...(rate !== undefined ? { flowsPerSecond: rate } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(values.profile !== undefined ? { profile: values.profile } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(ringCapacity !== undefined ? { ringCapacity } : {}),
    ...(values['cluster-name'] !== undefined ? { clusterName: values['cluster-name'] } : {}),
  };
}

async function main(): Promise<void> {
  let opts: SimulatorOptions | 'help';
  try {
    opts = parse(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`starmap-sim: ${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (opts === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const sim = await startSimulator(opts);
  process.stdout.write(
    [
      `starmap-sim: cluster "${sim.scenario.clusterName}", ${sim.scenario.nodes.length} nodes, profile ${sim.profile.name}`,
      `  hubble relay (gRPC): ${sim.relayAddress}`,
      ...(sim.agentSocketPath ? [`  cilium agent API:    unix://${sim.agentSocketPath}`] : []),
      ...(sim.agentHttpUrl ? [`  cilium agent API:    ${sim.agentHttpUrl}/v1`] : []),
    ].join('\n') + '\n',
  );
  const shutdown = (signal: string) => {
    process.stdout.write(`starmap-sim: ${signal}, shutting down\n`);
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`starmap-sim: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

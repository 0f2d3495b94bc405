import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { StatusResponse } from '@starmap/core';
import { parseConfig } from '../src/config.js';
import { startStarmap, type Starmap } from '../src/runtime.js';
import { until } from './helpers.js';

const SIM_CLI = fileURLToPath(new URL('../../../packages/sim/dist/cli.js', import.meta.url));

// A relay whose process freezes (SIGSTOP): the TCP connection stays open and silent. gRPC
// keepalive must find it dead within 30 s, and the stream must resume after SIGCONT.
describe('a relay that stalls', () => {
  let starmap: Starmap | undefined;
  const sim = { pid: 0 };
  afterAll(async () => {
    if (sim.pid) {
      try {
        process.kill(sim.pid, 'SIGCONT');
        process.kill(sim.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await starmap?.close();
  });

  it('is detected as dead within 30 s, keeps what it had, and resumes after it wakes up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'starmap-stall-'));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(process.execPath, [SIM_CLI, '--grpc-port', String(port), '--agent-socket', join(dir, 'cilium.sock'), '--rate', '100'], { stdio: 'ignore' });
    sim.pid = child.pid!;
    starmap = await startStarmap(parseConfig({ port: 0, webDir: '', hubbleServer: `127.0.0.1:${port}`, ciliumSocket: join(dir, 'cilium.sock') }), {
      backoff: { initialMs: 200, maxMs: 1_000, jitter: 0.2 },
    });
    const s = starmap;
    const status = async () => (await (await fetch(`${s.url}/api/status`)).json()) as StatusResponse;
    await until('flows from the relay', async () => (await status()).relay.flowsReceived > 50, 15_000);

    process.kill(sim.pid, 'SIGSTOP');
    const frozenAt = Date.now();
    const kept = s.services.relay.ring.size;
    const down = await until('the stall to be detected', async () => {
      const st = await status();
      return st.relay.phase === 'reconnecting' && st;
    }, 40_000);
    const detectedAfter = Date.now() - frozenAt;
    expect(detectedAfter).toBeLessThan(30_000);
    expect(down.relay.lastError).toMatch(/UNAVAILABLE|keepalive|connection|unreachable/i);
    expect(s.services.relay.ring.size).toBeGreaterThanOrEqual(kept);
    console.log(`stall detected after ${(detectedAfter / 1000).toFixed(1)} s: ${down.relay.lastError}`);

    process.kill(sim.pid, 'SIGCONT');
    const before = (await status()).relay.flowsReceived;
    await until('flows again', async () => {
      const st = await status();
      return st.relay.phase === 'connected' && st.relay.flowsReceived > before + 20;
    }, 30_000);
  }, 90_000);
});

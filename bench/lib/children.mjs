// Child processes of a benchmark (stand-in relay, Starmap server): forked with IPC, asked for
// their counters, and always killed when the benchmark process ends, whatever happens.
import { fork } from 'node:child_process';

const live = new Set();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Forks `script` and waits for its first IPC message (its "ready" report). */
export async function startChild(script, args = [], { execArgv = [], readyTimeoutMs = 30_000 } = {}) {
  const child = fork(script, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
  live.add(child);
  child.once('exit', () => live.delete(child));
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within ${readyTimeoutMs} ms`)), readyTimeoutMs);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with code ${code} before it was ready`));
    });
  });
  return {
    child,
    ready,
    /** Sends {type} and resolves with the child's answer of the same type. */
    ask(type, extra = {}) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${script} did not answer '${type}'`)), 10_000);
        const onMessage = (m) => {
          if (m?.type !== type) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(m);
        };
        child.on('message', onMessage);
        child.send({ type, ...extra });
      });
    },
    send(message) {
      child.send(message);
    },
    /** Asks the child to stop (so a CPU profile gets written), then kills it after a grace period. */
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (child.connected) child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The stand-in relay: `rate` 0 = as fast as the client reads. */
export async function startBlastServer({ rate = 0, stamp = false } = {}) {
  const handle = await startChild(new URL('./blast-server.mjs', import.meta.url), ['0', String(rate), ...(stamp ? ['--stamp'] : [])]);
  return { ...handle, address: `127.0.0.1:${handle.ready.port}` };
}

/** The real Starmap server in its own process, reading from `hubbleServer`. */
export async function startServerChild(hubbleServer, { profileDir = null, execArgv = [] } = {}) {
  if (profileDir) execArgv = [...execArgv, '--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  const handle = await startChild(new URL('./starmap-child.mjs', import.meta.url), [hubbleServer], { execArgv });
  return { ...handle, url: handle.ready.url };
}

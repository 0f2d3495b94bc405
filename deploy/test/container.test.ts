// Docker is not available where these tests run, so the Dockerfile and docker-compose.yml are
// checked against the repository they build from: every file they name exists, the build
// produces what the runtime stage starts, and what they set is what the server reads.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEPLOY, REPO, containerOf, get, loadManifest, readText, repoPath, serverFlags, workloadOf, type JsonObject } from './support.js';

interface Instruction {
  op: string;
  args: string;
}

/** Dockerfile instructions, with continuation lines joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const joined = text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op!.toUpperCase(), args: rest.join(' ') };
    });
}

/** Stages by their FROM; instructions before the first FROM (ARG) are dropped. */
function stages(list: Instruction[]): Array<{ from: string; name: string | null; steps: Instruction[] }> {
  const out: Array<{ from: string; name: string | null; steps: Instruction[] }> = [];
  for (const i of list) {
    if (i.op === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(i.args);
      out.push({ from: m![1]!, name: m![2] ?? null, steps: [] });
    } else out.at(-1)?.steps.push(i);
  }
  return out;
}

function copyArgs(args: string): { from: string | null; sources: string[]; dest: string } {
  const words = args.split(/\s+/);
  const flags = words.filter((w) => w.startsWith('--'));
  const paths = words.filter((w) => !w.startsWith('--'));
  const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length) ?? null;
  return { from, sources: paths.slice(0, -1), dest: paths.at(-1)! };
}

/** ENV instructions in both forms (`ENV A=1 B=2` and `ENV A 1`). */
function envOf(steps: Instruction[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const s of steps.filter((s) => s.op === 'ENV')) {
    if (s.args.includes('=')) for (const m of s.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=(\S+)/g)) env.set(m[1]!, m[2]!);
    else {
      const [k, ...v] = s.args.split(/\s+/);
      env.set(k!, v.join(' '));
    }
  }
  return env;
}

const dockerfile = readText(repoPath('Dockerfile'));
const [build, runtime] = stages(instructions(dockerfile));
const pkg = (dir: string) => JSON.parse(readText(repoPath(dir, 'package.json'))) as Record<string, unknown> & { name: string };

/** Workspace packages from pnpm-lock.yaml's importers (what --frozen-lockfile checks against). */
function lockImporters(): string[] {
  const lock = parse(readText(repoPath('pnpm-lock.yaml'))) as { importers: Record<string, unknown> };
  return Object.keys(lock.importers).filter((k) => k !== '.');
}

/** Where a runtime-stage path comes from in the build stage, through COPY --from=<build>. */
function buildPathOf(runtimePath: string): string | null {
  for (const step of runtime!.steps.filter((s) => s.op === 'COPY')) {
    const { from, sources, dest } = copyArgs(step.args);
    if (from !== build!.name || sources.length !== 1) continue;
    if (runtimePath === dest || runtimePath.startsWith(`${dest}/`)) return sources[0]! + runtimePath.slice(dest.length);
  }
  return null;
}

describe('Dockerfile', () => {
  it('has a named build stage and a runtime stage', () => {
    expect(build?.name).toBe('build');
    expect(runtime).toBeDefined();
  });

  it('copies only sources that exist in the repository', () => {
    for (const stage of [build!, runtime!]) {
      for (const step of stage.steps.filter((s) => s.op === 'COPY')) {
        const { from, sources } = copyArgs(step.args);
        if (from !== null) continue;
        for (const source of sources) expect(existsSync(repoPath(source)), source).toBe(true);
      }
    }
  });

  it('copies every workspace manifest before the frozen install, or the lockfile check fails', () => {
    const steps = build!.steps;
    const install = steps.findIndex((s) => s.op === 'RUN' && s.args.includes('pnpm install --frozen-lockfile'));
    expect(install).toBeGreaterThan(0);
    const copied = steps
      .slice(0, install)
      .filter((s) => s.op === 'COPY')
      .flatMap((s) => copyArgs(s.args).sources);
    for (const file of ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml']) expect(copied).toContain(file);
    for (const dir of lockImporters()) expect(copied, `${dir}/package.json`).toContain(`${dir}/package.json`);
  });

  it('copies every workspace package and the protos into the build after the install', () => {
    const copied = build!.steps.filter((s) => s.op === 'COPY').flatMap((s) => copyArgs(s.args).sources);
    for (const dir of lockImporters()) expect(copied.some((c) => dir === c || dir.startsWith(`${c}/`)), dir).toBe(true);
    expect(copied).toContain('proto');
  });

  it('installs the pnpm version the repository pins', () => {
    const pinned = (pkg('.').packageManager as string).replace(/^pnpm@/, '');
    expect(build!.steps.some((s) => s.op === 'RUN' && s.args.includes(`pnpm@${pinned}`))).toBe(true);
  });

  it('runs on a Node.js the repository supports', () => {
    const engines = (pkg('.').engines as { node: string }).node;
    const minMajor = Number(/>=\s*(\d+)/.exec(engines)![1]);
    for (const stage of [build!, runtime!]) {
      const major = Number(/^node:(\d+)/.exec(stage.from)?.[1]);
      expect(major, stage.from).toBeGreaterThanOrEqual(minMajor);
    }
  });

  it('starts the server entry point the build produces (apps/server/dist/cli.js)', () => {
    const entry = runtime!.steps.find((s) => s.op === 'ENTRYPOINT');
    const argv = JSON.parse(entry!.args) as string[];
    expect(argv[0]).toBe('node');
    const script = argv[1]!;
    // /app/server/dist/cli.js comes from /out/server/dist/cli.js in the build stage …
    const inBuild = buildPathOf(script);
    expect(inBuild).not.toBeNull();
    // … which `pnpm --filter <server> deploy … /out/server` fills from apps/server.
    const deploy = build!.steps.find((s) => s.op === 'RUN' && / deploy /.test(s.args))!;
    const m = /pnpm --filter (\S+) deploy .*?(\/\S+)/.exec(deploy.args)!;
    expect(m[1]).toBe(pkg('apps/server').name);
    const outDir = m[2]!;
    expect(inBuild!.startsWith(`${outDir}/`)).toBe(true);
    const inPackage = inBuild!.slice(outDir.length + 1);
    expect(inPackage).toBe('dist/cli.js');
    // dist/cli.js is tsc's output for src/cli.ts, and `files` ships dist.
    const tsconfig = JSON.parse(readText(repoPath('apps/server/tsconfig.json'))) as { compilerOptions: { outDir: string; rootDir: string } };
    expect(tsconfig.compilerOptions.outDir).toBe('dist');
    expect(existsSync(repoPath('apps/server', tsconfig.compilerOptions.rootDir, 'cli.ts'))).toBe(true);
    expect(pkg('apps/server').files).toContain('dist');
    expect((pkg('apps/server').bin as Record<string, string>).starmap).toBe('./dist/cli.js');
    expect(JSON.parse(runtime!.steps.find((s) => s.op === 'CMD')!.args)).toEqual(['start']);
  });

  it('ships every workspace package the server needs with the files it reads at run time', () => {
    // pnpm deploy copies workspace dependencies by their `files` field.
    const seen = new Set<string>();
    const visit = (dir: string) => {
      const p = pkg(dir);
      for (const dep of Object.keys((p.dependencies ?? {}) as Record<string, string>).filter((d) => d.startsWith('@starmap/'))) {
        const depDir = lockImporters().find((d) => pkg(d).name === dep)!;
        if (seen.has(depDir)) continue;
        seen.add(depDir);
        const files = pkg(depDir).files as string[] | undefined;
        expect(files, `${dep} has no files field`).toContain('dist');
        // Files next to dist/ that the code opens at run time, e.g. @starmap/proto's gen/.
        for (const sibling of siblingsReadAtRunTime(depDir)) expect(files, `${dep} reads ${sibling}/ at run time`).toContain(sibling);
        visit(depDir);
      }
    };
    visit('apps/server');
    expect(seen.size).toBeGreaterThan(0);
  });

  it('finds the run-time reads it checks: gen/ of @starmap/proto', () => {
    // Guards the check above against finding nothing: the proto package opens ../gen/ files.
    expect(siblingsReadAtRunTime('packages/proto')).toEqual(['gen']);
  });

  it('serves the web app from the folder the build copies it to', () => {
    const webDir = envOf(runtime!.steps).get('STARMAP_WEB_DIR')!;
    const inBuild = buildPathOf(webDir);
    expect(inBuild).not.toBeNull();
    const copiesWeb = build!.steps.some((s) => s.op === 'RUN' && s.args.includes(`cp -r apps/web/dist ${inBuild}`));
    expect(copiesWeb).toBe(true);
    expect(readText(repoPath('apps/web/vite.config.ts'))).toMatch(/outDir: 'dist'/);
    // The same folder the server finds by default (../../web/dist from its dist/), so the
    // image works even without STARMAP_WEB_DIR.
    expect(readText(repoPath('apps/server/src/app.ts'))).toContain("new URL('../../web/dist/', import.meta.url)");
    expect(path.posix.resolve(path.posix.dirname(buildPathOf('/app/server/dist/app.js')!), '../../web/dist')).toBe(inBuild);
  });

  it('sets only environment the server (or Node) reads, and listens on all addresses', () => {
    const flags = serverFlags();
    const env = envOf(runtime!.steps);
    expect([...env.keys()].filter((k) => k !== 'NODE_ENV' && !flags.has(k))).toEqual([]);
    expect(env.get('HOST')).toBe('0.0.0.0');
    const exposed = runtime!.steps.find((s) => s.op === 'EXPOSE')!.args;
    expect(exposed).toBe(env.get('PORT'));
  });

  it('runs as a numeric non-root user, the one the chart runs as', () => {
    const user = runtime!.steps.filter((s) => s.op === 'USER').at(-1)!.args;
    const m = /^(\d+)(?::(\d+))?$/.exec(user);
    expect(m, `USER ${user} must be numeric for runAsNonRoot`).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(0);
    const container = containerOf(workloadOf(loadManifest(path.join(DEPLOY, 'starmap.yaml'))));
    expect(get(container, 'securityContext.runAsUser')).toBe(Number(m![1]));
    if (m![2]) expect(get(container, 'securityContext.runAsGroup')).toBe(Number(m![2]));
  });

  it('keeps host build output out of the build context', () => {
    const ignored = readText(repoPath('.dockerignore'))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const pattern of ['**/node_modules', '**/dist', 'packages/proto/gen']) expect(ignored).toContain(pattern);
    // Nothing the Dockerfile copies may be ignored.
    const copied = build!.steps.filter((s) => s.op === 'COPY' && copyArgs(s.args).from === null).flatMap((s) => copyArgs(s.args).sources);
    for (const source of copied) expect(ignored, source).not.toContain(source);
  });
});

/** Folders beside dist/ that a package's source opens relative to its own module. */
function siblingsReadAtRunTime(dir: string): string[] {
  const found = new Set<string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ts$/.test(entry) && !/\.test\.ts$/.test(entry)) {
        const text = readText(full);
        for (const m of text.matchAll(/(?:new URL\(|from )'((?:\.\.\/)+)([a-z]+)\//g)) {
          // Resolve against the module's place under dist/ (same depth as under src/).
          const asBuilt = path.join(REPO, dir, 'dist', path.relative(path.join(REPO, dir, 'src'), d));
          const rel = path.relative(path.join(REPO, dir), path.resolve(asBuilt, m[1]!, m[2]!));
          if (!rel.startsWith('..') && !rel.startsWith('dist') && !rel.startsWith('src')) found.add(rel.split(path.sep)[0]!);
        }
      }
    }
  };
  walk(repoPath(dir, 'src'));
  return [...found];
}

describe('docker-compose.yml', () => {
  // Compose resolves YAML merge keys (<<: *anchor).
  const compose = parse(readText(repoPath('docker-compose.yml')), { merge: true }) as { services: Record<string, JsonObject> };
  const services = Object.entries(compose.services);
  const flags = serverFlags();

  it('has a default service and a `cluster` profile', () => {
    expect(services.filter(([, s]) => s.profiles === undefined).map(([n]) => n)).toEqual(['starmap']);
    expect(services.filter(([, s]) => (s.profiles as string[] | undefined)?.includes('cluster')).length).toBe(1);
  });

  it.each(services)('%s builds from a context and Dockerfile that exist', (_name, service) => {
    const build = service.build;
    const context = typeof build === 'string' ? build : ((build as JsonObject).context as string);
    const file = typeof build === 'string' ? 'Dockerfile' : (((build as JsonObject).dockerfile as string | undefined) ?? 'Dockerfile');
    expect(existsSync(path.join(REPO, context, file))).toBe(true);
  });

  it.each(services)('%s sets only environment the server reads', (_name, service) => {
    const env = Object.keys((service.environment ?? {}) as JsonObject);
    expect(env.filter((e) => !flags.has(e))).toEqual([]);
  });

  it.each(services)('%s runs read-only with a writable /tmp, publishing the port the image listens on', (_name, service) => {
    expect(service.read_only).toBe(true);
    expect(service.tmpfs).toContain('/tmp');
    expect(service.cap_drop).toEqual(['ALL']);
    const port = envOf(runtime!.steps).get('PORT');
    for (const mapping of service.ports as string[]) {
      expect(mapping.startsWith('127.0.0.1:'), `${mapping} must stay on loopback`).toBe(true);
      expect(mapping.split(':').at(-1)).toBe(port);
    }
  });

  it.each(services)('%s checks health on the route the server serves', (_name, service) => {
    const test = get(service, 'healthcheck.test') as string[];
    const url = /fetch\('([^']+)'\)/.exec(test.join(' '))![1]!;
    expect(new URL(url).pathname).toBe('/healthz');
    expect(new URL(url).port).toBe(envOf(runtime!.steps).get('PORT'));
    expect(readText(repoPath('apps/server/src/routes/health.ts'))).toContain("app.get('/healthz'");
  });

  it('points the cluster profile at a relay on the host, reachable through host-gateway', () => {
    const [, cluster] = services.find(([, s]) => (s.profiles as string[] | undefined)?.includes('cluster'))!;
    const relay = get(cluster, 'environment.HUBBLE_SERVER') as string;
    const host = relay.split(':')[0]!;
    expect(cluster.extra_hosts).toContain(`${host}:host-gateway`);
    expect(relay).toMatch(/^[^\s/]+:\d{1,5}$/);
  });
});

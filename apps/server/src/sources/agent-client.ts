import http from 'node:http';

/**
 * GET requests to the Cilium agent's REST API, over its unix socket or over HTTP. A request that
 * does not answer within the timeout fails, so a hanging agent never hangs the dashboard.
 */
export type AgentEndpoint = { kind: 'unix'; socketPath: string } | { kind: 'http'; baseUrl: string };

export class AgentRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'AgentRequestError';
  }
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;

export function describeEndpoint(endpoint: AgentEndpoint): string {
  return endpoint.kind === 'unix' ? `unix:${endpoint.socketPath}` : endpoint.baseUrl;
}

export function agentGetJson(endpoint: AgentEndpoint, path: string, timeoutMs: number): Promise<unknown> {
  const fullPath = `/v1${path}`;
  const options: http.RequestOptions =
    endpoint.kind === 'unix'
      ? { socketPath: endpoint.socketPath, path: fullPath, host: 'localhost' }
      : (() => {
          const url = new URL(fullPath.replace(/^\//, ''), endpoint.baseUrl.endsWith('/') ? endpoint.baseUrl : `${endpoint.baseUrl}/`);
          return { hostname: url.hostname, port: url.port, path: url.pathname + url.search, protocol: url.protocol };
        })();
  return new Promise((resolve, reject) => {
    const req = http.request({ ...options, method: 'GET', headers: { accept: 'application/json' }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          req.destroy(new AgentRequestError(`GET ${fullPath}: response larger than ${MAX_BODY_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) {
          reject(new AgentRequestError(`GET ${fullPath}: HTTP ${res.statusCode} ${body.slice(0, 200).trim()}`, res.statusCode ?? null));
          return;
        }
        try {
          resolve(JSON.parse(body));
        } catch {
          reject(new AgentRequestError(`GET ${fullPath}: the agent answered invalid JSON (${body.slice(0, 80).trim() || 'empty body'})`, 200));
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new AgentRequestError(`GET ${fullPath}: no answer within ${timeoutMs} ms`)));
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err instanceof AgentRequestError) reject(err);
      else if (err.code === 'ENOENT') reject(new AgentRequestError(`agent socket ${describeEndpoint(endpoint)} does not exist (is Cilium running on this node?)`));
      else if (err.code === 'ECONNREFUSED') reject(new AgentRequestError(`agent at ${describeEndpoint(endpoint)} refused the connection`));
      else if (err.code === 'EACCES') reject(new AgentRequestError(`no permission to open the agent socket ${describeEndpoint(endpoint)}`));
      else reject(new AgentRequestError(`GET ${fullPath}: ${err.message}`));
    });
    req.end();
  });
}

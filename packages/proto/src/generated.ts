// Re-exports the code generated into ../gen by scripts/generate.mjs.
// The generated module sits outside src/ so that it is never edited by hand;
// dist/*.js reaches it through the same relative path.
import { grpc } from '../gen/hubble.js';

export { flow, observer, peer, relay, google, grpc } from '../gen/hubble.js';

// grpc.health.v1 under a name that does not clash with @grpc/grpc-js.
export import health = grpc.health.v1;

/**
 * The part of @starmap/core a browser can load: everything but the modules that need the
 * protobuf runtime (flow normalization from decoded messages, the recording codec). The web
 * app's bundler resolves '@starmap/core' here; types still come from the full entry.
 */
export * from './flows/types.js';
export * from './flows/workload.js';
export * from './flows/time.js';
export * from './api/types.js';
export * from './filters/index.js';
export * from './drops/index.js';
export * from './agent/index.js';
export * from './datapath/index.js';
export * from './services/index.js';
export * from './service-map/index.js';

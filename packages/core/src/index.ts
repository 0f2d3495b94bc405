export * from './flows/index.js';
export * from './api/types.js';
export * from './filters/index.js';
export * from './drops/index.js';
export * from './agent/index.js';
export * from './datapath/index.js';
export * from './services/index.js';
export * from './service-map/index.js';

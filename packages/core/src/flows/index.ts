export * from './types.js';
export * from './workload.js';
export * from './time.js';
export * from './normalize.js';

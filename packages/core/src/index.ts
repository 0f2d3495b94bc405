export * from './flows/index.js';
export * from './api/types.js';
export * from './filters/index.js';

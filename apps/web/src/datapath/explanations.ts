/**
 * The badge explanations through core's browser-safe subpath: the package entry also exports
 * the protobuf codec (node:fs, gRPC), which cannot be bundled for the browser.
 */
export { datapathExplanations } from '@starmap/core/datapath/explanations';

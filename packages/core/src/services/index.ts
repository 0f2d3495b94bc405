export { BackendTraffic, backendKey, type BackendTrafficCounts, type BackendTrafficOptions } from './backend-traffic.js';

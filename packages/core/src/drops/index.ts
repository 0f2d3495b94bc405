export { dropReasonInfo, dropReasonByName, allDropReasons, unknownDropReasonText } from './catalogue.js';
export { dropReasonCategories, isDropReasonCategory } from './categories.js';
export type { DropReasonInfo, DropReasonCategory } from './types.js';
export { DropStats, endpointLabel, OTHER_KEY, type DropCount, type DropReasonSummary, type DropsSummary, type DropStatsOptions } from './drop-stats.js';

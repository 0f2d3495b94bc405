export { dropReasonInfo, dropReasonByName, allDropReasons, unknownDropReasonText } from './catalogue.js';
export { dropReasonCategories, isDropReasonCategory } from './categories.js';
export type { DropReasonInfo, DropReasonCategory } from './types.js';

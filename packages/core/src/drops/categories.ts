import type { DropReasonCategory } from './types.js';

/** Human labels of the drop categories, in the order a UI should list them. */
export const dropReasonCategories: Readonly<Record<DropReasonCategory, string>> = {
  policy: 'Network policy',
  service: 'Service load-balancing',
  routing: 'Routing and addressing',
  encryption: 'Encryption',
  resources: 'Resources and readiness',
  malformed: 'Malformed or unsupported packets',
  other: 'Other',
};

export function isDropReasonCategory(value: string): value is DropReasonCategory {
  return Object.hasOwn(dropReasonCategories, value);
}

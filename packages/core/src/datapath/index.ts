export { deriveDatapathModes, findBadge } from './derive.js';
export { compareNodes } from './compare.js';
export { datapathExplanations } from './explanations.js';
export { parseAgentVersion } from './context.js';
export type { AgentVersion } from './context.js';
export { DATAPATH_BADGE_IDS } from './types.js';
export type {
  BadgeState,
  DatapathBadgeId,
  BadgeSource,
  BadgeDetail,
  DatapathBadge,
  DatapathModes,
  NodeDifference,
  DatapathExplanation,
} from './types.js';

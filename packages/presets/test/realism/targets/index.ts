/** Every realism target, by area; the realism test and `scripts/realism-doc.ts` read this list. */
import { ATTRIBUTION_TARGETS } from './attribution.js';
import { CAMPAIGNS_TARGETS } from './campaigns.js';
import { EVENTS_TARGETS } from './events.js';
import { IDENTITY_TARGETS } from './identity.js';
import { PEOPLE_TARGETS } from './people.js';
import { PLACES_TARGETS } from './places.js';
import { RESOLUTION_TARGETS } from './resolution.js';
import type { RealismTarget } from './types.js';

export type { RealismTarget } from './types.js';

export const REALISM_TARGETS: readonly RealismTarget[] = [
  ...PEOPLE_TARGETS,
  ...PLACES_TARGETS,
  ...EVENTS_TARGETS,
  ...IDENTITY_TARGETS,
  ...CAMPAIGNS_TARGETS,
  ...ATTRIBUTION_TARGETS,
  ...RESOLUTION_TARGETS,
];

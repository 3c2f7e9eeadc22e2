/**
 * The identity-link knobs of the demographics step (`demographics.identity_links`): how long a
 * home IP address lasts, how often identifiers are seen across households, and how many links of
 * the graph are wrong. Kept apart from `config-schema.ts` so each file stays one concept.
 */
import { z } from 'zod';
import { int, meta, num } from './config-fields.js';

/** Defaults of `demographics.identity_links` (sources in docs/tables/identity_mappings.md). */
const DEFAULTS = { home_ip_lifetime_days: 30, public_wifi_ip_share: 0.05, shared_work_device_share: 0.03, wrong_link_rate: 0.05 } as const;

/**
 * `demographics.identity_links`: home-IP reassignment, cross-household identifiers and wrong links.
 *
 * @example
 * ```ts
 * identityLinksField.parse({}).home_ip_lifetime_days; // 30
 * ```
 */
export const identityLinksField = meta(
  z
    .strictObject({
      home_ip_lifetime_days: int(
        1,
        365,
        DEFAULTS.home_ip_lifetime_days,
        'mean days a household keeps one home IP address before its ISP reassigns it (each household draws a lease of 0.5–1.5× this; DHCP lease studies: Padmanabhan et al., IMC 2016)',
      ),
      public_wifi_ip_share: num(0, 0.5, DEFAULTS.public_wifi_ip_share, 'share of ip_address mappings that are a public Wi-Fi hotspot (one per 20 households), seen by people of several households'),
      shared_work_device_share: num(0, 0.5, DEFAULTS.shared_work_device_share, 'share of device_id mappings that are a shared work device (one per 10 households), seen in several households'),
      wrong_link_rate: num(
        0,
        0.25,
        DEFAULTS.wrong_link_rate,
        'share of identity mappings that attach an identifier to the wrong person (a household member or a neighbour); the answer key is truth_identity_links',
      ),
    })
    .default({ ...DEFAULTS }),
  'identity links: home IP reassignment, identifiers seen across households, and the rate of wrong links (confidence_score is calibrated to it)',
  'home_ip_lifetime_days 1–365; shares 0–0.5; wrong_link_rate 0–0.25',
);

/** The resolved `demographics.identity_links`. */
export type IdentityLinksConfig = z.output<typeof identityLinksField>;

/** Realism targets of the identity area (see docs/realism.md). */
import type { RealismTarget } from './types.js';

const LINKED = 'identity_mappings m JOIN truth_identity_links l USING (mapping_id)';
const TRUE = 'CASE WHEN l.is_true_link THEN 1.0 ELSE 0.0 END';

export const IDENTITY_TARGETS: readonly RealismTarget[] = [
  {
    id: 'identity.household_shared_identifier',
    area: 'household identity',
    target: '≥ 80% of multi-adult households share a CTV or home IP among members',
    source: 'ACS 2021 1-year S2801 (≈ 90% of households have home internet)',
    sql: `WITH sizes AS (SELECT household_id FROM individuals GROUP BY 1 HAVING count(*) >= 2),
      shared AS (SELECT DISTINCT household_id FROM identity_mappings WHERE identifier_type IN ('ctv_id', 'ip_address')
                 GROUP BY household_id, identifier_type, identifier_value HAVING count(DISTINCT individual_id) >= 2)
      SELECT avg(CASE WHEN s.household_id IS NULL THEN 0.0 ELSE 1.0 END) AS value FROM sizes h LEFT JOIN shared s USING (household_id)`,
    min: 0.8,
    max: 1,
    format: 'percent',
  },
  {
    id: 'identity.people_on_two_ips',
    area: 'household identity',
    target: '≥ 50% of people seen on ≥ 2 IP addresses (home IPs reassigned, 30-day mean lease)',
    source: 'Padmanabhan et al., "Reasons Dynamic Addresses Change", ACM IMC 2016 (dynamic addresses change over days to months)',
    sql: `SELECT avg(CASE WHEN coalesce(n, 0) >= 2 THEN 1.0 ELSE 0.0 END) AS value FROM individuals
      LEFT JOIN (SELECT individual_id, count(DISTINCT identifier_value) AS n FROM identity_mappings WHERE identifier_type = 'ip_address' GROUP BY 1) USING (individual_id)`,
    min: 0.5,
    max: 1,
    format: 'percent',
  },
  {
    id: 'identity.cross_household_identifiers',
    area: 'household identity',
    target: 'a small share (0.2–5%) of identifiers seen in two or more households (public Wi-Fi IPs, work devices, wrong links)',
    source: 'configured: demographics.identity_links (public_wifi_ip_share 5%, shared_work_device_share 3%)',
    sql: `SELECT avg(CASE WHEN households >= 2 THEN 1.0 ELSE 0.0 END) AS value
      FROM (SELECT count(DISTINCT household_id) AS households FROM identity_mappings GROUP BY identifier_type, identifier_value)`,
    min: 0.002,
    max: 0.05,
    format: 'percent',
  },
  {
    id: 'identity.wrong_link_rate',
    area: 'identity links',
    target: 'wrong links at the configured rate (5% ± 0.5 points)',
    source: 'configured: demographics.identity_links.wrong_link_rate (answer key truth_identity_links)',
    sql: `SELECT avg(CASE WHEN is_true_link THEN 0.0 ELSE 1.0 END) AS value FROM truth_identity_links`,
    min: 0.045,
    max: 0.055,
    format: 'percent',
  },
  {
    id: 'identity.calibration_gap',
    area: 'identity links',
    target: "confidence_score calibrated: per score decile, the share of true links is within 0.05 of the mean score",
    source: 'calibration as in reliability diagrams (DeGroot & Fienberg, "The Comparison and Evaluation of Forecasters", 1983)',
    sql: `SELECT max(abs(truth - score)) AS value FROM (
      SELECT floor(m.confidence_score * 10) AS d, avg(m.confidence_score) AS score, avg(${TRUE}) AS truth FROM ${LINKED} GROUP BY 1 HAVING count(*) >= 1000)`,
    min: 0,
    max: 0.05,
    format: 'number',
  },
  {
    id: 'identity.deterministic_over_probabilistic',
    area: 'identity links',
    target: 'deterministic evidence (email, phone) scores above probabilistic (cookie, CTV, IP): gap of mean scores > 0',
    source: 'IAB Tech Lab Data Transparency Standard (deterministic vs probabilistic ID matching)',
    sql: `SELECT min(CASE WHEN identifier_type IN ('email_hash', 'phone_hash') THEN c END) - max(CASE WHEN identifier_type IN ('cookie_id', 'ctv_id', 'ip_address') THEN c END) AS value
      FROM (SELECT identifier_type, avg(confidence_score) AS c FROM identity_mappings GROUP BY 1)`,
    min: 0.01,
    max: 1,
    format: 'number',
  },
];

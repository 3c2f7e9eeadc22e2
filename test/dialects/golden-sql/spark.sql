-- lookup table streets
CREATE OR REPLACE TABLE `_sg_lookup_streets` (`__idx` BIGINT, `street` STRING, `number` BIGINT, `width` DOUBLE) USING DELTA;
INSERT INTO `_sg_lookup_streets` VALUES
(0, 'Street 0', -20, 0e0),
(1, 'Street 1', -13, 2.5e-1),
(2, 'Street 2', -6, 5e-1),
(3, 'O\'Neil St', 1, 7.5e-1),
(4, 'Street 4', 8, 1e0),
(5, 'Street 5', 15, 1.25e0),
(6, 'Street 6', 22, 1.5e0),
(7, 'Street 7', 29, 1.75e0),
(8, 'Street 8', 36, 2e0),
(9, 'Street 9', 43, 2.25e0),
(10, 'Street 10', 50, 2.5e0),
(11, 'Street 11', 57, 2.75e0),
(12, 'Street 12', 64, 3e0),
(13, 'Street 13', 71, 3.25e0),
(14, 'Street 14', 78, 3.5e0),
(15, 'Street 15', 85, 3.75e0),
(16, 'Street 16', 92, 4e0),
(17, 'Street 17', 99, 4.25e0),
(18, 'Street 18', 106, 4.5e0),
(19, 'Street 19', 113, 4.75e0),
(20, 'Street 20', 120, 5e0),
(21, 'Street 21', 127, 5.25e0),
(22, 'Street 22', 134, 5.5e0),
(23, 'Street 23', 141, 5.75e0),
(24, 'Street 24', 148, 6e0),
(25, 'Street 25', 155, 6.25e0),
(26, 'Street 26', 162, 6.5e0),
(27, 'Street 27', 169, 6.75e0),
(28, 'Street 28', 176, 7e0),
(29, 'Street 29', 183, 7.25e0),
(30, 'Street 30', 190, 7.5e0),
(31, 'Street 31', 197, 7.75e0),
(32, 'Street 32', 204, 8e0),
(33, 'Street 33', 211, 8.25e0),
(34, 'Street 34', 218, 8.5e0),
(35, 'Street 35', 225, 8.75e0),
(36, 'Street 36', 232, 9e0),
(37, 'Street 37', 239, 9.25e0),
(38, 'Street 38', 246, 9.5e0),
(39, 'Street 39', 253, 9.75e0),
(40, 'Street 40', 260, 1e1),
(41, 'Street 41', 267, 1.025e1),
(42, 'Street 42', 274, 1.05e1),
(43, 'Street 43', 281, 1.075e1),
(44, 'Street 44', 288, 1.1e1),
(45, 'Street 45', 295, 1.125e1),
(46, 'Street 46', 302, 1.15e1),
(47, 'Street 47', 309, 1.175e1),
(48, 'Street 48', 316, 1.2e1),
(49, 'Street 49', 323, 1.225e1),
(50, 'Street 50', 330, 1.25e1),
(51, 'Street 51', 337, 1.275e1),
(52, 'Street 52', 344, 1.3e1),
(53, 'Street 53', 351, 1.325e1),
(54, 'Street 54', 358, 1.35e1),
(55, 'Street 55', 365, 1.375e1),
(56, 'Street 56', 372, 1.4e1),
(57, 'Street 57', 379, 1.425e1),
(58, 'Street 58', 386, 1.45e1),
(59, 'Street 59', 393, 1.475e1),
(60, 'Street 60', 400, 1.5e1),
(61, 'Street 61', 407, 1.525e1),
(62, 'Street 62', 414, 1.55e1),
(63, 'Street 63', 421, 1.575e1);
DROP TABLE IF EXISTS `_sg_lookup_streets`;

-- table households
CREATE OR REPLACE TABLE `households`
USING DELTA
TBLPROPERTIES ('synthgraph.entity' = 'households')
AS
SELECT CAST(`__id0` AS BIGINT) AS `household_id`,
       CAST(`size` AS INT) AS `size`,
       CAST(`city` AS STRING) AS `city`,
       CAST(`street` AS STRING) AS `street`,
       CAST(`street_number` AS INT) AS `street_number`,
       CAST(`street_width` AS DOUBLE) AS `street_width`,
       CAST(`tier` AS STRING) AS `tier`,
       timestamp_micros(`created_at`) AS `created_at`,
       date_from_unix_date(CAST(`created_day` AS INT)) AS `created_day`,
       CAST(CAST(`income` AS DECIMAL(18,0)) * 0.01 AS DECIMAL(12,2)) AS `income`,
       CAST(`quote` AS STRING) AS `quote`
FROM (
  SELECT `household_id` AS `household_id`,
         `size` AS `size`,
         `city` AS `city`,
         `street` AS `street`,
         `street_number` AS `street_number`,
         `street_width` AS `street_width`,
         `tier` AS `tier`,
         `created_at` AS `created_at`,
         `created_day` AS `created_day`,
         `income` AS `income`,
         `quote` AS `quote`,
         ((`__kf0a` * 67108864L) + `__kf0b`) AS `__id0`
  FROM (
    SELECT `household_id` AS `household_id`,
           `size` AS `size`,
           `city` AS `city`,
           `street` AS `street`,
           `street_number` AS `street_number`,
           `street_width` AS `street_width`,
           `tier` AS `tier`,
           `created_at` AS `created_at`,
           `created_day` AS `created_day`,
           `income` AS `income`,
           `quote` AS `quote`,
           `__kf0a` AS `__kf0a`,
           `__kf0t` AS `__kf0t`,
           (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
    FROM (
      SELECT `household_id` AS `household_id`,
             `size` AS `size`,
             `city` AS `city`,
             `street` AS `street`,
             `street_number` AS `street_number`,
             `street_width` AS `street_width`,
             `tier` AS `tier`,
             `created_at` AS `created_at`,
             `created_day` AS `created_day`,
             `income` AS `income`,
             `quote` AS `quote`,
             `__kf0b` AS `__kf0b`,
             `__kf0a` AS `__kf0a`,
             (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
      FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `city` AS `city`,
               `street` AS `street`,
               `street_number` AS `street_number`,
               `street_width` AS `street_width`,
               `tier` AS `tier`,
               `created_at` AS `created_at`,
               `created_day` AS `created_day`,
               `income` AS `income`,
               `quote` AS `quote`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               ((((`__kf0a` ^ 1315238215L) ^ shiftright((`__kf0a` ^ 1315238215L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `city` AS `city`,
               `street` AS `street`,
               `street_number` AS `street_number`,
               `street_width` AS `street_width`,
               `tier` AS `tier`,
               `created_at` AS `created_at`,
               `created_day` AS `created_day`,
               `income` AS `income`,
               `quote` AS `quote`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `city` AS `city`,
               `street` AS `street`,
               `street_number` AS `street_number`,
               `street_width` AS `street_width`,
               `tier` AS `tier`,
               `created_at` AS `created_at`,
               `created_day` AS `created_day`,
               `income` AS `income`,
               `quote` AS `quote`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `city` AS `city`,
               `street` AS `street`,
               `street_number` AS `street_number`,
               `street_width` AS `street_width`,
               `tier` AS `tier`,
               `created_at` AS `created_at`,
               `created_day` AS `created_day`,
               `income` AS `income`,
               `quote` AS `quote`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 1346810089L) ^ shiftright((`__kf0b` ^ 1346810089L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `city` AS `city`,
               `street` AS `street`,
               `street_number` AS `street_number`,
               `street_width` AS `street_width`,
               `tier` AS `tier`,
               `created_at` AS `created_at`,
               `created_day` AS `created_day`,
               `income` AS `income`,
               `quote` AS `quote`,
               `__kf0a` AS `__kf0a`,
               `__kf0t` AS `__kf0t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `city` AS `city`,
               `street` AS `street`,
               `street_number` AS `street_number`,
               `street_width` AS `street_width`,
               `tier` AS `tier`,
               `created_at` AS `created_at`,
               `created_day` AS `created_day`,
               `income` AS `income`,
               `quote` AS `quote`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `city` AS `city`,
               `street` AS `street`,
               `street_number` AS `street_number`,
               `street_width` AS `street_width`,
               `tier` AS `tier`,
               `created_at` AS `created_at`,
               `created_day` AS `created_day`,
               `income` AS `income`,
               `quote` AS `quote`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               ((((`__kf0a` ^ 1118683235L) ^ shiftright((`__kf0a` ^ 1118683235L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `city` AS `city`,
               `street` AS `street`,
               `street_number` AS `street_number`,
               `street_width` AS `street_width`,
               `tier` AS `tier`,
               `created_at` AS `created_at`,
               `created_day` AS `created_day`,
               `income` AS `income`,
               `quote` AS `quote`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `city` AS `city`,
               `street` AS `street`,
               `street_number` AS `street_number`,
               `street_width` AS `street_width`,
               `tier` AS `tier`,
               `created_at` AS `created_at`,
               `created_day` AS `created_day`,
               `income` AS `income`,
               `quote` AS `quote`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `city` AS `city`,
               `street` AS `street`,
               `street_number` AS `street_number`,
               `street_width` AS `street_width`,
               `tier` AS `tier`,
               `created_at` AS `created_at`,
               `created_day` AS `created_day`,
               `income` AS `income`,
               `quote` AS `quote`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 1483724447L) ^ shiftright((`__kf0b` ^ 1483724447L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `city` AS `city`,
               `street` AS `street`,
               `street_number` AS `street_number`,
               `street_width` AS `street_width`,
               `tier` AS `tier`,
               `created_at` AS `created_at`,
               `created_day` AS `created_day`,
               `income` AS `income`,
               `quote` AS `quote`,
               shiftright(`household_id`, 26) AS `__kf0a`,
               (`household_id` & 67108863L) AS `__kf0b`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `city` AS `city`,
               `street` AS `street`,
               `street_number` AS `street_number`,
               `street_width` AS `street_width`,
               `tier` AS `tier`,
               `created_at` AS `created_at`,
               `created_day` AS `created_day`,
               `income` AS `income`,
               `quote` AS `quote`
        FROM (
        SELECT `__key` AS `__key`,
               `__r0` AS `__r0`,
               `__r1` AS `__r1`,
               `__r2` AS `__r2`,
               `__r3` AS `__r3`,
               `__r4` AS `__r4`,
               `__r5` AS `__r5`,
               `__r6` AS `__r6`,
               `__r7` AS `__r7`,
               `household_id` AS `household_id`,
               `size` AS `size`,
               `place` AS `place`,
               `street_row` AS `street_row`,
               `tier` AS `tier`,
               `created_at` AS `created_at`,
               `income` AS `income`,
               `quote` AS `quote`,
               `city` AS `city`,
               `__lkk0` AS `__lkk0`,
               `__lkk2` AS `__lkk2`,
               `created_day` AS `created_day`,
               `__lk0` AS `__lk0`,
               `__lk1` AS `__lk1`,
               `street` AS `street`,
               `street_number` AS `street_number`,
               `__lk2` AS `__lk2`,
               `__lk2` AS `street_width`
        FROM (
        SELECT `l11`.`__key` AS `__key`,
               `l11`.`__r0` AS `__r0`,
               `l11`.`__r1` AS `__r1`,
               `l11`.`__r2` AS `__r2`,
               `l11`.`__r3` AS `__r3`,
               `l11`.`__r4` AS `__r4`,
               `l11`.`__r5` AS `__r5`,
               `l11`.`__r6` AS `__r6`,
               `l11`.`__r7` AS `__r7`,
               `l11`.`household_id` AS `household_id`,
               `l11`.`size` AS `size`,
               `l11`.`place` AS `place`,
               `l11`.`street_row` AS `street_row`,
               `l11`.`tier` AS `tier`,
               `l11`.`created_at` AS `created_at`,
               `l11`.`income` AS `income`,
               `l11`.`quote` AS `quote`,
               `l11`.`city` AS `city`,
               `l11`.`__lkk0` AS `__lkk0`,
               `l11`.`__lkk2` AS `__lkk2`,
               `l11`.`created_day` AS `created_day`,
               `l11`.`__lk0` AS `__lk0`,
               `l11`.`__lk1` AS `__lk1`,
               `l11`.`street` AS `street`,
               `l11`.`street_number` AS `street_number`,
               `l12`.`width` AS `__lk2`
        FROM (
        SELECT `__key` AS `__key`,
               `__r0` AS `__r0`,
               `__r1` AS `__r1`,
               `__r2` AS `__r2`,
               `__r3` AS `__r3`,
               `__r4` AS `__r4`,
               `__r5` AS `__r5`,
               `__r6` AS `__r6`,
               `__r7` AS `__r7`,
               `household_id` AS `household_id`,
               `size` AS `size`,
               `place` AS `place`,
               `street_row` AS `street_row`,
               `tier` AS `tier`,
               `created_at` AS `created_at`,
               `income` AS `income`,
               `quote` AS `quote`,
               `city` AS `city`,
               `__lkk0` AS `__lkk0`,
               `__lkk2` AS `__lkk2`,
               `created_day` AS `created_day`,
               `__lk0` AS `__lk0`,
               `__lk1` AS `__lk1`,
               `__lk0` AS `street`,
               `__lk1` AS `street_number`
        FROM (
        SELECT `l8`.`__key` AS `__key`,
               `l8`.`__r0` AS `__r0`,
               `l8`.`__r1` AS `__r1`,
               `l8`.`__r2` AS `__r2`,
               `l8`.`__r3` AS `__r3`,
               `l8`.`__r4` AS `__r4`,
               `l8`.`__r5` AS `__r5`,
               `l8`.`__r6` AS `__r6`,
               `l8`.`__r7` AS `__r7`,
               `l8`.`household_id` AS `household_id`,
               `l8`.`size` AS `size`,
               `l8`.`place` AS `place`,
               `l8`.`street_row` AS `street_row`,
               `l8`.`tier` AS `tier`,
               `l8`.`created_at` AS `created_at`,
               `l8`.`income` AS `income`,
               `l8`.`quote` AS `quote`,
               `l8`.`city` AS `city`,
               `l8`.`__lkk0` AS `__lkk0`,
               `l8`.`__lkk2` AS `__lkk2`,
               `l8`.`created_day` AS `created_day`,
               `l9`.`street` AS `__lk0`,
               `l9`.`number` AS `__lk1`
        FROM (
        SELECT `__key` AS `__key`,
               `__r0` AS `__r0`,
               `__r1` AS `__r1`,
               `__r2` AS `__r2`,
               `__r3` AS `__r3`,
               `__r4` AS `__r4`,
               `__r5` AS `__r5`,
               `__r6` AS `__r6`,
               `__r7` AS `__r7`,
               `household_id` AS `household_id`,
               `size` AS `size`,
               `place` AS `place`,
               `street_row` AS `street_row`,
               `tier` AS `tier`,
               `created_at` AS `created_at`,
               `income` AS `income`,
               `quote` AS `quote`,
               try_element_at(array('O\'Fallon', 'Back\\slash'), CAST((`place`) + 1 AS INT)) AS `city`,
               `street_row` AS `__lkk0`,
               (`street_row` + 1L) AS `__lkk2`,
               CAST(floor((CAST(`created_at` AS DOUBLE) / CAST(8.64e10 AS DOUBLE))) AS BIGINT) AS `created_day`
        FROM (
        SELECT `__key` AS `__key`,
               `__r0` AS `__r0`,
               `__r1` AS `__r1`,
               `__r2` AS `__r2`,
               `__r3` AS `__r3`,
               `__r4` AS `__r4`,
               `__r5` AS `__r5`,
               `__r6` AS `__r6`,
               `__r7` AS `__r7`,
               `__key` AS `household_id`,
               (1L + ((`__r0` * 3L) div 4294967296L)) AS `size`,
               CASE WHEN `__r1` < 2863311531L THEN 0L ELSE 1L END AS `place`,
               ((`__r2` * 64L) div 4294967296L) AS `street_row`,
               CASE WHEN `__r3` < 1431655765L THEN 'gold' ELSE 'it\'s "silver"' END AS `tier`,
               (((1735689600000000L + ((((((`__r4` * 2L) + 1L) * 3L) - 1L) div 8589934592L) * 86400000000L)) + (((`__r5` * 24L) div 4294967296L) * 3600000000L)) + (((`__r6` * 3600L) div 4294967296L) * 1000000L)) AS `created_at`,
               CAST(floor(((1e3 + (1e3 * (`__r7` * 2.3283064365386963e-10))) * 100L)) AS BIGINT) AS `income`,
               concat('it\'s #', CAST(`__key` AS STRING)) AS `quote`
        FROM (
        SELECT `__key` AS `__key`,
               (`__r0` ^ shiftright(`__r0`, 16)) AS `__r0`,
               (`__r1` ^ shiftright(`__r1`, 16)) AS `__r1`,
               (`__r2` ^ shiftright(`__r2`, 16)) AS `__r2`,
               (`__r3` ^ shiftright(`__r3`, 16)) AS `__r3`,
               (`__r4` ^ shiftright(`__r4`, 16)) AS `__r4`,
               (`__r5` ^ shiftright(`__r5`, 16)) AS `__r5`,
               (`__r6` ^ shiftright(`__r6`, 16)) AS `__r6`,
               (`__r7` ^ shiftright(`__r7`, 16)) AS `__r7`
        FROM (
        SELECT `__key` AS `__key`,
               (((`__r0` ^ shiftright(`__r0`, 15)) * (-2073254261L)) & 4294967295L) AS `__r0`,
               (((`__r1` ^ shiftright(`__r1`, 15)) * (-2073254261L)) & 4294967295L) AS `__r1`,
               (((`__r2` ^ shiftright(`__r2`, 15)) * (-2073254261L)) & 4294967295L) AS `__r2`,
               (((`__r3` ^ shiftright(`__r3`, 15)) * (-2073254261L)) & 4294967295L) AS `__r3`,
               (((`__r4` ^ shiftright(`__r4`, 15)) * (-2073254261L)) & 4294967295L) AS `__r4`,
               (((`__r5` ^ shiftright(`__r5`, 15)) * (-2073254261L)) & 4294967295L) AS `__r5`,
               (((`__r6` ^ shiftright(`__r6`, 15)) * (-2073254261L)) & 4294967295L) AS `__r6`,
               (((`__r7` ^ shiftright(`__r7`, 15)) * (-2073254261L)) & 4294967295L) AS `__r7`
        FROM (
        SELECT `__key` AS `__key`,
               (((`__r0` ^ shiftright(`__r0`, 16)) * 2146121005L) & 4294967295L) AS `__r0`,
               (((`__r1` ^ shiftright(`__r1`, 16)) * 2146121005L) & 4294967295L) AS `__r1`,
               (((`__r2` ^ shiftright(`__r2`, 16)) * 2146121005L) & 4294967295L) AS `__r2`,
               (((`__r3` ^ shiftright(`__r3`, 16)) * 2146121005L) & 4294967295L) AS `__r3`,
               (((`__r4` ^ shiftright(`__r4`, 16)) * 2146121005L) & 4294967295L) AS `__r4`,
               (((`__r5` ^ shiftright(`__r5`, 16)) * 2146121005L) & 4294967295L) AS `__r5`,
               (((`__r6` ^ shiftright(`__r6`, 16)) * 2146121005L) & 4294967295L) AS `__r6`,
               (((`__r7` ^ shiftright(`__r7`, 16)) * 2146121005L) & 4294967295L) AS `__r7`
        FROM (
        SELECT `__key` AS `__key`,
               (((`__r0` ^ shiftright(`__r0`, 16)) ^ shiftright(`__key`, 32)) ^ 1329151190L) AS `__r0`,
               (((`__r1` ^ shiftright(`__r1`, 16)) ^ shiftright(`__key`, 32)) ^ 1765804012L) AS `__r1`,
               (((`__r2` ^ shiftright(`__r2`, 16)) ^ shiftright(`__key`, 32)) ^ 609957249L) AS `__r2`,
               (((`__r3` ^ shiftright(`__r3`, 16)) ^ shiftright(`__key`, 32)) ^ 2389051706L) AS `__r3`,
               (((`__r4` ^ shiftright(`__r4`, 16)) ^ shiftright(`__key`, 32)) ^ 381814026L) AS `__r4`,
               (((`__r5` ^ shiftright(`__r5`, 16)) ^ shiftright(`__key`, 32)) ^ 767774363L) AS `__r5`,
               (((`__r6` ^ shiftright(`__r6`, 16)) ^ shiftright(`__key`, 32)) ^ 2826378755L) AS `__r6`,
               (((`__r7` ^ shiftright(`__r7`, 16)) ^ shiftright(`__key`, 32)) ^ 1418735035L) AS `__r7`
        FROM (
        SELECT `__key` AS `__key`,
               (((`__r0` ^ shiftright(`__r0`, 15)) * (-2073254261L)) & 4294967295L) AS `__r0`,
               (((`__r1` ^ shiftright(`__r1`, 15)) * (-2073254261L)) & 4294967295L) AS `__r1`,
               (((`__r2` ^ shiftright(`__r2`, 15)) * (-2073254261L)) & 4294967295L) AS `__r2`,
               (((`__r3` ^ shiftright(`__r3`, 15)) * (-2073254261L)) & 4294967295L) AS `__r3`,
               (((`__r4` ^ shiftright(`__r4`, 15)) * (-2073254261L)) & 4294967295L) AS `__r4`,
               (((`__r5` ^ shiftright(`__r5`, 15)) * (-2073254261L)) & 4294967295L) AS `__r5`,
               (((`__r6` ^ shiftright(`__r6`, 15)) * (-2073254261L)) & 4294967295L) AS `__r6`,
               (((`__r7` ^ shiftright(`__r7`, 15)) * (-2073254261L)) & 4294967295L) AS `__r7`
        FROM (
        SELECT `__key` AS `__key`,
               (((((`__key` & 4294967295L) ^ 3971259798L) ^ shiftright(((`__key` & 4294967295L) ^ 3971259798L), 16)) * 2146121005L) & 4294967295L) AS `__r0`,
               (((((`__key` & 4294967295L) ^ 2934507626L) ^ shiftright(((`__key` & 4294967295L) ^ 2934507626L), 16)) * 2146121005L) & 4294967295L) AS `__r1`,
               (((((`__key` & 4294967295L) ^ 1005090727L) ^ shiftright(((`__key` & 4294967295L) ^ 1005090727L), 16)) * 2146121005L) & 4294967295L) AS `__r2`,
               (((((`__key` & 4294967295L) ^ 2743536185L) ^ shiftright(((`__key` & 4294967295L) ^ 2743536185L), 16)) * 2146121005L) & 4294967295L) AS `__r3`,
               (((((`__key` & 4294967295L) ^ 3890616782L) ^ shiftright(((`__key` & 4294967295L) ^ 3890616782L), 16)) * 2146121005L) & 4294967295L) AS `__r4`,
               (((((`__key` & 4294967295L) ^ 1967340109L) ^ shiftright(((`__key` & 4294967295L) ^ 1967340109L), 16)) * 2146121005L) & 4294967295L) AS `__r5`,
               (((((`__key` & 4294967295L) ^ 4026925053L) ^ shiftright(((`__key` & 4294967295L) ^ 4026925053L), 16)) * 2146121005L) & 4294967295L) AS `__r6`,
               (((((`__key` & 4294967295L) ^ 2223794616L) ^ shiftright(((`__key` & 4294967295L) ^ 2223794616L), 16)) * 2146121005L) & 4294967295L) AS `__r7`
        FROM (
        SELECT `r`.`__range` AS `__key`
        FROM range(0L, 20L, 1L, 1) AS `r`(`__range`)
        ) `l0`
        ) `l1`
        ) `l2`
        ) `l3`
        ) `l4`
        ) `l5`
        ) `l6`
        ) `l7`
        ) `l8`
        LEFT JOIN `_sg_lookup_streets` `l9` ON (`l9`.`__idx` = `l8`.`__lkk0`)
        ) `l10`
        ) `l11`
        LEFT JOIN `_sg_lookup_streets` `l12` ON (`l12`.`__idx` = `l11`.`__lkk2`)
        ) `l13`
        ) `l14`
        ) `l15`
        ) `l16`
        ) `l17`
        ) `l18`
        ) `l19`
        ) `l20`
        ) `l21`
        ) `l22`
        ) `l23`
        ) `l24`
        ) `l25`
      ) `l26`
    ) `l27`
  ) `l28`
) `f`;

-- table members
CREATE OR REPLACE TABLE `members`
USING DELTA
TBLPROPERTIES ('synthgraph.entity' = 'members')
AS
SELECT CAST(`__id0` AS BIGINT) AS `member_id`,
       CAST(`__id1` AS BIGINT) AS `household_id`,
       CAST(`position` AS INT) AS `position`,
       CAST(`active` AS BOOLEAN) AS `active`,
       CAST(`hh_tier` AS STRING) AS `hh_tier`,
       CAST(`label` AS STRING) AS `label`,
       CAST(`tags` AS ARRAY<STRING>) AS `tags`,
       CAST(`scores` AS MAP<STRING, DOUBLE>) AS `scores`
FROM (
  SELECT `member_id` AS `member_id`,
         `household_id` AS `household_id`,
         `position` AS `position`,
         `active` AS `active`,
         `hh_tier` AS `hh_tier`,
         `label` AS `label`,
         `tags` AS `tags`,
         `scores` AS `scores`,
         ((`__kf0a` * 67108864L) + `__kf0b`) AS `__id0`,
         ((`__kf1a` * 67108864L) + `__kf1b`) AS `__id1`
  FROM (
    SELECT `member_id` AS `member_id`,
           `household_id` AS `household_id`,
           `position` AS `position`,
           `active` AS `active`,
           `hh_tier` AS `hh_tier`,
           `label` AS `label`,
           `tags` AS `tags`,
           `scores` AS `scores`,
           `__kf0a` AS `__kf0a`,
           `__kf1a` AS `__kf1a`,
           `__kf0t` AS `__kf0t`,
           `__kf1t` AS `__kf1t`,
           (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`,
           (`__kf1b` ^ ((`__kf1t` ^ shiftright(`__kf1t`, 16)) & 67108863L)) AS `__kf1b`
    FROM (
      SELECT `member_id` AS `member_id`,
             `household_id` AS `household_id`,
             `position` AS `position`,
             `active` AS `active`,
             `hh_tier` AS `hh_tier`,
             `label` AS `label`,
             `tags` AS `tags`,
             `scores` AS `scores`,
             `__kf0b` AS `__kf0b`,
             `__kf1b` AS `__kf1b`,
             `__kf0a` AS `__kf0a`,
             `__kf1a` AS `__kf1a`,
             (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`,
             (((`__kf1t` ^ shiftright(`__kf1t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf1t`
      FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `active` AS `active`,
               `hh_tier` AS `hh_tier`,
               `label` AS `label`,
               `tags` AS `tags`,
               `scores` AS `scores`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               ((((`__kf0a` ^ 568423070L) ^ shiftright((`__kf0a` ^ 568423070L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`,
               ((((`__kf1a` ^ 1315238215L) ^ shiftright((`__kf1a` ^ 1315238215L), 16)) * 2146121005L) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `active` AS `active`,
               `hh_tier` AS `hh_tier`,
               `label` AS `label`,
               `tags` AS `tags`,
               `scores` AS `scores`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               `__kf0t` AS `__kf0t`,
               `__kf1t` AS `__kf1t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`,
               (`__kf1a` ^ ((`__kf1t` ^ shiftright(`__kf1t`, 16)) & 134217727L)) AS `__kf1a`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `active` AS `active`,
               `hh_tier` AS `hh_tier`,
               `label` AS `label`,
               `tags` AS `tags`,
               `scores` AS `scores`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`,
               (((`__kf1t` ^ shiftright(`__kf1t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `active` AS `active`,
               `hh_tier` AS `hh_tier`,
               `label` AS `label`,
               `tags` AS `tags`,
               `scores` AS `scores`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               ((((`__kf0b` ^ 4037405170L) ^ shiftright((`__kf0b` ^ 4037405170L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`,
               ((((`__kf1b` ^ 1346810089L) ^ shiftright((`__kf1b` ^ 1346810089L), 16)) * 2146121005L) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `active` AS `active`,
               `hh_tier` AS `hh_tier`,
               `label` AS `label`,
               `tags` AS `tags`,
               `scores` AS `scores`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               `__kf0t` AS `__kf0t`,
               `__kf1t` AS `__kf1t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`,
               (`__kf1b` ^ ((`__kf1t` ^ shiftright(`__kf1t`, 16)) & 67108863L)) AS `__kf1b`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `active` AS `active`,
               `hh_tier` AS `hh_tier`,
               `label` AS `label`,
               `tags` AS `tags`,
               `scores` AS `scores`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`,
               (((`__kf1t` ^ shiftright(`__kf1t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `active` AS `active`,
               `hh_tier` AS `hh_tier`,
               `label` AS `label`,
               `tags` AS `tags`,
               `scores` AS `scores`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               ((((`__kf0a` ^ 3098437725L) ^ shiftright((`__kf0a` ^ 3098437725L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`,
               ((((`__kf1a` ^ 1118683235L) ^ shiftright((`__kf1a` ^ 1118683235L), 16)) * 2146121005L) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `active` AS `active`,
               `hh_tier` AS `hh_tier`,
               `label` AS `label`,
               `tags` AS `tags`,
               `scores` AS `scores`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               `__kf0t` AS `__kf0t`,
               `__kf1t` AS `__kf1t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`,
               (`__kf1a` ^ ((`__kf1t` ^ shiftright(`__kf1t`, 16)) & 134217727L)) AS `__kf1a`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `active` AS `active`,
               `hh_tier` AS `hh_tier`,
               `label` AS `label`,
               `tags` AS `tags`,
               `scores` AS `scores`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               `__kf1a` AS `__kf1a`,
               `__kf1b` AS `__kf1b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`,
               (((`__kf1t` ^ shiftright(`__kf1t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `active` AS `active`,
               `hh_tier` AS `hh_tier`,
               `label` AS `label`,
               `tags` AS `tags`,
               `scores` AS `scores`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               `__kf1a` AS `__kf1a`,
               `__kf1b` AS `__kf1b`,
               ((((`__kf0b` ^ 3924091176L) ^ shiftright((`__kf0b` ^ 3924091176L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`,
               ((((`__kf1b` ^ 1483724447L) ^ shiftright((`__kf1b` ^ 1483724447L), 16)) * 2146121005L) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `active` AS `active`,
               `hh_tier` AS `hh_tier`,
               `label` AS `label`,
               `tags` AS `tags`,
               `scores` AS `scores`,
               shiftright(`member_id`, 26) AS `__kf0a`,
               (`member_id` & 67108863L) AS `__kf0b`,
               shiftright(`household_id`, 26) AS `__kf1a`,
               (`household_id` & 67108863L) AS `__kf1b`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `active` AS `active`,
               `hh_tier` AS `hh_tier`,
               `label` AS `label`,
               `tags` AS `tags`,
               `scores` AS `scores`
        FROM (
        SELECT `__pk` AS `__pk`,
               `__parent_household_id` AS `__parent_household_id`,
               `__parent_size` AS `__parent_size`,
               `__index` AS `__index`,
               `__key` AS `__key`,
               `__r0` AS `__r0`,
               `__r1` AS `__r1`,
               `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `active` AS `active`,
               `scores` AS `scores`,
               `__lkk0` AS `__lkk0`,
               `label` AS `label`,
               `tags` AS `tags`,
               `__lk0` AS `__lk0`,
               `__lk0` AS `hh_tier`
        FROM (
        SELECT `l13`.`__pk` AS `__pk`,
               `l13`.`__parent_household_id` AS `__parent_household_id`,
               `l13`.`__parent_size` AS `__parent_size`,
               `l13`.`__index` AS `__index`,
               `l13`.`__key` AS `__key`,
               `l13`.`__r0` AS `__r0`,
               `l13`.`__r1` AS `__r1`,
               `l13`.`member_id` AS `member_id`,
               `l13`.`household_id` AS `household_id`,
               `l13`.`position` AS `position`,
               `l13`.`active` AS `active`,
               `l13`.`scores` AS `scores`,
               `l13`.`__lkk0` AS `__lkk0`,
               `l13`.`label` AS `label`,
               `l13`.`tags` AS `tags`,
               `l14`.`tier` AS `__lk0`
        FROM (
        SELECT `__pk` AS `__pk`,
               `__parent_household_id` AS `__parent_household_id`,
               `__parent_size` AS `__parent_size`,
               `__index` AS `__index`,
               `__key` AS `__key`,
               `__r0` AS `__r0`,
               `__r1` AS `__r1`,
               `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `active` AS `active`,
               `scores` AS `scores`,
               `__lkk0` AS `__lkk0`,
               `label` AS `label`,
               array(`label`, 'x') AS `tags`
        FROM (
        SELECT `__pk` AS `__pk`,
               `__parent_household_id` AS `__parent_household_id`,
               `__parent_size` AS `__parent_size`,
               `__index` AS `__index`,
               `__key` AS `__key`,
               `__r0` AS `__r0`,
               `__r1` AS `__r1`,
               `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `active` AS `active`,
               `scores` AS `scores`,
               `household_id` AS `__lkk0`,
               CASE WHEN `active` THEN 'on' ELSE 'off' END AS `label`
        FROM (
        SELECT `__pk` AS `__pk`,
               `__parent_household_id` AS `__parent_household_id`,
               `__parent_size` AS `__parent_size`,
               `__index` AS `__index`,
               `__key` AS `__key`,
               `__r0` AS `__r0`,
               `__r1` AS `__r1`,
               `__key` AS `member_id`,
               `__parent_household_id` AS `household_id`,
               `__index` AS `position`,
               (`__r0` < 3006477107L) AS `active`,
               map('a', (0e0 + (1e0 * (`__r1` * 2.3283064365386963e-10)))) AS `scores`
        FROM (
        SELECT `__pk` AS `__pk`,
               `__parent_household_id` AS `__parent_household_id`,
               `__parent_size` AS `__parent_size`,
               `__index` AS `__index`,
               `__key` AS `__key`,
               (`__r0` ^ shiftright(`__r0`, 16)) AS `__r0`,
               (`__r1` ^ shiftright(`__r1`, 16)) AS `__r1`
        FROM (
        SELECT `__pk` AS `__pk`,
               `__parent_household_id` AS `__parent_household_id`,
               `__parent_size` AS `__parent_size`,
               `__index` AS `__index`,
               `__key` AS `__key`,
               (((`__r0` ^ shiftright(`__r0`, 15)) * (-2073254261L)) & 4294967295L) AS `__r0`,
               (((`__r1` ^ shiftright(`__r1`, 15)) * (-2073254261L)) & 4294967295L) AS `__r1`
        FROM (
        SELECT `__pk` AS `__pk`,
               `__parent_household_id` AS `__parent_household_id`,
               `__parent_size` AS `__parent_size`,
               `__index` AS `__index`,
               `__key` AS `__key`,
               (((`__r0` ^ shiftright(`__r0`, 16)) * 2146121005L) & 4294967295L) AS `__r0`,
               (((`__r1` ^ shiftright(`__r1`, 16)) * 2146121005L) & 4294967295L) AS `__r1`
        FROM (
        SELECT `__pk` AS `__pk`,
               `__parent_household_id` AS `__parent_household_id`,
               `__parent_size` AS `__parent_size`,
               `__index` AS `__index`,
               `__key` AS `__key`,
               (((`__r0` ^ shiftright(`__r0`, 16)) ^ shiftright(`__key`, 32)) ^ 3454239231L) AS `__r0`,
               (((`__r1` ^ shiftright(`__r1`, 16)) ^ shiftright(`__key`, 32)) ^ 2242397700L) AS `__r1`
        FROM (
        SELECT `__pk` AS `__pk`,
               `__parent_household_id` AS `__parent_household_id`,
               `__parent_size` AS `__parent_size`,
               `__index` AS `__index`,
               `__key` AS `__key`,
               (((`__r0` ^ shiftright(`__r0`, 15)) * (-2073254261L)) & 4294967295L) AS `__r0`,
               (((`__r1` ^ shiftright(`__r1`, 15)) * (-2073254261L)) & 4294967295L) AS `__r1`
        FROM (
        SELECT `__pk` AS `__pk`,
               `__parent_household_id` AS `__parent_household_id`,
               `__parent_size` AS `__parent_size`,
               `__index` AS `__index`,
               `__key` AS `__key`,
               (((((`__key` & 4294967295L) ^ 2634150463L) ^ shiftright(((`__key` & 4294967295L) ^ 2634150463L), 16)) * 2146121005L) & 4294967295L) AS `__r0`,
               (((((`__key` & 4294967295L) ^ 1954085014L) ^ shiftright(((`__key` & 4294967295L) ^ 1954085014L), 16)) * 2146121005L) & 4294967295L) AS `__r1`
        FROM (
        SELECT `__pk` AS `__pk`,
               `__parent_household_id` AS `__parent_household_id`,
               `__parent_size` AS `__parent_size`,
               `__index` AS `__index`,
               ((`__pk` * 4L) + `__index`) AS `__key`
        FROM (
        SELECT `__pk` AS `__pk`,
               `__parent_household_id` AS `__parent_household_id`,
               `__parent_size` AS `__parent_size`,
               explode(CASE WHEN `__n` > 0L THEN sequence(0L, `__n` - 1L) ELSE CAST(array() AS ARRAY<BIGINT>) END) AS `__index`
        FROM (
        SELECT `__pk` AS `__pk`,
               `__parent_household_id` AS `__parent_household_id`,
               `__parent_size` AS `__parent_size`,
               `__count` AS `__count`,
               least(4L, greatest(0L, CAST(floor(`__count`) AS BIGINT))) AS `__n`
        FROM (
        SELECT `__pk` AS `__pk`,
               `__parent_household_id` AS `__parent_household_id`,
               `__parent_size` AS `__parent_size`,
               `__parent_size` AS `__count`
        FROM (
        SELECT `p`.`household_id` AS `__pk`,
               `p`.`household_id` AS `__parent_household_id`,
               CAST(`p`.`size` AS BIGINT) AS `__parent_size`
        FROM (
        SELECT `size` AS `size`,
               ((`__kf0a` * 67108864L) + `__kf0b`) AS `household_id`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 1483724447L) ^ shiftright((`__kf0b` ^ 1483724447L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0a` AS `__kf0a`,
               `__kf0t` AS `__kf0t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               ((((`__kf0a` ^ 1118683235L) ^ shiftright((`__kf0a` ^ 1118683235L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 1346810089L) ^ shiftright((`__kf0b` ^ 1346810089L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0a` AS `__kf0a`,
               `__kf0t` AS `__kf0t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0a` ^ 1315238215L) ^ shiftright((`__kf0a` ^ 1315238215L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               shiftright(`household_id`, 26) AS `__kf0a`,
               (`household_id` & 67108863L) AS `__kf0b`
        FROM (
        SELECT `t`.`household_id` AS `household_id`,
               `t`.`size` AS `size`
        FROM `households` `t`
        ) `l0`
        ) `l1`
        ) `l2`
        ) `l3`
        ) `l4`
        ) `l5`
        ) `l6`
        ) `l7`
        ) `l8`
        ) `l9`
        ) `l10`
        ) `l11`
        ) `l12`
        ) `l13`
        ) `p`
        ) `l0`
        ) `l1`
        ) `l2`
        ) `l3`
        ) `l4`
        ) `l5`
        ) `l6`
        ) `l7`
        ) `l8`
        ) `l9`
        ) `l10`
        ) `l11`
        ) `l12`
        ) `l13`
        LEFT JOIN (
        SELECT `tier` AS `tier`,
               ((`__kf0a` * 67108864L) + `__kf0b`) AS `household_id`
        FROM (
        SELECT `household_id` AS `household_id`,
               `tier` AS `tier`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `household_id` AS `household_id`,
               `tier` AS `tier`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `tier` AS `tier`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 1483724447L) ^ shiftright((`__kf0b` ^ 1483724447L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `tier` AS `tier`,
               `__kf0a` AS `__kf0a`,
               `__kf0t` AS `__kf0t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
        FROM (
        SELECT `household_id` AS `household_id`,
               `tier` AS `tier`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `tier` AS `tier`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               ((((`__kf0a` ^ 1118683235L) ^ shiftright((`__kf0a` ^ 1118683235L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `tier` AS `tier`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `household_id` AS `household_id`,
               `tier` AS `tier`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `tier` AS `tier`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 1346810089L) ^ shiftright((`__kf0b` ^ 1346810089L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `tier` AS `tier`,
               `__kf0a` AS `__kf0a`,
               `__kf0t` AS `__kf0t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
        FROM (
        SELECT `household_id` AS `household_id`,
               `tier` AS `tier`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `tier` AS `tier`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0a` ^ 1315238215L) ^ shiftright((`__kf0a` ^ 1315238215L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `tier` AS `tier`,
               shiftright(`household_id`, 26) AS `__kf0a`,
               (`household_id` & 67108863L) AS `__kf0b`
        FROM (
        SELECT `t`.`household_id` AS `household_id`,
               `t`.`tier` AS `tier`
        FROM `households` `t`
        ) `l0`
        ) `l1`
        ) `l2`
        ) `l3`
        ) `l4`
        ) `l5`
        ) `l6`
        ) `l7`
        ) `l8`
        ) `l9`
        ) `l10`
        ) `l11`
        ) `l12`
        ) `l13`
        ) `l14` ON (`l14`.`household_id` = `l13`.`__lkk0`)
        ) `l15`
        ) `l16`
        ) `l17`
        ) `l18`
        ) `l19`
        ) `l20`
        ) `l21`
        ) `l22`
        ) `l23`
        ) `l24`
        ) `l25`
        ) `l26`
        ) `l27`
      ) `l28`
    ) `l29`
  ) `l30`
) `f`;

-- table household_stats
CREATE OR REPLACE TABLE `household_stats`
USING DELTA
TBLPROPERTIES ('synthgraph.entity' = 'household_stats')
AS
SELECT CAST(`__id0` AS BIGINT) AS `household_id`,
       CAST(`members` AS BIGINT) AS `members`,
       CAST(`top_label` AS STRING) AS `top_label`
FROM (
  SELECT `household_id` AS `household_id`,
         `members` AS `members`,
         `top_label` AS `top_label`,
         ((`__kf0a` * 67108864L) + `__kf0b`) AS `__id0`
  FROM (
    SELECT `household_id` AS `household_id`,
           `members` AS `members`,
           `top_label` AS `top_label`,
           `__kf0a` AS `__kf0a`,
           `__kf0t` AS `__kf0t`,
           (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
    FROM (
      SELECT `household_id` AS `household_id`,
             `members` AS `members`,
             `top_label` AS `top_label`,
             `__kf0b` AS `__kf0b`,
             `__kf0a` AS `__kf0a`,
             (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
      FROM (
        SELECT `household_id` AS `household_id`,
               `members` AS `members`,
               `top_label` AS `top_label`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               ((((`__kf0a` ^ 1315238215L) ^ shiftright((`__kf0a` ^ 1315238215L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `members` AS `members`,
               `top_label` AS `top_label`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `household_id` AS `household_id`,
               `members` AS `members`,
               `top_label` AS `top_label`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `members` AS `members`,
               `top_label` AS `top_label`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 1346810089L) ^ shiftright((`__kf0b` ^ 1346810089L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `members` AS `members`,
               `top_label` AS `top_label`,
               `__kf0a` AS `__kf0a`,
               `__kf0t` AS `__kf0t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
        FROM (
        SELECT `household_id` AS `household_id`,
               `members` AS `members`,
               `top_label` AS `top_label`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `members` AS `members`,
               `top_label` AS `top_label`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               ((((`__kf0a` ^ 1118683235L) ^ shiftright((`__kf0a` ^ 1118683235L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `members` AS `members`,
               `top_label` AS `top_label`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `household_id` AS `household_id`,
               `members` AS `members`,
               `top_label` AS `top_label`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `members` AS `members`,
               `top_label` AS `top_label`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 1483724447L) ^ shiftright((`__kf0b` ^ 1483724447L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `members` AS `members`,
               `top_label` AS `top_label`,
               shiftright(`household_id`, 26) AS `__kf0a`,
               (`household_id` & 67108863L) AS `__kf0b`
        FROM (
        SELECT `household_id` AS `household_id`,
               `members` AS `members`,
               `top_label` AS `top_label`
        FROM (
        SELECT `__key` AS `__key`,
               `__a0` AS `__a0`,
               `__a1` AS `__a1`,
               `__key` AS `household_id`,
               `__a0` AS `members`,
               `__a1` AS `top_label`
        FROM (
        SELECT `g`.`__key` AS `__key`,
               `g`.`__a0` AS `__a0`,
               `j0`.`__v` AS `__a1`
        FROM (
        SELECT `s`.`household_id` AS `__key`,
               count(*) AS `__a0`
        FROM (
        SELECT `label` AS `label`,
               ((`__kf0a` * 67108864L) + `__kf0b`) AS `household_id`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 1483724447L) ^ shiftright((`__kf0b` ^ 1483724447L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0a` AS `__kf0a`,
               `__kf0t` AS `__kf0t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               ((((`__kf0a` ^ 1118683235L) ^ shiftright((`__kf0a` ^ 1118683235L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 1346810089L) ^ shiftright((`__kf0b` ^ 1346810089L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0a` AS `__kf0a`,
               `__kf0t` AS `__kf0t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0a` ^ 1315238215L) ^ shiftright((`__kf0a` ^ 1315238215L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               shiftright(`household_id`, 26) AS `__kf0a`,
               (`household_id` & 67108863L) AS `__kf0b`
        FROM (
        SELECT `t`.`household_id` AS `household_id`,
               `t`.`label` AS `label`
        FROM `members` `t`
        ) `l0`
        ) `l1`
        ) `l2`
        ) `l3`
        ) `l4`
        ) `l5`
        ) `l6`
        ) `l7`
        ) `l8`
        ) `l9`
        ) `l10`
        ) `l11`
        ) `l12`
        ) `l13`
        ) `s`
        GROUP BY `s`.`household_id`
        ) `g`
        LEFT JOIN (
        SELECT `__key` AS `__key`,
               min(`__v`) AS `__v`
        FROM (
        SELECT `__key` AS `__key`,
               `__v` AS `__v`,
               row_number() OVER (PARTITION BY `__key` ORDER BY (- `__c`), `__v`) AS `__rn`
        FROM (
        SELECT `s`.`household_id` AS `__key`,
               `s`.`label` AS `__v`,
               count(*) AS `__c`
        FROM (
        SELECT `label` AS `label`,
               ((`__kf0a` * 67108864L) + `__kf0b`) AS `household_id`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 1483724447L) ^ shiftright((`__kf0b` ^ 1483724447L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0a` AS `__kf0a`,
               `__kf0t` AS `__kf0t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               ((((`__kf0a` ^ 1118683235L) ^ shiftright((`__kf0a` ^ 1118683235L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 1346810089L) ^ shiftright((`__kf0b` ^ 1346810089L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0a` AS `__kf0a`,
               `__kf0t` AS `__kf0t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0a` ^ 1315238215L) ^ shiftright((`__kf0a` ^ 1315238215L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `label` AS `label`,
               shiftright(`household_id`, 26) AS `__kf0a`,
               (`household_id` & 67108863L) AS `__kf0b`
        FROM (
        SELECT `t`.`household_id` AS `household_id`,
               `t`.`label` AS `label`
        FROM `members` `t`
        ) `l0`
        ) `l1`
        ) `l2`
        ) `l3`
        ) `l4`
        ) `l5`
        ) `l6`
        ) `l7`
        ) `l8`
        ) `l9`
        ) `l10`
        ) `l11`
        ) `l12`
        ) `l13`
        ) `s`
        WHERE (`s`.`label` IS NOT NULL)
        GROUP BY `s`.`household_id`, `s`.`label`
        ) `m1`
        ) `m2`
        WHERE (`__rn` <= 1L)
        GROUP BY `__key`
        ) `j0` ON (`g`.`__key` = `j0`.`__key`)
        ) `l0`
        ) `l1`
        ) `l2`
        ) `l3`
        ) `l4`
        ) `l5`
        ) `l6`
        ) `l7`
        ) `l8`
        ) `l9`
        ) `l10`
        ) `l11`
        ) `l12`
      ) `l13`
    ) `l14`
  ) `l15`
) `f`;

-- table member_ranks
CREATE OR REPLACE TABLE `member_ranks`
USING DELTA
TBLPROPERTIES ('synthgraph.entity' = 'member_ranks')
AS
SELECT CAST(`__id0` AS BIGINT) AS `member_id`,
       CAST(`rank` AS BIGINT) AS `rank`
FROM (
  SELECT `member_id` AS `member_id`,
         `rank` AS `rank`,
         ((`__kf0a` * 67108864L) + `__kf0b`) AS `__id0`
  FROM (
    SELECT `member_id` AS `member_id`,
           `rank` AS `rank`,
           `__kf0a` AS `__kf0a`,
           `__kf0t` AS `__kf0t`,
           (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
    FROM (
      SELECT `member_id` AS `member_id`,
             `rank` AS `rank`,
             `__kf0b` AS `__kf0b`,
             `__kf0a` AS `__kf0a`,
             (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
      FROM (
        SELECT `member_id` AS `member_id`,
               `rank` AS `rank`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               ((((`__kf0a` ^ 568423070L) ^ shiftright((`__kf0a` ^ 568423070L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `rank` AS `rank`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `member_id` AS `member_id`,
               `rank` AS `rank`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `rank` AS `rank`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 4037405170L) ^ shiftright((`__kf0b` ^ 4037405170L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `rank` AS `rank`,
               `__kf0a` AS `__kf0a`,
               `__kf0t` AS `__kf0t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
        FROM (
        SELECT `member_id` AS `member_id`,
               `rank` AS `rank`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `rank` AS `rank`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               ((((`__kf0a` ^ 3098437725L) ^ shiftright((`__kf0a` ^ 3098437725L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `rank` AS `rank`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `member_id` AS `member_id`,
               `rank` AS `rank`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `rank` AS `rank`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 3924091176L) ^ shiftright((`__kf0b` ^ 3924091176L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `rank` AS `rank`,
               shiftright(`member_id`, 26) AS `__kf0a`,
               (`member_id` & 67108863L) AS `__kf0b`
        FROM (
        SELECT `member_id` AS `member_id`,
               `rank` AS `rank`
        FROM (
        SELECT `__key` AS `__key`,
               `__w0` AS `__w0`,
               `__key` AS `member_id`,
               `__w0` AS `rank`
        FROM (
        SELECT `s`.`member_id` AS `__key`,
               row_number() OVER (PARTITION BY `s`.`household_id` ORDER BY CAST(`s`.`position` AS BIGINT), `s`.`member_id`) AS `__w0`
        FROM (
        SELECT `position` AS `position`,
               ((`__kf0a` * 67108864L) + `__kf0b`) AS `member_id`,
               ((`__kf1a` * 67108864L) + `__kf1b`) AS `household_id`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               `__kf0t` AS `__kf0t`,
               `__kf1t` AS `__kf1t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`,
               (`__kf1a` ^ ((`__kf1t` ^ shiftright(`__kf1t`, 16)) & 134217727L)) AS `__kf1a`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`,
               (((`__kf1t` ^ shiftright(`__kf1t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               ((((`__kf0b` ^ 3924091176L) ^ shiftright((`__kf0b` ^ 3924091176L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`,
               ((((`__kf1b` ^ 1483724447L) ^ shiftright((`__kf1b` ^ 1483724447L), 16)) * 2146121005L) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               `__kf0t` AS `__kf0t`,
               `__kf1t` AS `__kf1t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`,
               (`__kf1b` ^ ((`__kf1t` ^ shiftright(`__kf1t`, 16)) & 67108863L)) AS `__kf1b`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`,
               (((`__kf1t` ^ shiftright(`__kf1t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               ((((`__kf0a` ^ 3098437725L) ^ shiftright((`__kf0a` ^ 3098437725L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`,
               ((((`__kf1a` ^ 1118683235L) ^ shiftright((`__kf1a` ^ 1118683235L), 16)) * 2146121005L) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               `__kf0t` AS `__kf0t`,
               `__kf1t` AS `__kf1t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`,
               (`__kf1a` ^ ((`__kf1t` ^ shiftright(`__kf1t`, 16)) & 134217727L)) AS `__kf1a`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`,
               (((`__kf1t` ^ shiftright(`__kf1t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               ((((`__kf0b` ^ 4037405170L) ^ shiftright((`__kf0b` ^ 4037405170L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`,
               ((((`__kf1b` ^ 1346810089L) ^ shiftright((`__kf1b` ^ 1346810089L), 16)) * 2146121005L) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               `__kf0t` AS `__kf0t`,
               `__kf1t` AS `__kf1t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`,
               (`__kf1b` ^ ((`__kf1t` ^ shiftright(`__kf1t`, 16)) & 67108863L)) AS `__kf1b`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               `__kf1a` AS `__kf1a`,
               `__kf1b` AS `__kf1b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`,
               (((`__kf1t` ^ shiftright(`__kf1t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               `__kf1a` AS `__kf1a`,
               `__kf1b` AS `__kf1b`,
               ((((`__kf0a` ^ 568423070L) ^ shiftright((`__kf0a` ^ 568423070L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`,
               ((((`__kf1a` ^ 1315238215L) ^ shiftright((`__kf1a` ^ 1315238215L), 16)) * 2146121005L) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `member_id` AS `member_id`,
               `household_id` AS `household_id`,
               `position` AS `position`,
               shiftright(`member_id`, 26) AS `__kf0a`,
               (`member_id` & 67108863L) AS `__kf0b`,
               shiftright(`household_id`, 26) AS `__kf1a`,
               (`household_id` & 67108863L) AS `__kf1b`
        FROM (
        SELECT `t`.`member_id` AS `member_id`,
               `t`.`household_id` AS `household_id`,
               `t`.`position` AS `position`
        FROM `members` `t`
        ) `l0`
        ) `l1`
        ) `l2`
        ) `l3`
        ) `l4`
        ) `l5`
        ) `l6`
        ) `l7`
        ) `l8`
        ) `l9`
        ) `l10`
        ) `l11`
        ) `l12`
        ) `l13`
        ) `s`
        ) `l0`
        ) `l1`
        ) `l2`
        ) `l3`
        ) `l4`
        ) `l5`
        ) `l6`
        ) `l7`
        ) `l8`
        ) `l9`
        ) `l10`
        ) `l11`
        ) `l12`
      ) `l13`
    ) `l14`
  ) `l15`
) `f`;

-- table offers
CREATE OR REPLACE TABLE `offers`
USING DELTA
TBLPROPERTIES ('synthgraph.entity' = 'offers')
AS
SELECT CAST(`__id0` AS BIGINT) AS `offer_id`,
       CAST(`channel` AS STRING) AS `channel`
FROM (
  SELECT `offer_id` AS `offer_id`,
         `channel` AS `channel`,
         ((`__kf0a` * 67108864L) + `__kf0b`) AS `__id0`
  FROM (
    SELECT `offer_id` AS `offer_id`,
           `channel` AS `channel`,
           `__kf0a` AS `__kf0a`,
           `__kf0t` AS `__kf0t`,
           (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
    FROM (
      SELECT `offer_id` AS `offer_id`,
             `channel` AS `channel`,
             `__kf0b` AS `__kf0b`,
             `__kf0a` AS `__kf0a`,
             (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
      FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               ((((`__kf0a` ^ 1113691358L) ^ shiftright((`__kf0a` ^ 1113691358L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 1639969290L) ^ shiftright((`__kf0b` ^ 1639969290L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0a` AS `__kf0a`,
               `__kf0t` AS `__kf0t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               ((((`__kf0a` ^ 2937484563L) ^ shiftright((`__kf0a` ^ 2937484563L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 4057319607L) ^ shiftright((`__kf0b` ^ 4057319607L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               shiftright(`offer_id`, 26) AS `__kf0a`,
               (`offer_id` & 67108863L) AS `__kf0b`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`
        FROM (
        SELECT `__key` AS `__key`,
               `__r0` AS `__r0`,
               `__key` AS `offer_id`,
               CASE WHEN `__r0` < 2147483648L THEN 'email' ELSE 'ctv' END AS `channel`
        FROM (
        SELECT `__key` AS `__key`,
               (`__r0` ^ shiftright(`__r0`, 16)) AS `__r0`
        FROM (
        SELECT `__key` AS `__key`,
               (((`__r0` ^ shiftright(`__r0`, 15)) * (-2073254261L)) & 4294967295L) AS `__r0`
        FROM (
        SELECT `__key` AS `__key`,
               (((`__r0` ^ shiftright(`__r0`, 16)) * 2146121005L) & 4294967295L) AS `__r0`
        FROM (
        SELECT `__key` AS `__key`,
               (((`__r0` ^ shiftright(`__r0`, 16)) ^ shiftright(`__key`, 32)) ^ 1333838374L) AS `__r0`
        FROM (
        SELECT `__key` AS `__key`,
               (((`__r0` ^ shiftright(`__r0`, 15)) * (-2073254261L)) & 4294967295L) AS `__r0`
        FROM (
        SELECT `__key` AS `__key`,
               (((((`__key` & 4294967295L) ^ 1285296263L) ^ shiftright(((`__key` & 4294967295L) ^ 1285296263L), 16)) * 2146121005L) & 4294967295L) AS `__r0`
        FROM (
        SELECT `r`.`__range` AS `__key`
        FROM range(0L, 2L, 1L, 1) AS `r`(`__range`)
        ) `l0`
        ) `l1`
        ) `l2`
        ) `l3`
        ) `l4`
        ) `l5`
        ) `l6`
        ) `l7`
        ) `l8`
        ) `l9`
        ) `l10`
        ) `l11`
        ) `l12`
        ) `l13`
        ) `l14`
        ) `l15`
        ) `l16`
        ) `l17`
        ) `l18`
      ) `l19`
    ) `l20`
  ) `l21`
) `f`;

-- table matches
CREATE OR REPLACE TABLE `matches`
USING DELTA
TBLPROPERTIES ('synthgraph.entity' = 'matches')
AS
SELECT CAST(`__id0` AS BIGINT) AS `match_id`,
       CAST(`__id1` AS BIGINT) AS `household_id`,
       CAST(`channel` AS STRING) AS `channel`
FROM (
  SELECT `match_id` AS `match_id`,
         `household_id` AS `household_id`,
         `channel` AS `channel`,
         ((`__kf0a` * 67108864L) + `__kf0b`) AS `__id0`,
         ((`__kf1a` * 67108864L) + `__kf1b`) AS `__id1`
  FROM (
    SELECT `match_id` AS `match_id`,
           `household_id` AS `household_id`,
           `channel` AS `channel`,
           `__kf0a` AS `__kf0a`,
           `__kf1a` AS `__kf1a`,
           `__kf0t` AS `__kf0t`,
           `__kf1t` AS `__kf1t`,
           (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`,
           (`__kf1b` ^ ((`__kf1t` ^ shiftright(`__kf1t`, 16)) & 67108863L)) AS `__kf1b`
    FROM (
      SELECT `match_id` AS `match_id`,
             `household_id` AS `household_id`,
             `channel` AS `channel`,
             `__kf0b` AS `__kf0b`,
             `__kf1b` AS `__kf1b`,
             `__kf0a` AS `__kf0a`,
             `__kf1a` AS `__kf1a`,
             (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`,
             (((`__kf1t` ^ shiftright(`__kf1t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf1t`
      FROM (
        SELECT `match_id` AS `match_id`,
               `household_id` AS `household_id`,
               `channel` AS `channel`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               ((((`__kf0a` ^ 1212332792L) ^ shiftright((`__kf0a` ^ 1212332792L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`,
               ((((`__kf1a` ^ 1315238215L) ^ shiftright((`__kf1a` ^ 1315238215L), 16)) * 2146121005L) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `match_id` AS `match_id`,
               `household_id` AS `household_id`,
               `channel` AS `channel`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               `__kf0t` AS `__kf0t`,
               `__kf1t` AS `__kf1t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`,
               (`__kf1a` ^ ((`__kf1t` ^ shiftright(`__kf1t`, 16)) & 134217727L)) AS `__kf1a`
        FROM (
        SELECT `match_id` AS `match_id`,
               `household_id` AS `household_id`,
               `channel` AS `channel`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`,
               (((`__kf1t` ^ shiftright(`__kf1t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `match_id` AS `match_id`,
               `household_id` AS `household_id`,
               `channel` AS `channel`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               ((((`__kf0b` ^ 2865191533L) ^ shiftright((`__kf0b` ^ 2865191533L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`,
               ((((`__kf1b` ^ 1346810089L) ^ shiftright((`__kf1b` ^ 1346810089L), 16)) * 2146121005L) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `match_id` AS `match_id`,
               `household_id` AS `household_id`,
               `channel` AS `channel`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               `__kf0t` AS `__kf0t`,
               `__kf1t` AS `__kf1t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`,
               (`__kf1b` ^ ((`__kf1t` ^ shiftright(`__kf1t`, 16)) & 67108863L)) AS `__kf1b`
        FROM (
        SELECT `match_id` AS `match_id`,
               `household_id` AS `household_id`,
               `channel` AS `channel`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`,
               (((`__kf1t` ^ shiftright(`__kf1t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `match_id` AS `match_id`,
               `household_id` AS `household_id`,
               `channel` AS `channel`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               `__kf0a` AS `__kf0a`,
               `__kf1a` AS `__kf1a`,
               ((((`__kf0a` ^ 924145408L) ^ shiftright((`__kf0a` ^ 924145408L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`,
               ((((`__kf1a` ^ 1118683235L) ^ shiftright((`__kf1a` ^ 1118683235L), 16)) * 2146121005L) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `match_id` AS `match_id`,
               `household_id` AS `household_id`,
               `channel` AS `channel`,
               `__kf0b` AS `__kf0b`,
               `__kf1b` AS `__kf1b`,
               `__kf0t` AS `__kf0t`,
               `__kf1t` AS `__kf1t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`,
               (`__kf1a` ^ ((`__kf1t` ^ shiftright(`__kf1t`, 16)) & 134217727L)) AS `__kf1a`
        FROM (
        SELECT `match_id` AS `match_id`,
               `household_id` AS `household_id`,
               `channel` AS `channel`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               `__kf1a` AS `__kf1a`,
               `__kf1b` AS `__kf1b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`,
               (((`__kf1t` ^ shiftright(`__kf1t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `match_id` AS `match_id`,
               `household_id` AS `household_id`,
               `channel` AS `channel`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               `__kf1a` AS `__kf1a`,
               `__kf1b` AS `__kf1b`,
               ((((`__kf0b` ^ 2362783645L) ^ shiftright((`__kf0b` ^ 2362783645L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`,
               ((((`__kf1b` ^ 1483724447L) ^ shiftright((`__kf1b` ^ 1483724447L), 16)) * 2146121005L) & 4294967295L) AS `__kf1t`
        FROM (
        SELECT `match_id` AS `match_id`,
               `household_id` AS `household_id`,
               `channel` AS `channel`,
               shiftright(`match_id`, 26) AS `__kf0a`,
               (`match_id` & 67108863L) AS `__kf0b`,
               shiftright(`household_id`, 26) AS `__kf1a`,
               (`household_id` & 67108863L) AS `__kf1b`
        FROM (
        SELECT `match_id` AS `match_id`,
               `household_id` AS `household_id`,
               `channel` AS `channel`
        FROM (
        SELECT `__key` AS `__key`,
               `__left_household_id` AS `__left_household_id`,
               `__left_size` AS `__left_size`,
               `__right_channel` AS `__right_channel`,
               `__kept` AS `__kept`,
               `__key` AS `match_id`,
               `__left_household_id` AS `household_id`,
               `__right_channel` AS `channel`
        FROM (
        SELECT `__key` AS `__key`,
               `__left_household_id` AS `__left_household_id`,
               `__left_size` AS `__left_size`,
               `__right_channel` AS `__right_channel`,
               explode(CASE WHEN CASE WHEN (`__keep` = TRUE) THEN 1L ELSE 0L END > 0L THEN sequence(0L, CASE WHEN (`__keep` = TRUE) THEN 1L ELSE 0L END - 1L) ELSE CAST(array() AS ARRAY<BIGINT>) END) AS `__kept`
        FROM (
        SELECT `__key` AS `__key`,
               `__left_household_id` AS `__left_household_id`,
               `__left_size` AS `__left_size`,
               `__right_channel` AS `__right_channel`,
               `__kr0` AS `__kr0`,
               ((`__left_size` > 1L) AND (`__kr0` < 2147483648L)) AS `__keep`
        FROM (
        SELECT `__key` AS `__key`,
               `__left_household_id` AS `__left_household_id`,
               `__left_size` AS `__left_size`,
               `__right_channel` AS `__right_channel`,
               (`__kr0` ^ shiftright(`__kr0`, 16)) AS `__kr0`
        FROM (
        SELECT `__key` AS `__key`,
               `__left_household_id` AS `__left_household_id`,
               `__left_size` AS `__left_size`,
               `__right_channel` AS `__right_channel`,
               (((`__kr0` ^ shiftright(`__kr0`, 15)) * (-2073254261L)) & 4294967295L) AS `__kr0`
        FROM (
        SELECT `__key` AS `__key`,
               `__left_household_id` AS `__left_household_id`,
               `__left_size` AS `__left_size`,
               `__right_channel` AS `__right_channel`,
               (((`__kr0` ^ shiftright(`__kr0`, 16)) * 2146121005L) & 4294967295L) AS `__kr0`
        FROM (
        SELECT `__key` AS `__key`,
               `__left_household_id` AS `__left_household_id`,
               `__left_size` AS `__left_size`,
               `__right_channel` AS `__right_channel`,
               (((`__kr0` ^ shiftright(`__kr0`, 16)) ^ shiftright(`__key`, 32)) ^ 2115866918L) AS `__kr0`
        FROM (
        SELECT `__key` AS `__key`,
               `__left_household_id` AS `__left_household_id`,
               `__left_size` AS `__left_size`,
               `__right_channel` AS `__right_channel`,
               (((`__kr0` ^ shiftright(`__kr0`, 15)) * (-2073254261L)) & 4294967295L) AS `__kr0`
        FROM (
        SELECT `__key` AS `__key`,
               `__left_household_id` AS `__left_household_id`,
               `__left_size` AS `__left_size`,
               `__right_channel` AS `__right_channel`,
               (((((`__key` & 4294967295L) ^ 3148003288L) ^ shiftright(((`__key` & 4294967295L) ^ 3148003288L), 16)) * 2146121005L) & 4294967295L) AS `__kr0`
        FROM (
        SELECT ((`a`.`household_id` * 2L) + `b`.`offer_id`) AS `__key`,
               `a`.`household_id` AS `__left_household_id`,
               CAST(`a`.`size` AS BIGINT) AS `__left_size`,
               `b`.`channel` AS `__right_channel`
        FROM (
        SELECT `size` AS `size`,
               ((`__kf0a` * 67108864L) + `__kf0b`) AS `household_id`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 1483724447L) ^ shiftright((`__kf0b` ^ 1483724447L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0a` AS `__kf0a`,
               `__kf0t` AS `__kf0t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               ((((`__kf0a` ^ 1118683235L) ^ shiftright((`__kf0a` ^ 1118683235L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 1346810089L) ^ shiftright((`__kf0b` ^ 1346810089L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0a` AS `__kf0a`,
               `__kf0t` AS `__kf0t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0a` ^ 1315238215L) ^ shiftright((`__kf0a` ^ 1315238215L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `household_id` AS `household_id`,
               `size` AS `size`,
               shiftright(`household_id`, 26) AS `__kf0a`,
               (`household_id` & 67108863L) AS `__kf0b`
        FROM (
        SELECT `t`.`household_id` AS `household_id`,
               `t`.`size` AS `size`
        FROM `households` `t`
        ) `l0`
        ) `l1`
        ) `l2`
        ) `l3`
        ) `l4`
        ) `l5`
        ) `l6`
        ) `l7`
        ) `l8`
        ) `l9`
        ) `l10`
        ) `l11`
        ) `l12`
        ) `l13`
        ) `a`
        CROSS JOIN (
        SELECT `channel` AS `channel`,
               ((`__kf0a` * 67108864L) + `__kf0b`) AS `offer_id`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 4057319607L) ^ shiftright((`__kf0b` ^ 4057319607L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0a` AS `__kf0a`,
               `__kf0t` AS `__kf0t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0b` AS `__kf0b`,
               `__kf0a` AS `__kf0a`,
               ((((`__kf0a` ^ 2937484563L) ^ shiftright((`__kf0a` ^ 2937484563L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0b` AS `__kf0b`,
               `__kf0t` AS `__kf0t`,
               (`__kf0a` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 134217727L)) AS `__kf0a`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0b` ^ 1639969290L) ^ shiftright((`__kf0b` ^ 1639969290L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0a` AS `__kf0a`,
               `__kf0t` AS `__kf0t`,
               (`__kf0b` ^ ((`__kf0t` ^ shiftright(`__kf0t`, 16)) & 67108863L)) AS `__kf0b`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               (((`__kf0t` ^ shiftright(`__kf0t`, 15)) * (-2073254261L)) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               `__kf0a` AS `__kf0a`,
               `__kf0b` AS `__kf0b`,
               ((((`__kf0a` ^ 1113691358L) ^ shiftright((`__kf0a` ^ 1113691358L), 16)) * 2146121005L) & 4294967295L) AS `__kf0t`
        FROM (
        SELECT `offer_id` AS `offer_id`,
               `channel` AS `channel`,
               shiftright(`offer_id`, 26) AS `__kf0a`,
               (`offer_id` & 67108863L) AS `__kf0b`
        FROM (
        SELECT `t`.`offer_id` AS `offer_id`,
               `t`.`channel` AS `channel`
        FROM `offers` `t`
        ) `l0`
        ) `l1`
        ) `l2`
        ) `l3`
        ) `l4`
        ) `l5`
        ) `l6`
        ) `l7`
        ) `l8`
        ) `l9`
        ) `l10`
        ) `l11`
        ) `l12`
        ) `l13`
        ) `b`
        ) `l0`
        ) `l1`
        ) `l2`
        ) `l3`
        ) `l4`
        ) `l5`
        ) `l6`
        ) `l7`
        ) `l8`
        ) `l9`
        ) `l10`
        ) `l11`
        ) `l12`
        ) `l13`
        ) `l14`
        ) `l15`
        ) `l16`
        ) `l17`
        ) `l18`
        ) `l19`
        ) `l20`
      ) `l21`
    ) `l22`
  ) `l23`
) `f`;

-- check households.primaryKey(household_id)
SELECT coalesce(sum(`d`.`extra`), 0L) AS `violations`
FROM (
  SELECT CASE WHEN (`t`.`household_id` IS NULL) THEN count(*) ELSE (count(*) - 1L) END AS `extra`
  FROM `households` `t`
  GROUP BY `t`.`household_id`
  HAVING ((count(*) > 1L) OR (`t`.`household_id` IS NULL))
) `d`;

-- check households.enum(tier)
SELECT count(*) AS `violations`
FROM `households` `t`
WHERE ((`t`.`tier` IS NOT NULL) AND (`t`.`tier` NOT IN ('gold', 'it\'s "silver"')));

-- check households.range(size in [1, 3])
SELECT count(*) AS `violations`
FROM `households` `t`
WHERE ((CAST(`t`.`size` AS BIGINT) < 1L) OR (CAST(`t`.`size` AS BIGINT) > 3L));

-- check members.primaryKey(member_id)
SELECT coalesce(sum(`d`.`extra`), 0L) AS `violations`
FROM (
  SELECT CASE WHEN (`t`.`member_id` IS NULL) THEN count(*) ELSE (count(*) - 1L) END AS `extra`
  FROM `members` `t`
  GROUP BY `t`.`member_id`
  HAVING ((count(*) > 1L) OR (`t`.`member_id` IS NULL))
) `d`;

-- check members.foreignKey(household_id → households.household_id)
SELECT count(*) AS `violations`
FROM `members` `t`
LEFT JOIN `households` `p` ON (`t`.`household_id` = `p`.`household_id`)
WHERE ((`t`.`household_id` IS NOT NULL) AND (`p`.`household_id` IS NULL));

-- check members.rule(inactive_on)
SELECT count(*) AS `violations`
FROM (
  SELECT `t`.`active` AS `active`,
         `t`.`label` AS `label`
  FROM `members` `t`
) `t`
WHERE (((NOT `t`.`active`) AND (`t`.`label` = 'on')) = TRUE);

-- check household_stats.primaryKey(household_id)
SELECT coalesce(sum(`d`.`extra`), 0L) AS `violations`
FROM (
  SELECT CASE WHEN (`t`.`household_id` IS NULL) THEN count(*) ELSE (count(*) - 1L) END AS `extra`
  FROM `household_stats` `t`
  GROUP BY `t`.`household_id`
  HAVING ((count(*) > 1L) OR (`t`.`household_id` IS NULL))
) `d`;

-- check household_stats.foreignKey(household_id → households.household_id)
SELECT count(*) AS `violations`
FROM `household_stats` `t`
LEFT JOIN `households` `p` ON (`t`.`household_id` = `p`.`household_id`)
WHERE ((`t`.`household_id` IS NOT NULL) AND (`p`.`household_id` IS NULL));

-- check household_stats.childCount(members = count of members.household_id)
SELECT count(*) AS `violations`
FROM `household_stats` `t`
LEFT JOIN (
  SELECT `c`.`household_id` AS `k`,
         count(*) AS `n`
  FROM `members` `c`
  GROUP BY `c`.`household_id`
) `x` ON (`x`.`k` = `t`.`household_id`)
WHERE (coalesce(`x`.`n`, 0L) <> `t`.`members`);

-- check member_ranks.primaryKey(member_id)
SELECT coalesce(sum(`d`.`extra`), 0L) AS `violations`
FROM (
  SELECT CASE WHEN (`t`.`member_id` IS NULL) THEN count(*) ELSE (count(*) - 1L) END AS `extra`
  FROM `member_ranks` `t`
  GROUP BY `t`.`member_id`
  HAVING ((count(*) > 1L) OR (`t`.`member_id` IS NULL))
) `d`;

-- check member_ranks.unique(member_id)
SELECT coalesce(sum(`d`.`extra`), 0L) AS `violations`
FROM (
  SELECT (count(*) - 1L) AS `extra`
  FROM `member_ranks` `t`
  GROUP BY `t`.`member_id`
  HAVING (count(*) > 1L)
) `d`;

-- check offers.primaryKey(offer_id)
SELECT coalesce(sum(`d`.`extra`), 0L) AS `violations`
FROM (
  SELECT CASE WHEN (`t`.`offer_id` IS NULL) THEN count(*) ELSE (count(*) - 1L) END AS `extra`
  FROM `offers` `t`
  GROUP BY `t`.`offer_id`
  HAVING ((count(*) > 1L) OR (`t`.`offer_id` IS NULL))
) `d`;

-- check offers.notNull(channel)
SELECT count(*) AS `violations`
FROM `offers` `t`
WHERE (`t`.`channel` IS NULL);

-- check matches.primaryKey(match_id)
SELECT coalesce(sum(`d`.`extra`), 0L) AS `violations`
FROM (
  SELECT CASE WHEN (`t`.`match_id` IS NULL) THEN count(*) ELSE (count(*) - 1L) END AS `extra`
  FROM `matches` `t`
  GROUP BY `t`.`match_id`
  HAVING ((count(*) > 1L) OR (`t`.`match_id` IS NULL))
) `d`;

-- check matches.foreignKey(household_id → households.household_id)
SELECT count(*) AS `violations`
FROM `matches` `t`
LEFT JOIN `households` `p` ON (`t`.`household_id` = `p`.`household_id`)
WHERE ((`t`.`household_id` IS NOT NULL) AND (`p`.`household_id` IS NULL));

-- table households
CREATE OR REPLACE TABLE "households" AS
SELECT CAST("__id0" AS BIGINT) AS "household_id",
       CAST("size" AS INTEGER) AS "size",
       CAST("city" AS VARCHAR) AS "city",
       CAST("tier" AS VARCHAR) AS "tier",
       make_timestamp("created_at") AS "created_at",
       CAST(make_timestamp(("created_day") * 86400000000::BIGINT) AS DATE) AS "created_day",
       CAST(CAST("income" AS DECIMAL(18,0)) * 0.01 AS DECIMAL(12,2)) AS "income",
       CAST("quote" AS VARCHAR) AS "quote"
FROM (
  SELECT "household_id" AS "household_id",
         "size" AS "size",
         "city" AS "city",
         "tier" AS "tier",
         "created_at" AS "created_at",
         "created_day" AS "created_day",
         "income" AS "income",
         "quote" AS "quote",
         (("__kf0a" * 67108864::BIGINT) + "__kf0b") AS "__id0"
  FROM (
    SELECT "household_id" AS "household_id",
           "size" AS "size",
           "city" AS "city",
           "tier" AS "tier",
           "created_at" AS "created_at",
           "created_day" AS "created_day",
           "income" AS "income",
           "quote" AS "quote",
           "__kf0a" AS "__kf0a",
           "__kf0t" AS "__kf0t",
           xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
    FROM (
      SELECT "household_id" AS "household_id",
             "size" AS "size",
             "city" AS "city",
             "tier" AS "tier",
             "created_at" AS "created_at",
             "created_day" AS "created_day",
             "income" AS "income",
             "quote" AS "quote",
             "__kf0b" AS "__kf0b",
             "__kf0a" AS "__kf0a",
             ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
      FROM (
        SELECT "household_id" AS "household_id",
               "size" AS "size",
               "city" AS "city",
               "tier" AS "tier",
               "created_at" AS "created_at",
               "created_day" AS "created_day",
               "income" AS "income",
               "quote" AS "quote",
               "__kf0b" AS "__kf0b",
               "__kf0a" AS "__kf0a",
               ((xor(xor("__kf0a", 1315238215::BIGINT), (xor("__kf0a", 1315238215::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
        FROM (
          SELECT "household_id" AS "household_id",
                 "size" AS "size",
                 "city" AS "city",
                 "tier" AS "tier",
                 "created_at" AS "created_at",
                 "created_day" AS "created_day",
                 "income" AS "income",
                 "quote" AS "quote",
                 "__kf0b" AS "__kf0b",
                 "__kf0t" AS "__kf0t",
                 xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
          FROM (
            SELECT "household_id" AS "household_id",
                   "size" AS "size",
                   "city" AS "city",
                   "tier" AS "tier",
                   "created_at" AS "created_at",
                   "created_day" AS "created_day",
                   "income" AS "income",
                   "quote" AS "quote",
                   "__kf0a" AS "__kf0a",
                   "__kf0b" AS "__kf0b",
                   ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
            FROM (
              SELECT "household_id" AS "household_id",
                     "size" AS "size",
                     "city" AS "city",
                     "tier" AS "tier",
                     "created_at" AS "created_at",
                     "created_day" AS "created_day",
                     "income" AS "income",
                     "quote" AS "quote",
                     "__kf0a" AS "__kf0a",
                     "__kf0b" AS "__kf0b",
                     ((xor(xor("__kf0b", 1346810089::BIGINT), (xor("__kf0b", 1346810089::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
              FROM (
                SELECT "household_id" AS "household_id",
                       "size" AS "size",
                       "city" AS "city",
                       "tier" AS "tier",
                       "created_at" AS "created_at",
                       "created_day" AS "created_day",
                       "income" AS "income",
                       "quote" AS "quote",
                       "__kf0a" AS "__kf0a",
                       "__kf0t" AS "__kf0t",
                       xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
                FROM (
                  SELECT "household_id" AS "household_id",
                         "size" AS "size",
                         "city" AS "city",
                         "tier" AS "tier",
                         "created_at" AS "created_at",
                         "created_day" AS "created_day",
                         "income" AS "income",
                         "quote" AS "quote",
                         "__kf0b" AS "__kf0b",
                         "__kf0a" AS "__kf0a",
                         ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                  FROM (
                    SELECT "household_id" AS "household_id",
                           "size" AS "size",
                           "city" AS "city",
                           "tier" AS "tier",
                           "created_at" AS "created_at",
                           "created_day" AS "created_day",
                           "income" AS "income",
                           "quote" AS "quote",
                           "__kf0b" AS "__kf0b",
                           "__kf0a" AS "__kf0a",
                           ((xor(xor("__kf0a", 1118683235::BIGINT), (xor("__kf0a", 1118683235::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                    FROM (
                      SELECT "household_id" AS "household_id",
                             "size" AS "size",
                             "city" AS "city",
                             "tier" AS "tier",
                             "created_at" AS "created_at",
                             "created_day" AS "created_day",
                             "income" AS "income",
                             "quote" AS "quote",
                             "__kf0b" AS "__kf0b",
                             "__kf0t" AS "__kf0t",
                             xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
                      FROM (
                        SELECT "household_id" AS "household_id",
                               "size" AS "size",
                               "city" AS "city",
                               "tier" AS "tier",
                               "created_at" AS "created_at",
                               "created_day" AS "created_day",
                               "income" AS "income",
                               "quote" AS "quote",
                               "__kf0a" AS "__kf0a",
                               "__kf0b" AS "__kf0b",
                               ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                        FROM (
                          SELECT "household_id" AS "household_id",
                                 "size" AS "size",
                                 "city" AS "city",
                                 "tier" AS "tier",
                                 "created_at" AS "created_at",
                                 "created_day" AS "created_day",
                                 "income" AS "income",
                                 "quote" AS "quote",
                                 "__kf0a" AS "__kf0a",
                                 "__kf0b" AS "__kf0b",
                                 ((xor(xor("__kf0b", 1483724447::BIGINT), (xor("__kf0b", 1483724447::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                          FROM (
                            SELECT "household_id" AS "household_id",
                                   "size" AS "size",
                                   "city" AS "city",
                                   "tier" AS "tier",
                                   "created_at" AS "created_at",
                                   "created_day" AS "created_day",
                                   "income" AS "income",
                                   "quote" AS "quote",
                                   ("household_id" >> 26) AS "__kf0a",
                                   ("household_id" & 67108863::BIGINT) AS "__kf0b"
                            FROM (
                              SELECT "household_id" AS "household_id",
                                     "size" AS "size",
                                     "city" AS "city",
                                     "tier" AS "tier",
                                     "created_at" AS "created_at",
                                     "created_day" AS "created_day",
                                     "income" AS "income",
                                     "quote" AS "quote"
                              FROM (
                                SELECT "__key" AS "__key",
                                       "__r0" AS "__r0",
                                       "__r1" AS "__r1",
                                       "__r2" AS "__r2",
                                       "__r3" AS "__r3",
                                       "__r4" AS "__r4",
                                       "__r5" AS "__r5",
                                       "__r6" AS "__r6",
                                       "household_id" AS "household_id",
                                       "size" AS "size",
                                       "place" AS "place",
                                       "tier" AS "tier",
                                       "created_at" AS "created_at",
                                       "income" AS "income",
                                       "quote" AS "quote",
                                       ['O''Fallon', 'Back\slash'][("place") + 1] AS "city",
                                       CAST(floor((CAST("created_at" AS DOUBLE) / CAST(8.64e10 AS DOUBLE))) AS BIGINT) AS "created_day"
                                FROM (
                                  SELECT "__key" AS "__key",
                                         "__r0" AS "__r0",
                                         "__r1" AS "__r1",
                                         "__r2" AS "__r2",
                                         "__r3" AS "__r3",
                                         "__r4" AS "__r4",
                                         "__r5" AS "__r5",
                                         "__r6" AS "__r6",
                                         "__key" AS "household_id",
                                         (1::BIGINT + (("__r0" * 3::BIGINT) // 4294967296::BIGINT)) AS "size",
                                         CASE WHEN "__r1" < 2863311531::BIGINT THEN 0::BIGINT ELSE 1::BIGINT END AS "place",
                                         CASE WHEN "__r2" < 1431655765::BIGINT THEN 'gold' ELSE 'it''s "silver"' END AS "tier",
                                         (((1735689600000000::BIGINT + (((((("__r3" * 2::BIGINT) + 1::BIGINT) * 3::BIGINT) - 1::BIGINT) // 8589934592::BIGINT) * 86400000000::BIGINT)) + ((("__r4" * 24::BIGINT) // 4294967296::BIGINT) * 3600000000::BIGINT)) + ((("__r5" * 3600::BIGINT) // 4294967296::BIGINT) * 1000000::BIGINT)) AS "created_at",
                                         CAST(floor(((1e3 + (1e3 * ("__r6" * 2.3283064365386963e-10))) * 100::BIGINT)) AS BIGINT) AS "income",
                                         ('it''s #' || CAST("__key" AS VARCHAR)) AS "quote"
                                  FROM (
                                    SELECT "__key" AS "__key",
                                           xor("__r0", ("__r0" >> 16)) AS "__r0",
                                           xor("__r1", ("__r1" >> 16)) AS "__r1",
                                           xor("__r2", ("__r2" >> 16)) AS "__r2",
                                           xor("__r3", ("__r3" >> 16)) AS "__r3",
                                           xor("__r4", ("__r4" >> 16)) AS "__r4",
                                           xor("__r5", ("__r5" >> 16)) AS "__r5",
                                           xor("__r6", ("__r6" >> 16)) AS "__r6"
                                    FROM (
                                      SELECT "__key" AS "__key",
                                             ((xor("__r0", ("__r0" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r0",
                                             ((xor("__r1", ("__r1" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r1",
                                             ((xor("__r2", ("__r2" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r2",
                                             ((xor("__r3", ("__r3" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r3",
                                             ((xor("__r4", ("__r4" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r4",
                                             ((xor("__r5", ("__r5" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r5",
                                             ((xor("__r6", ("__r6" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r6"
                                      FROM (
                                        SELECT "__key" AS "__key",
                                               ((xor("__r0", ("__r0" >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r0",
                                               ((xor("__r1", ("__r1" >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r1",
                                               ((xor("__r2", ("__r2" >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r2",
                                               ((xor("__r3", ("__r3" >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r3",
                                               ((xor("__r4", ("__r4" >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r4",
                                               ((xor("__r5", ("__r5" >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r5",
                                               ((xor("__r6", ("__r6" >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r6"
                                        FROM (
                                          SELECT "__key" AS "__key",
                                                 xor(xor(xor("__r0", ("__r0" >> 16)), ("__key" >> 32)), 1329151190::BIGINT) AS "__r0",
                                                 xor(xor(xor("__r1", ("__r1" >> 16)), ("__key" >> 32)), 1765804012::BIGINT) AS "__r1",
                                                 xor(xor(xor("__r2", ("__r2" >> 16)), ("__key" >> 32)), 2389051706::BIGINT) AS "__r2",
                                                 xor(xor(xor("__r3", ("__r3" >> 16)), ("__key" >> 32)), 381814026::BIGINT) AS "__r3",
                                                 xor(xor(xor("__r4", ("__r4" >> 16)), ("__key" >> 32)), 767774363::BIGINT) AS "__r4",
                                                 xor(xor(xor("__r5", ("__r5" >> 16)), ("__key" >> 32)), 2826378755::BIGINT) AS "__r5",
                                                 xor(xor(xor("__r6", ("__r6" >> 16)), ("__key" >> 32)), 1418735035::BIGINT) AS "__r6"
                                          FROM (
                                            SELECT "__key" AS "__key",
                                                   ((xor("__r0", ("__r0" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r0",
                                                   ((xor("__r1", ("__r1" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r1",
                                                   ((xor("__r2", ("__r2" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r2",
                                                   ((xor("__r3", ("__r3" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r3",
                                                   ((xor("__r4", ("__r4" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r4",
                                                   ((xor("__r5", ("__r5" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r5",
                                                   ((xor("__r6", ("__r6" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r6"
                                            FROM (
                                              SELECT "__key" AS "__key",
                                                     ((xor(xor(("__key" & 4294967295::BIGINT), 3971259798::BIGINT), (xor(("__key" & 4294967295::BIGINT), 3971259798::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r0",
                                                     ((xor(xor(("__key" & 4294967295::BIGINT), 2934507626::BIGINT), (xor(("__key" & 4294967295::BIGINT), 2934507626::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r1",
                                                     ((xor(xor(("__key" & 4294967295::BIGINT), 2743536185::BIGINT), (xor(("__key" & 4294967295::BIGINT), 2743536185::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r2",
                                                     ((xor(xor(("__key" & 4294967295::BIGINT), 3890616782::BIGINT), (xor(("__key" & 4294967295::BIGINT), 3890616782::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r3",
                                                     ((xor(xor(("__key" & 4294967295::BIGINT), 1967340109::BIGINT), (xor(("__key" & 4294967295::BIGINT), 1967340109::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r4",
                                                     ((xor(xor(("__key" & 4294967295::BIGINT), 4026925053::BIGINT), (xor(("__key" & 4294967295::BIGINT), 4026925053::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r5",
                                                     ((xor(xor(("__key" & 4294967295::BIGINT), 2223794616::BIGINT), (xor(("__key" & 4294967295::BIGINT), 2223794616::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r6"
                                              FROM (
                                                SELECT "r"."__range" AS "__key"
                                                FROM range(0::BIGINT, 20::BIGINT) AS "r"("__range")
                                              ) "l0"
                                            ) "l1"
                                          ) "l2"
                                        ) "l3"
                                      ) "l4"
                                    ) "l5"
                                  ) "l6"
                                ) "l7"
                              ) "l8"
                            ) "l9"
                          ) "l10"
                        ) "l11"
                      ) "l12"
                    ) "l13"
                  ) "l14"
                ) "l15"
              ) "l16"
            ) "l17"
          ) "l18"
        ) "l19"
      ) "l20"
    ) "l21"
  ) "l22"
) "f";

-- table members
CREATE OR REPLACE TABLE "members" AS
SELECT CAST("__id0" AS BIGINT) AS "member_id",
       CAST("__id1" AS BIGINT) AS "household_id",
       CAST("position" AS INTEGER) AS "position",
       CAST("active" AS BOOLEAN) AS "active",
       CAST("hh_tier" AS VARCHAR) AS "hh_tier",
       CAST("label" AS VARCHAR) AS "label",
       CAST("tags" AS VARCHAR[]) AS "tags",
       CAST("scores" AS MAP(VARCHAR, DOUBLE)) AS "scores"
FROM (
  SELECT "member_id" AS "member_id",
         "household_id" AS "household_id",
         "position" AS "position",
         "active" AS "active",
         "hh_tier" AS "hh_tier",
         "label" AS "label",
         "tags" AS "tags",
         "scores" AS "scores",
         (("__kf0a" * 67108864::BIGINT) + "__kf0b") AS "__id0",
         (("__kf1a" * 67108864::BIGINT) + "__kf1b") AS "__id1"
  FROM (
    SELECT "member_id" AS "member_id",
           "household_id" AS "household_id",
           "position" AS "position",
           "active" AS "active",
           "hh_tier" AS "hh_tier",
           "label" AS "label",
           "tags" AS "tags",
           "scores" AS "scores",
           "__kf0a" AS "__kf0a",
           "__kf1a" AS "__kf1a",
           "__kf0t" AS "__kf0t",
           "__kf1t" AS "__kf1t",
           xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b",
           xor("__kf1b", (xor("__kf1t", ("__kf1t" >> 16)) & 67108863::BIGINT)) AS "__kf1b"
    FROM (
      SELECT "member_id" AS "member_id",
             "household_id" AS "household_id",
             "position" AS "position",
             "active" AS "active",
             "hh_tier" AS "hh_tier",
             "label" AS "label",
             "tags" AS "tags",
             "scores" AS "scores",
             "__kf0b" AS "__kf0b",
             "__kf1b" AS "__kf1b",
             "__kf0a" AS "__kf0a",
             "__kf1a" AS "__kf1a",
             ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
             ((xor("__kf1t", ("__kf1t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
      FROM (
        SELECT "member_id" AS "member_id",
               "household_id" AS "household_id",
               "position" AS "position",
               "active" AS "active",
               "hh_tier" AS "hh_tier",
               "label" AS "label",
               "tags" AS "tags",
               "scores" AS "scores",
               "__kf0b" AS "__kf0b",
               "__kf1b" AS "__kf1b",
               "__kf0a" AS "__kf0a",
               "__kf1a" AS "__kf1a",
               ((xor(xor("__kf0a", 568423070::BIGINT), (xor("__kf0a", 568423070::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
               ((xor(xor("__kf1a", 1315238215::BIGINT), (xor("__kf1a", 1315238215::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
        FROM (
          SELECT "member_id" AS "member_id",
                 "household_id" AS "household_id",
                 "position" AS "position",
                 "active" AS "active",
                 "hh_tier" AS "hh_tier",
                 "label" AS "label",
                 "tags" AS "tags",
                 "scores" AS "scores",
                 "__kf0b" AS "__kf0b",
                 "__kf1b" AS "__kf1b",
                 "__kf0t" AS "__kf0t",
                 "__kf1t" AS "__kf1t",
                 xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a",
                 xor("__kf1a", (xor("__kf1t", ("__kf1t" >> 16)) & 134217727::BIGINT)) AS "__kf1a"
          FROM (
            SELECT "member_id" AS "member_id",
                   "household_id" AS "household_id",
                   "position" AS "position",
                   "active" AS "active",
                   "hh_tier" AS "hh_tier",
                   "label" AS "label",
                   "tags" AS "tags",
                   "scores" AS "scores",
                   "__kf0a" AS "__kf0a",
                   "__kf1a" AS "__kf1a",
                   "__kf0b" AS "__kf0b",
                   "__kf1b" AS "__kf1b",
                   ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                   ((xor("__kf1t", ("__kf1t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
            FROM (
              SELECT "member_id" AS "member_id",
                     "household_id" AS "household_id",
                     "position" AS "position",
                     "active" AS "active",
                     "hh_tier" AS "hh_tier",
                     "label" AS "label",
                     "tags" AS "tags",
                     "scores" AS "scores",
                     "__kf0a" AS "__kf0a",
                     "__kf1a" AS "__kf1a",
                     "__kf0b" AS "__kf0b",
                     "__kf1b" AS "__kf1b",
                     ((xor(xor("__kf0b", 4037405170::BIGINT), (xor("__kf0b", 4037405170::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                     ((xor(xor("__kf1b", 1346810089::BIGINT), (xor("__kf1b", 1346810089::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
              FROM (
                SELECT "member_id" AS "member_id",
                       "household_id" AS "household_id",
                       "position" AS "position",
                       "active" AS "active",
                       "hh_tier" AS "hh_tier",
                       "label" AS "label",
                       "tags" AS "tags",
                       "scores" AS "scores",
                       "__kf0a" AS "__kf0a",
                       "__kf1a" AS "__kf1a",
                       "__kf0t" AS "__kf0t",
                       "__kf1t" AS "__kf1t",
                       xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b",
                       xor("__kf1b", (xor("__kf1t", ("__kf1t" >> 16)) & 67108863::BIGINT)) AS "__kf1b"
                FROM (
                  SELECT "member_id" AS "member_id",
                         "household_id" AS "household_id",
                         "position" AS "position",
                         "active" AS "active",
                         "hh_tier" AS "hh_tier",
                         "label" AS "label",
                         "tags" AS "tags",
                         "scores" AS "scores",
                         "__kf0b" AS "__kf0b",
                         "__kf1b" AS "__kf1b",
                         "__kf0a" AS "__kf0a",
                         "__kf1a" AS "__kf1a",
                         ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                         ((xor("__kf1t", ("__kf1t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
                  FROM (
                    SELECT "member_id" AS "member_id",
                           "household_id" AS "household_id",
                           "position" AS "position",
                           "active" AS "active",
                           "hh_tier" AS "hh_tier",
                           "label" AS "label",
                           "tags" AS "tags",
                           "scores" AS "scores",
                           "__kf0b" AS "__kf0b",
                           "__kf1b" AS "__kf1b",
                           "__kf0a" AS "__kf0a",
                           "__kf1a" AS "__kf1a",
                           ((xor(xor("__kf0a", 3098437725::BIGINT), (xor("__kf0a", 3098437725::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                           ((xor(xor("__kf1a", 1118683235::BIGINT), (xor("__kf1a", 1118683235::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
                    FROM (
                      SELECT "member_id" AS "member_id",
                             "household_id" AS "household_id",
                             "position" AS "position",
                             "active" AS "active",
                             "hh_tier" AS "hh_tier",
                             "label" AS "label",
                             "tags" AS "tags",
                             "scores" AS "scores",
                             "__kf0b" AS "__kf0b",
                             "__kf1b" AS "__kf1b",
                             "__kf0t" AS "__kf0t",
                             "__kf1t" AS "__kf1t",
                             xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a",
                             xor("__kf1a", (xor("__kf1t", ("__kf1t" >> 16)) & 134217727::BIGINT)) AS "__kf1a"
                      FROM (
                        SELECT "member_id" AS "member_id",
                               "household_id" AS "household_id",
                               "position" AS "position",
                               "active" AS "active",
                               "hh_tier" AS "hh_tier",
                               "label" AS "label",
                               "tags" AS "tags",
                               "scores" AS "scores",
                               "__kf0a" AS "__kf0a",
                               "__kf0b" AS "__kf0b",
                               "__kf1a" AS "__kf1a",
                               "__kf1b" AS "__kf1b",
                               ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                               ((xor("__kf1t", ("__kf1t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
                        FROM (
                          SELECT "member_id" AS "member_id",
                                 "household_id" AS "household_id",
                                 "position" AS "position",
                                 "active" AS "active",
                                 "hh_tier" AS "hh_tier",
                                 "label" AS "label",
                                 "tags" AS "tags",
                                 "scores" AS "scores",
                                 "__kf0a" AS "__kf0a",
                                 "__kf0b" AS "__kf0b",
                                 "__kf1a" AS "__kf1a",
                                 "__kf1b" AS "__kf1b",
                                 ((xor(xor("__kf0b", 3924091176::BIGINT), (xor("__kf0b", 3924091176::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                                 ((xor(xor("__kf1b", 1483724447::BIGINT), (xor("__kf1b", 1483724447::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
                          FROM (
                            SELECT "member_id" AS "member_id",
                                   "household_id" AS "household_id",
                                   "position" AS "position",
                                   "active" AS "active",
                                   "hh_tier" AS "hh_tier",
                                   "label" AS "label",
                                   "tags" AS "tags",
                                   "scores" AS "scores",
                                   ("member_id" >> 26) AS "__kf0a",
                                   ("member_id" & 67108863::BIGINT) AS "__kf0b",
                                   ("household_id" >> 26) AS "__kf1a",
                                   ("household_id" & 67108863::BIGINT) AS "__kf1b"
                            FROM (
                              SELECT "member_id" AS "member_id",
                                     "household_id" AS "household_id",
                                     "position" AS "position",
                                     "active" AS "active",
                                     "hh_tier" AS "hh_tier",
                                     "label" AS "label",
                                     "tags" AS "tags",
                                     "scores" AS "scores"
                              FROM (
                                SELECT "__pk" AS "__pk",
                                       "__parent_household_id" AS "__parent_household_id",
                                       "__parent_size" AS "__parent_size",
                                       "__index" AS "__index",
                                       "__key" AS "__key",
                                       "__r0" AS "__r0",
                                       "__r1" AS "__r1",
                                       "member_id" AS "member_id",
                                       "household_id" AS "household_id",
                                       "position" AS "position",
                                       "active" AS "active",
                                       "scores" AS "scores",
                                       "__lkk0" AS "__lkk0",
                                       "label" AS "label",
                                       "tags" AS "tags",
                                       "__lk0" AS "__lk0",
                                       "__lk0" AS "hh_tier"
                                FROM (
                                  SELECT "l13"."__pk" AS "__pk",
                                         "l13"."__parent_household_id" AS "__parent_household_id",
                                         "l13"."__parent_size" AS "__parent_size",
                                         "l13"."__index" AS "__index",
                                         "l13"."__key" AS "__key",
                                         "l13"."__r0" AS "__r0",
                                         "l13"."__r1" AS "__r1",
                                         "l13"."member_id" AS "member_id",
                                         "l13"."household_id" AS "household_id",
                                         "l13"."position" AS "position",
                                         "l13"."active" AS "active",
                                         "l13"."scores" AS "scores",
                                         "l13"."__lkk0" AS "__lkk0",
                                         "l13"."label" AS "label",
                                         "l13"."tags" AS "tags",
                                         "l14"."tier" AS "__lk0"
                                  FROM (
                                    SELECT "__pk" AS "__pk",
                                           "__parent_household_id" AS "__parent_household_id",
                                           "__parent_size" AS "__parent_size",
                                           "__index" AS "__index",
                                           "__key" AS "__key",
                                           "__r0" AS "__r0",
                                           "__r1" AS "__r1",
                                           "member_id" AS "member_id",
                                           "household_id" AS "household_id",
                                           "position" AS "position",
                                           "active" AS "active",
                                           "scores" AS "scores",
                                           "__lkk0" AS "__lkk0",
                                           "label" AS "label",
                                           ["label", 'x'] AS "tags"
                                    FROM (
                                      SELECT "__pk" AS "__pk",
                                             "__parent_household_id" AS "__parent_household_id",
                                             "__parent_size" AS "__parent_size",
                                             "__index" AS "__index",
                                             "__key" AS "__key",
                                             "__r0" AS "__r0",
                                             "__r1" AS "__r1",
                                             "member_id" AS "member_id",
                                             "household_id" AS "household_id",
                                             "position" AS "position",
                                             "active" AS "active",
                                             "scores" AS "scores",
                                             "household_id" AS "__lkk0",
                                             CASE WHEN "active" THEN 'on' ELSE 'off' END AS "label"
                                      FROM (
                                        SELECT "__pk" AS "__pk",
                                               "__parent_household_id" AS "__parent_household_id",
                                               "__parent_size" AS "__parent_size",
                                               "__index" AS "__index",
                                               "__key" AS "__key",
                                               "__r0" AS "__r0",
                                               "__r1" AS "__r1",
                                               "__key" AS "member_id",
                                               "__parent_household_id" AS "household_id",
                                               "__index" AS "position",
                                               ("__r0" < 3006477107::BIGINT) AS "active",
                                               MAP(['a'], [(0e0 + (1e0 * ("__r1" * 2.3283064365386963e-10)))]) AS "scores"
                                        FROM (
                                          SELECT "__pk" AS "__pk",
                                                 "__parent_household_id" AS "__parent_household_id",
                                                 "__parent_size" AS "__parent_size",
                                                 "__index" AS "__index",
                                                 "__key" AS "__key",
                                                 xor("__r0", ("__r0" >> 16)) AS "__r0",
                                                 xor("__r1", ("__r1" >> 16)) AS "__r1"
                                          FROM (
                                            SELECT "__pk" AS "__pk",
                                                   "__parent_household_id" AS "__parent_household_id",
                                                   "__parent_size" AS "__parent_size",
                                                   "__index" AS "__index",
                                                   "__key" AS "__key",
                                                   ((xor("__r0", ("__r0" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r0",
                                                   ((xor("__r1", ("__r1" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r1"
                                            FROM (
                                              SELECT "__pk" AS "__pk",
                                                     "__parent_household_id" AS "__parent_household_id",
                                                     "__parent_size" AS "__parent_size",
                                                     "__index" AS "__index",
                                                     "__key" AS "__key",
                                                     ((xor("__r0", ("__r0" >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r0",
                                                     ((xor("__r1", ("__r1" >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r1"
                                              FROM (
                                                SELECT "__pk" AS "__pk",
                                                       "__parent_household_id" AS "__parent_household_id",
                                                       "__parent_size" AS "__parent_size",
                                                       "__index" AS "__index",
                                                       "__key" AS "__key",
                                                       xor(xor(xor("__r0", ("__r0" >> 16)), ("__key" >> 32)), 3454239231::BIGINT) AS "__r0",
                                                       xor(xor(xor("__r1", ("__r1" >> 16)), ("__key" >> 32)), 2242397700::BIGINT) AS "__r1"
                                                FROM (
                                                  SELECT "__pk" AS "__pk",
                                                         "__parent_household_id" AS "__parent_household_id",
                                                         "__parent_size" AS "__parent_size",
                                                         "__index" AS "__index",
                                                         "__key" AS "__key",
                                                         ((xor("__r0", ("__r0" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r0",
                                                         ((xor("__r1", ("__r1" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r1"
                                                  FROM (
                                                    SELECT "__pk" AS "__pk",
                                                           "__parent_household_id" AS "__parent_household_id",
                                                           "__parent_size" AS "__parent_size",
                                                           "__index" AS "__index",
                                                           "__key" AS "__key",
                                                           ((xor(xor(("__key" & 4294967295::BIGINT), 2634150463::BIGINT), (xor(("__key" & 4294967295::BIGINT), 2634150463::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r0",
                                                           ((xor(xor(("__key" & 4294967295::BIGINT), 1954085014::BIGINT), (xor(("__key" & 4294967295::BIGINT), 1954085014::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r1"
                                                    FROM (
                                                      SELECT "__pk" AS "__pk",
                                                             "__parent_household_id" AS "__parent_household_id",
                                                             "__parent_size" AS "__parent_size",
                                                             "__index" AS "__index",
                                                             (("__pk" * 4::BIGINT) + "__index") AS "__key"
                                                      FROM (
                                                        SELECT "__pk" AS "__pk",
                                                               "__parent_household_id" AS "__parent_household_id",
                                                               "__parent_size" AS "__parent_size",
                                                               unnest(range("__n")) AS "__index"
                                                        FROM (
                                                          SELECT "__pk" AS "__pk",
                                                                 "__parent_household_id" AS "__parent_household_id",
                                                                 "__parent_size" AS "__parent_size",
                                                                 "__count" AS "__count",
                                                                 least(4::BIGINT, greatest(0::BIGINT, CAST(floor("__count") AS BIGINT))) AS "__n"
                                                          FROM (
                                                            SELECT "__pk" AS "__pk",
                                                                   "__parent_household_id" AS "__parent_household_id",
                                                                   "__parent_size" AS "__parent_size",
                                                                   "__parent_size" AS "__count"
                                                            FROM (
                                                              SELECT "p"."household_id" AS "__pk",
                                                                     "p"."household_id" AS "__parent_household_id",
                                                                     CAST("p"."size" AS BIGINT) AS "__parent_size"
                                                              FROM (
                                                                SELECT "size" AS "size",
                                                                       (("__kf0a" * 67108864::BIGINT) + "__kf0b") AS "household_id"
                                                                FROM (
                                                                  SELECT "household_id" AS "household_id",
                                                                         "size" AS "size",
                                                                         "__kf0b" AS "__kf0b",
                                                                         "__kf0t" AS "__kf0t",
                                                                         xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
                                                                  FROM (
                                                                    SELECT "household_id" AS "household_id",
                                                                           "size" AS "size",
                                                                           "__kf0a" AS "__kf0a",
                                                                           "__kf0b" AS "__kf0b",
                                                                           ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                    FROM (
                                                                      SELECT "household_id" AS "household_id",
                                                                             "size" AS "size",
                                                                             "__kf0a" AS "__kf0a",
                                                                             "__kf0b" AS "__kf0b",
                                                                             ((xor(xor("__kf0b", 1483724447::BIGINT), (xor("__kf0b", 1483724447::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                      FROM (
                                                                        SELECT "household_id" AS "household_id",
                                                                               "size" AS "size",
                                                                               "__kf0a" AS "__kf0a",
                                                                               "__kf0t" AS "__kf0t",
                                                                               xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
                                                                        FROM (
                                                                          SELECT "household_id" AS "household_id",
                                                                                 "size" AS "size",
                                                                                 "__kf0b" AS "__kf0b",
                                                                                 "__kf0a" AS "__kf0a",
                                                                                 ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                          FROM (
                                                                            SELECT "household_id" AS "household_id",
                                                                                   "size" AS "size",
                                                                                   "__kf0b" AS "__kf0b",
                                                                                   "__kf0a" AS "__kf0a",
                                                                                   ((xor(xor("__kf0a", 1118683235::BIGINT), (xor("__kf0a", 1118683235::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                            FROM (
                                                                              SELECT "household_id" AS "household_id",
                                                                                     "size" AS "size",
                                                                                     "__kf0b" AS "__kf0b",
                                                                                     "__kf0t" AS "__kf0t",
                                                                                     xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
                                                                              FROM (
                                                                                SELECT "household_id" AS "household_id",
                                                                                       "size" AS "size",
                                                                                       "__kf0a" AS "__kf0a",
                                                                                       "__kf0b" AS "__kf0b",
                                                                                       ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                                FROM (
                                                                                  SELECT "household_id" AS "household_id",
                                                                                         "size" AS "size",
                                                                                         "__kf0a" AS "__kf0a",
                                                                                         "__kf0b" AS "__kf0b",
                                                                                         ((xor(xor("__kf0b", 1346810089::BIGINT), (xor("__kf0b", 1346810089::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                                  FROM (
                                                                                    SELECT "household_id" AS "household_id",
                                                                                           "size" AS "size",
                                                                                           "__kf0a" AS "__kf0a",
                                                                                           "__kf0t" AS "__kf0t",
                                                                                           xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
                                                                                    FROM (
                                                                                      SELECT "household_id" AS "household_id",
                                                                                             "size" AS "size",
                                                                                             "__kf0a" AS "__kf0a",
                                                                                             "__kf0b" AS "__kf0b",
                                                                                             ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                                      FROM (
                                                                                        SELECT "household_id" AS "household_id",
                                                                                               "size" AS "size",
                                                                                               "__kf0a" AS "__kf0a",
                                                                                               "__kf0b" AS "__kf0b",
                                                                                               ((xor(xor("__kf0a", 1315238215::BIGINT), (xor("__kf0a", 1315238215::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                                        FROM (
                                                                                          SELECT "household_id" AS "household_id",
                                                                                                 "size" AS "size",
                                                                                                 ("household_id" >> 26) AS "__kf0a",
                                                                                                 ("household_id" & 67108863::BIGINT) AS "__kf0b"
                                                                                          FROM (
                                                                                            SELECT "t"."household_id" AS "household_id",
                                                                                                   "t"."size" AS "size"
                                                                                            FROM "households" "t"
                                                                                          ) "l0"
                                                                                        ) "l1"
                                                                                      ) "l2"
                                                                                    ) "l3"
                                                                                  ) "l4"
                                                                                ) "l5"
                                                                              ) "l6"
                                                                            ) "l7"
                                                                          ) "l8"
                                                                        ) "l9"
                                                                      ) "l10"
                                                                    ) "l11"
                                                                  ) "l12"
                                                                ) "l13"
                                                              ) "p"
                                                            ) "l0"
                                                          ) "l1"
                                                        ) "l2"
                                                      ) "l3"
                                                    ) "l4"
                                                  ) "l5"
                                                ) "l6"
                                              ) "l7"
                                            ) "l8"
                                          ) "l9"
                                        ) "l10"
                                      ) "l11"
                                    ) "l12"
                                  ) "l13"
                                  LEFT JOIN (
                                    SELECT "tier" AS "tier",
                                           (("__kf0a" * 67108864::BIGINT) + "__kf0b") AS "household_id"
                                    FROM (
                                      SELECT "household_id" AS "household_id",
                                             "tier" AS "tier",
                                             "__kf0b" AS "__kf0b",
                                             "__kf0t" AS "__kf0t",
                                             xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
                                      FROM (
                                        SELECT "household_id" AS "household_id",
                                               "tier" AS "tier",
                                               "__kf0a" AS "__kf0a",
                                               "__kf0b" AS "__kf0b",
                                               ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                        FROM (
                                          SELECT "household_id" AS "household_id",
                                                 "tier" AS "tier",
                                                 "__kf0a" AS "__kf0a",
                                                 "__kf0b" AS "__kf0b",
                                                 ((xor(xor("__kf0b", 1483724447::BIGINT), (xor("__kf0b", 1483724447::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                          FROM (
                                            SELECT "household_id" AS "household_id",
                                                   "tier" AS "tier",
                                                   "__kf0a" AS "__kf0a",
                                                   "__kf0t" AS "__kf0t",
                                                   xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
                                            FROM (
                                              SELECT "household_id" AS "household_id",
                                                     "tier" AS "tier",
                                                     "__kf0b" AS "__kf0b",
                                                     "__kf0a" AS "__kf0a",
                                                     ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                              FROM (
                                                SELECT "household_id" AS "household_id",
                                                       "tier" AS "tier",
                                                       "__kf0b" AS "__kf0b",
                                                       "__kf0a" AS "__kf0a",
                                                       ((xor(xor("__kf0a", 1118683235::BIGINT), (xor("__kf0a", 1118683235::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                FROM (
                                                  SELECT "household_id" AS "household_id",
                                                         "tier" AS "tier",
                                                         "__kf0b" AS "__kf0b",
                                                         "__kf0t" AS "__kf0t",
                                                         xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
                                                  FROM (
                                                    SELECT "household_id" AS "household_id",
                                                           "tier" AS "tier",
                                                           "__kf0a" AS "__kf0a",
                                                           "__kf0b" AS "__kf0b",
                                                           ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                    FROM (
                                                      SELECT "household_id" AS "household_id",
                                                             "tier" AS "tier",
                                                             "__kf0a" AS "__kf0a",
                                                             "__kf0b" AS "__kf0b",
                                                             ((xor(xor("__kf0b", 1346810089::BIGINT), (xor("__kf0b", 1346810089::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                      FROM (
                                                        SELECT "household_id" AS "household_id",
                                                               "tier" AS "tier",
                                                               "__kf0a" AS "__kf0a",
                                                               "__kf0t" AS "__kf0t",
                                                               xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
                                                        FROM (
                                                          SELECT "household_id" AS "household_id",
                                                                 "tier" AS "tier",
                                                                 "__kf0a" AS "__kf0a",
                                                                 "__kf0b" AS "__kf0b",
                                                                 ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                          FROM (
                                                            SELECT "household_id" AS "household_id",
                                                                   "tier" AS "tier",
                                                                   "__kf0a" AS "__kf0a",
                                                                   "__kf0b" AS "__kf0b",
                                                                   ((xor(xor("__kf0a", 1315238215::BIGINT), (xor("__kf0a", 1315238215::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                            FROM (
                                                              SELECT "household_id" AS "household_id",
                                                                     "tier" AS "tier",
                                                                     ("household_id" >> 26) AS "__kf0a",
                                                                     ("household_id" & 67108863::BIGINT) AS "__kf0b"
                                                              FROM (
                                                                SELECT "t"."household_id" AS "household_id",
                                                                       "t"."tier" AS "tier"
                                                                FROM "households" "t"
                                                              ) "l0"
                                                            ) "l1"
                                                          ) "l2"
                                                        ) "l3"
                                                      ) "l4"
                                                    ) "l5"
                                                  ) "l6"
                                                ) "l7"
                                              ) "l8"
                                            ) "l9"
                                          ) "l10"
                                        ) "l11"
                                      ) "l12"
                                    ) "l13"
                                  ) "l14" ON ("l14"."household_id" = "l13"."__lkk0")
                                ) "l15"
                              ) "l16"
                            ) "l17"
                          ) "l18"
                        ) "l19"
                      ) "l20"
                    ) "l21"
                  ) "l22"
                ) "l23"
              ) "l24"
            ) "l25"
          ) "l26"
        ) "l27"
      ) "l28"
    ) "l29"
  ) "l30"
) "f";

-- table household_stats
CREATE OR REPLACE TABLE "household_stats" AS
SELECT CAST("__id0" AS BIGINT) AS "household_id",
       CAST("members" AS BIGINT) AS "members",
       CAST("top_label" AS VARCHAR) AS "top_label"
FROM (
  SELECT "household_id" AS "household_id",
         "members" AS "members",
         "top_label" AS "top_label",
         (("__kf0a" * 67108864::BIGINT) + "__kf0b") AS "__id0"
  FROM (
    SELECT "household_id" AS "household_id",
           "members" AS "members",
           "top_label" AS "top_label",
           "__kf0a" AS "__kf0a",
           "__kf0t" AS "__kf0t",
           xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
    FROM (
      SELECT "household_id" AS "household_id",
             "members" AS "members",
             "top_label" AS "top_label",
             "__kf0b" AS "__kf0b",
             "__kf0a" AS "__kf0a",
             ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
      FROM (
        SELECT "household_id" AS "household_id",
               "members" AS "members",
               "top_label" AS "top_label",
               "__kf0b" AS "__kf0b",
               "__kf0a" AS "__kf0a",
               ((xor(xor("__kf0a", 1315238215::BIGINT), (xor("__kf0a", 1315238215::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
        FROM (
          SELECT "household_id" AS "household_id",
                 "members" AS "members",
                 "top_label" AS "top_label",
                 "__kf0b" AS "__kf0b",
                 "__kf0t" AS "__kf0t",
                 xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
          FROM (
            SELECT "household_id" AS "household_id",
                   "members" AS "members",
                   "top_label" AS "top_label",
                   "__kf0a" AS "__kf0a",
                   "__kf0b" AS "__kf0b",
                   ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
            FROM (
              SELECT "household_id" AS "household_id",
                     "members" AS "members",
                     "top_label" AS "top_label",
                     "__kf0a" AS "__kf0a",
                     "__kf0b" AS "__kf0b",
                     ((xor(xor("__kf0b", 1346810089::BIGINT), (xor("__kf0b", 1346810089::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
              FROM (
                SELECT "household_id" AS "household_id",
                       "members" AS "members",
                       "top_label" AS "top_label",
                       "__kf0a" AS "__kf0a",
                       "__kf0t" AS "__kf0t",
                       xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
                FROM (
                  SELECT "household_id" AS "household_id",
                         "members" AS "members",
                         "top_label" AS "top_label",
                         "__kf0b" AS "__kf0b",
                         "__kf0a" AS "__kf0a",
                         ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                  FROM (
                    SELECT "household_id" AS "household_id",
                           "members" AS "members",
                           "top_label" AS "top_label",
                           "__kf0b" AS "__kf0b",
                           "__kf0a" AS "__kf0a",
                           ((xor(xor("__kf0a", 1118683235::BIGINT), (xor("__kf0a", 1118683235::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                    FROM (
                      SELECT "household_id" AS "household_id",
                             "members" AS "members",
                             "top_label" AS "top_label",
                             "__kf0b" AS "__kf0b",
                             "__kf0t" AS "__kf0t",
                             xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
                      FROM (
                        SELECT "household_id" AS "household_id",
                               "members" AS "members",
                               "top_label" AS "top_label",
                               "__kf0a" AS "__kf0a",
                               "__kf0b" AS "__kf0b",
                               ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                        FROM (
                          SELECT "household_id" AS "household_id",
                                 "members" AS "members",
                                 "top_label" AS "top_label",
                                 "__kf0a" AS "__kf0a",
                                 "__kf0b" AS "__kf0b",
                                 ((xor(xor("__kf0b", 1483724447::BIGINT), (xor("__kf0b", 1483724447::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                          FROM (
                            SELECT "household_id" AS "household_id",
                                   "members" AS "members",
                                   "top_label" AS "top_label",
                                   ("household_id" >> 26) AS "__kf0a",
                                   ("household_id" & 67108863::BIGINT) AS "__kf0b"
                            FROM (
                              SELECT "household_id" AS "household_id",
                                     "members" AS "members",
                                     "top_label" AS "top_label"
                              FROM (
                                SELECT "__key" AS "__key",
                                       "__a0" AS "__a0",
                                       "__a1" AS "__a1",
                                       "__key" AS "household_id",
                                       "__a0" AS "members",
                                       "__a1" AS "top_label"
                                FROM (
                                  SELECT "g"."__key" AS "__key",
                                         "g"."__a0" AS "__a0",
                                         "j0"."__v" AS "__a1"
                                  FROM (
                                    SELECT "s"."household_id" AS "__key",
                                           count(*) AS "__a0"
                                    FROM (
                                      SELECT "label" AS "label",
                                             (("__kf0a" * 67108864::BIGINT) + "__kf0b") AS "household_id"
                                      FROM (
                                        SELECT "household_id" AS "household_id",
                                               "label" AS "label",
                                               "__kf0b" AS "__kf0b",
                                               "__kf0t" AS "__kf0t",
                                               xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
                                        FROM (
                                          SELECT "household_id" AS "household_id",
                                                 "label" AS "label",
                                                 "__kf0a" AS "__kf0a",
                                                 "__kf0b" AS "__kf0b",
                                                 ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                          FROM (
                                            SELECT "household_id" AS "household_id",
                                                   "label" AS "label",
                                                   "__kf0a" AS "__kf0a",
                                                   "__kf0b" AS "__kf0b",
                                                   ((xor(xor("__kf0b", 1483724447::BIGINT), (xor("__kf0b", 1483724447::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                            FROM (
                                              SELECT "household_id" AS "household_id",
                                                     "label" AS "label",
                                                     "__kf0a" AS "__kf0a",
                                                     "__kf0t" AS "__kf0t",
                                                     xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
                                              FROM (
                                                SELECT "household_id" AS "household_id",
                                                       "label" AS "label",
                                                       "__kf0b" AS "__kf0b",
                                                       "__kf0a" AS "__kf0a",
                                                       ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                FROM (
                                                  SELECT "household_id" AS "household_id",
                                                         "label" AS "label",
                                                         "__kf0b" AS "__kf0b",
                                                         "__kf0a" AS "__kf0a",
                                                         ((xor(xor("__kf0a", 1118683235::BIGINT), (xor("__kf0a", 1118683235::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                  FROM (
                                                    SELECT "household_id" AS "household_id",
                                                           "label" AS "label",
                                                           "__kf0b" AS "__kf0b",
                                                           "__kf0t" AS "__kf0t",
                                                           xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
                                                    FROM (
                                                      SELECT "household_id" AS "household_id",
                                                             "label" AS "label",
                                                             "__kf0a" AS "__kf0a",
                                                             "__kf0b" AS "__kf0b",
                                                             ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                      FROM (
                                                        SELECT "household_id" AS "household_id",
                                                               "label" AS "label",
                                                               "__kf0a" AS "__kf0a",
                                                               "__kf0b" AS "__kf0b",
                                                               ((xor(xor("__kf0b", 1346810089::BIGINT), (xor("__kf0b", 1346810089::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                        FROM (
                                                          SELECT "household_id" AS "household_id",
                                                                 "label" AS "label",
                                                                 "__kf0a" AS "__kf0a",
                                                                 "__kf0t" AS "__kf0t",
                                                                 xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
                                                          FROM (
                                                            SELECT "household_id" AS "household_id",
                                                                   "label" AS "label",
                                                                   "__kf0a" AS "__kf0a",
                                                                   "__kf0b" AS "__kf0b",
                                                                   ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                            FROM (
                                                              SELECT "household_id" AS "household_id",
                                                                     "label" AS "label",
                                                                     "__kf0a" AS "__kf0a",
                                                                     "__kf0b" AS "__kf0b",
                                                                     ((xor(xor("__kf0a", 1315238215::BIGINT), (xor("__kf0a", 1315238215::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                              FROM (
                                                                SELECT "household_id" AS "household_id",
                                                                       "label" AS "label",
                                                                       ("household_id" >> 26) AS "__kf0a",
                                                                       ("household_id" & 67108863::BIGINT) AS "__kf0b"
                                                                FROM (
                                                                  SELECT "t"."household_id" AS "household_id",
                                                                         "t"."label" AS "label"
                                                                  FROM "members" "t"
                                                                ) "l0"
                                                              ) "l1"
                                                            ) "l2"
                                                          ) "l3"
                                                        ) "l4"
                                                      ) "l5"
                                                    ) "l6"
                                                  ) "l7"
                                                ) "l8"
                                              ) "l9"
                                            ) "l10"
                                          ) "l11"
                                        ) "l12"
                                      ) "l13"
                                    ) "s"
                                    GROUP BY "s"."household_id"
                                  ) "g"
                                  LEFT JOIN (
                                    SELECT "__key" AS "__key",
                                           min("__v") AS "__v"
                                    FROM (
                                      SELECT "__key" AS "__key",
                                             "__v" AS "__v",
                                             row_number() OVER (PARTITION BY "__key" ORDER BY (- "__c"), "__v") AS "__rn"
                                      FROM (
                                        SELECT "s"."household_id" AS "__key",
                                               "s"."label" AS "__v",
                                               count(*) AS "__c"
                                        FROM (
                                          SELECT "label" AS "label",
                                                 (("__kf0a" * 67108864::BIGINT) + "__kf0b") AS "household_id"
                                          FROM (
                                            SELECT "household_id" AS "household_id",
                                                   "label" AS "label",
                                                   "__kf0b" AS "__kf0b",
                                                   "__kf0t" AS "__kf0t",
                                                   xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
                                            FROM (
                                              SELECT "household_id" AS "household_id",
                                                     "label" AS "label",
                                                     "__kf0a" AS "__kf0a",
                                                     "__kf0b" AS "__kf0b",
                                                     ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                              FROM (
                                                SELECT "household_id" AS "household_id",
                                                       "label" AS "label",
                                                       "__kf0a" AS "__kf0a",
                                                       "__kf0b" AS "__kf0b",
                                                       ((xor(xor("__kf0b", 1483724447::BIGINT), (xor("__kf0b", 1483724447::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                FROM (
                                                  SELECT "household_id" AS "household_id",
                                                         "label" AS "label",
                                                         "__kf0a" AS "__kf0a",
                                                         "__kf0t" AS "__kf0t",
                                                         xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
                                                  FROM (
                                                    SELECT "household_id" AS "household_id",
                                                           "label" AS "label",
                                                           "__kf0b" AS "__kf0b",
                                                           "__kf0a" AS "__kf0a",
                                                           ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                    FROM (
                                                      SELECT "household_id" AS "household_id",
                                                             "label" AS "label",
                                                             "__kf0b" AS "__kf0b",
                                                             "__kf0a" AS "__kf0a",
                                                             ((xor(xor("__kf0a", 1118683235::BIGINT), (xor("__kf0a", 1118683235::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                      FROM (
                                                        SELECT "household_id" AS "household_id",
                                                               "label" AS "label",
                                                               "__kf0b" AS "__kf0b",
                                                               "__kf0t" AS "__kf0t",
                                                               xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
                                                        FROM (
                                                          SELECT "household_id" AS "household_id",
                                                                 "label" AS "label",
                                                                 "__kf0a" AS "__kf0a",
                                                                 "__kf0b" AS "__kf0b",
                                                                 ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                          FROM (
                                                            SELECT "household_id" AS "household_id",
                                                                   "label" AS "label",
                                                                   "__kf0a" AS "__kf0a",
                                                                   "__kf0b" AS "__kf0b",
                                                                   ((xor(xor("__kf0b", 1346810089::BIGINT), (xor("__kf0b", 1346810089::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                            FROM (
                                                              SELECT "household_id" AS "household_id",
                                                                     "label" AS "label",
                                                                     "__kf0a" AS "__kf0a",
                                                                     "__kf0t" AS "__kf0t",
                                                                     xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
                                                              FROM (
                                                                SELECT "household_id" AS "household_id",
                                                                       "label" AS "label",
                                                                       "__kf0a" AS "__kf0a",
                                                                       "__kf0b" AS "__kf0b",
                                                                       ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                FROM (
                                                                  SELECT "household_id" AS "household_id",
                                                                         "label" AS "label",
                                                                         "__kf0a" AS "__kf0a",
                                                                         "__kf0b" AS "__kf0b",
                                                                         ((xor(xor("__kf0a", 1315238215::BIGINT), (xor("__kf0a", 1315238215::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                  FROM (
                                                                    SELECT "household_id" AS "household_id",
                                                                           "label" AS "label",
                                                                           ("household_id" >> 26) AS "__kf0a",
                                                                           ("household_id" & 67108863::BIGINT) AS "__kf0b"
                                                                    FROM (
                                                                      SELECT "t"."household_id" AS "household_id",
                                                                             "t"."label" AS "label"
                                                                      FROM "members" "t"
                                                                    ) "l0"
                                                                  ) "l1"
                                                                ) "l2"
                                                              ) "l3"
                                                            ) "l4"
                                                          ) "l5"
                                                        ) "l6"
                                                      ) "l7"
                                                    ) "l8"
                                                  ) "l9"
                                                ) "l10"
                                              ) "l11"
                                            ) "l12"
                                          ) "l13"
                                        ) "s"
                                        WHERE ("s"."label" IS NOT NULL)
                                        GROUP BY "s"."household_id", "s"."label"
                                      ) "m1"
                                    ) "m2"
                                    WHERE ("__rn" <= 1::BIGINT)
                                    GROUP BY "__key"
                                  ) "j0" ON ("g"."__key" = "j0"."__key")
                                ) "l0"
                              ) "l1"
                            ) "l2"
                          ) "l3"
                        ) "l4"
                      ) "l5"
                    ) "l6"
                  ) "l7"
                ) "l8"
              ) "l9"
            ) "l10"
          ) "l11"
        ) "l12"
      ) "l13"
    ) "l14"
  ) "l15"
) "f";

-- table member_ranks
CREATE OR REPLACE TABLE "member_ranks" AS
SELECT CAST("__id0" AS BIGINT) AS "member_id",
       CAST("rank" AS BIGINT) AS "rank"
FROM (
  SELECT "member_id" AS "member_id",
         "rank" AS "rank",
         (("__kf0a" * 67108864::BIGINT) + "__kf0b") AS "__id0"
  FROM (
    SELECT "member_id" AS "member_id",
           "rank" AS "rank",
           "__kf0a" AS "__kf0a",
           "__kf0t" AS "__kf0t",
           xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
    FROM (
      SELECT "member_id" AS "member_id",
             "rank" AS "rank",
             "__kf0b" AS "__kf0b",
             "__kf0a" AS "__kf0a",
             ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
      FROM (
        SELECT "member_id" AS "member_id",
               "rank" AS "rank",
               "__kf0b" AS "__kf0b",
               "__kf0a" AS "__kf0a",
               ((xor(xor("__kf0a", 568423070::BIGINT), (xor("__kf0a", 568423070::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
        FROM (
          SELECT "member_id" AS "member_id",
                 "rank" AS "rank",
                 "__kf0b" AS "__kf0b",
                 "__kf0t" AS "__kf0t",
                 xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
          FROM (
            SELECT "member_id" AS "member_id",
                   "rank" AS "rank",
                   "__kf0a" AS "__kf0a",
                   "__kf0b" AS "__kf0b",
                   ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
            FROM (
              SELECT "member_id" AS "member_id",
                     "rank" AS "rank",
                     "__kf0a" AS "__kf0a",
                     "__kf0b" AS "__kf0b",
                     ((xor(xor("__kf0b", 4037405170::BIGINT), (xor("__kf0b", 4037405170::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
              FROM (
                SELECT "member_id" AS "member_id",
                       "rank" AS "rank",
                       "__kf0a" AS "__kf0a",
                       "__kf0t" AS "__kf0t",
                       xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
                FROM (
                  SELECT "member_id" AS "member_id",
                         "rank" AS "rank",
                         "__kf0b" AS "__kf0b",
                         "__kf0a" AS "__kf0a",
                         ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                  FROM (
                    SELECT "member_id" AS "member_id",
                           "rank" AS "rank",
                           "__kf0b" AS "__kf0b",
                           "__kf0a" AS "__kf0a",
                           ((xor(xor("__kf0a", 3098437725::BIGINT), (xor("__kf0a", 3098437725::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                    FROM (
                      SELECT "member_id" AS "member_id",
                             "rank" AS "rank",
                             "__kf0b" AS "__kf0b",
                             "__kf0t" AS "__kf0t",
                             xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
                      FROM (
                        SELECT "member_id" AS "member_id",
                               "rank" AS "rank",
                               "__kf0a" AS "__kf0a",
                               "__kf0b" AS "__kf0b",
                               ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                        FROM (
                          SELECT "member_id" AS "member_id",
                                 "rank" AS "rank",
                                 "__kf0a" AS "__kf0a",
                                 "__kf0b" AS "__kf0b",
                                 ((xor(xor("__kf0b", 3924091176::BIGINT), (xor("__kf0b", 3924091176::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                          FROM (
                            SELECT "member_id" AS "member_id",
                                   "rank" AS "rank",
                                   ("member_id" >> 26) AS "__kf0a",
                                   ("member_id" & 67108863::BIGINT) AS "__kf0b"
                            FROM (
                              SELECT "member_id" AS "member_id",
                                     "rank" AS "rank"
                              FROM (
                                SELECT "__key" AS "__key",
                                       "__w0" AS "__w0",
                                       "__key" AS "member_id",
                                       "__w0" AS "rank"
                                FROM (
                                  SELECT "s"."member_id" AS "__key",
                                         row_number() OVER (PARTITION BY "s"."household_id" ORDER BY CAST("s"."position" AS BIGINT), "s"."member_id") AS "__w0"
                                  FROM (
                                    SELECT "position" AS "position",
                                           (("__kf0a" * 67108864::BIGINT) + "__kf0b") AS "member_id",
                                           (("__kf1a" * 67108864::BIGINT) + "__kf1b") AS "household_id"
                                    FROM (
                                      SELECT "member_id" AS "member_id",
                                             "household_id" AS "household_id",
                                             "position" AS "position",
                                             "__kf0b" AS "__kf0b",
                                             "__kf1b" AS "__kf1b",
                                             "__kf0t" AS "__kf0t",
                                             "__kf1t" AS "__kf1t",
                                             xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a",
                                             xor("__kf1a", (xor("__kf1t", ("__kf1t" >> 16)) & 134217727::BIGINT)) AS "__kf1a"
                                      FROM (
                                        SELECT "member_id" AS "member_id",
                                               "household_id" AS "household_id",
                                               "position" AS "position",
                                               "__kf0a" AS "__kf0a",
                                               "__kf1a" AS "__kf1a",
                                               "__kf0b" AS "__kf0b",
                                               "__kf1b" AS "__kf1b",
                                               ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                                               ((xor("__kf1t", ("__kf1t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
                                        FROM (
                                          SELECT "member_id" AS "member_id",
                                                 "household_id" AS "household_id",
                                                 "position" AS "position",
                                                 "__kf0a" AS "__kf0a",
                                                 "__kf1a" AS "__kf1a",
                                                 "__kf0b" AS "__kf0b",
                                                 "__kf1b" AS "__kf1b",
                                                 ((xor(xor("__kf0b", 3924091176::BIGINT), (xor("__kf0b", 3924091176::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                                                 ((xor(xor("__kf1b", 1483724447::BIGINT), (xor("__kf1b", 1483724447::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
                                          FROM (
                                            SELECT "member_id" AS "member_id",
                                                   "household_id" AS "household_id",
                                                   "position" AS "position",
                                                   "__kf0a" AS "__kf0a",
                                                   "__kf1a" AS "__kf1a",
                                                   "__kf0t" AS "__kf0t",
                                                   "__kf1t" AS "__kf1t",
                                                   xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b",
                                                   xor("__kf1b", (xor("__kf1t", ("__kf1t" >> 16)) & 67108863::BIGINT)) AS "__kf1b"
                                            FROM (
                                              SELECT "member_id" AS "member_id",
                                                     "household_id" AS "household_id",
                                                     "position" AS "position",
                                                     "__kf0b" AS "__kf0b",
                                                     "__kf1b" AS "__kf1b",
                                                     "__kf0a" AS "__kf0a",
                                                     "__kf1a" AS "__kf1a",
                                                     ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                                                     ((xor("__kf1t", ("__kf1t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
                                              FROM (
                                                SELECT "member_id" AS "member_id",
                                                       "household_id" AS "household_id",
                                                       "position" AS "position",
                                                       "__kf0b" AS "__kf0b",
                                                       "__kf1b" AS "__kf1b",
                                                       "__kf0a" AS "__kf0a",
                                                       "__kf1a" AS "__kf1a",
                                                       ((xor(xor("__kf0a", 3098437725::BIGINT), (xor("__kf0a", 3098437725::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                                                       ((xor(xor("__kf1a", 1118683235::BIGINT), (xor("__kf1a", 1118683235::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
                                                FROM (
                                                  SELECT "member_id" AS "member_id",
                                                         "household_id" AS "household_id",
                                                         "position" AS "position",
                                                         "__kf0b" AS "__kf0b",
                                                         "__kf1b" AS "__kf1b",
                                                         "__kf0t" AS "__kf0t",
                                                         "__kf1t" AS "__kf1t",
                                                         xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a",
                                                         xor("__kf1a", (xor("__kf1t", ("__kf1t" >> 16)) & 134217727::BIGINT)) AS "__kf1a"
                                                  FROM (
                                                    SELECT "member_id" AS "member_id",
                                                           "household_id" AS "household_id",
                                                           "position" AS "position",
                                                           "__kf0a" AS "__kf0a",
                                                           "__kf1a" AS "__kf1a",
                                                           "__kf0b" AS "__kf0b",
                                                           "__kf1b" AS "__kf1b",
                                                           ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                                                           ((xor("__kf1t", ("__kf1t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
                                                    FROM (
                                                      SELECT "member_id" AS "member_id",
                                                             "household_id" AS "household_id",
                                                             "position" AS "position",
                                                             "__kf0a" AS "__kf0a",
                                                             "__kf1a" AS "__kf1a",
                                                             "__kf0b" AS "__kf0b",
                                                             "__kf1b" AS "__kf1b",
                                                             ((xor(xor("__kf0b", 4037405170::BIGINT), (xor("__kf0b", 4037405170::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                                                             ((xor(xor("__kf1b", 1346810089::BIGINT), (xor("__kf1b", 1346810089::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
                                                      FROM (
                                                        SELECT "member_id" AS "member_id",
                                                               "household_id" AS "household_id",
                                                               "position" AS "position",
                                                               "__kf0a" AS "__kf0a",
                                                               "__kf1a" AS "__kf1a",
                                                               "__kf0t" AS "__kf0t",
                                                               "__kf1t" AS "__kf1t",
                                                               xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b",
                                                               xor("__kf1b", (xor("__kf1t", ("__kf1t" >> 16)) & 67108863::BIGINT)) AS "__kf1b"
                                                        FROM (
                                                          SELECT "member_id" AS "member_id",
                                                                 "household_id" AS "household_id",
                                                                 "position" AS "position",
                                                                 "__kf0a" AS "__kf0a",
                                                                 "__kf0b" AS "__kf0b",
                                                                 "__kf1a" AS "__kf1a",
                                                                 "__kf1b" AS "__kf1b",
                                                                 ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                                                                 ((xor("__kf1t", ("__kf1t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
                                                          FROM (
                                                            SELECT "member_id" AS "member_id",
                                                                   "household_id" AS "household_id",
                                                                   "position" AS "position",
                                                                   "__kf0a" AS "__kf0a",
                                                                   "__kf0b" AS "__kf0b",
                                                                   "__kf1a" AS "__kf1a",
                                                                   "__kf1b" AS "__kf1b",
                                                                   ((xor(xor("__kf0a", 568423070::BIGINT), (xor("__kf0a", 568423070::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                                                                   ((xor(xor("__kf1a", 1315238215::BIGINT), (xor("__kf1a", 1315238215::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
                                                            FROM (
                                                              SELECT "member_id" AS "member_id",
                                                                     "household_id" AS "household_id",
                                                                     "position" AS "position",
                                                                     ("member_id" >> 26) AS "__kf0a",
                                                                     ("member_id" & 67108863::BIGINT) AS "__kf0b",
                                                                     ("household_id" >> 26) AS "__kf1a",
                                                                     ("household_id" & 67108863::BIGINT) AS "__kf1b"
                                                              FROM (
                                                                SELECT "t"."member_id" AS "member_id",
                                                                       "t"."household_id" AS "household_id",
                                                                       "t"."position" AS "position"
                                                                FROM "members" "t"
                                                              ) "l0"
                                                            ) "l1"
                                                          ) "l2"
                                                        ) "l3"
                                                      ) "l4"
                                                    ) "l5"
                                                  ) "l6"
                                                ) "l7"
                                              ) "l8"
                                            ) "l9"
                                          ) "l10"
                                        ) "l11"
                                      ) "l12"
                                    ) "l13"
                                  ) "s"
                                ) "l0"
                              ) "l1"
                            ) "l2"
                          ) "l3"
                        ) "l4"
                      ) "l5"
                    ) "l6"
                  ) "l7"
                ) "l8"
              ) "l9"
            ) "l10"
          ) "l11"
        ) "l12"
      ) "l13"
    ) "l14"
  ) "l15"
) "f";

-- table offers
CREATE OR REPLACE TABLE "offers" AS
SELECT CAST("__id0" AS BIGINT) AS "offer_id",
       CAST("channel" AS VARCHAR) AS "channel"
FROM (
  SELECT "offer_id" AS "offer_id",
         "channel" AS "channel",
         (("__kf0a" * 67108864::BIGINT) + "__kf0b") AS "__id0"
  FROM (
    SELECT "offer_id" AS "offer_id",
           "channel" AS "channel",
           "__kf0a" AS "__kf0a",
           "__kf0t" AS "__kf0t",
           xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
    FROM (
      SELECT "offer_id" AS "offer_id",
             "channel" AS "channel",
             "__kf0b" AS "__kf0b",
             "__kf0a" AS "__kf0a",
             ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
      FROM (
        SELECT "offer_id" AS "offer_id",
               "channel" AS "channel",
               "__kf0b" AS "__kf0b",
               "__kf0a" AS "__kf0a",
               ((xor(xor("__kf0a", 1113691358::BIGINT), (xor("__kf0a", 1113691358::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
        FROM (
          SELECT "offer_id" AS "offer_id",
                 "channel" AS "channel",
                 "__kf0b" AS "__kf0b",
                 "__kf0t" AS "__kf0t",
                 xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
          FROM (
            SELECT "offer_id" AS "offer_id",
                   "channel" AS "channel",
                   "__kf0a" AS "__kf0a",
                   "__kf0b" AS "__kf0b",
                   ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
            FROM (
              SELECT "offer_id" AS "offer_id",
                     "channel" AS "channel",
                     "__kf0a" AS "__kf0a",
                     "__kf0b" AS "__kf0b",
                     ((xor(xor("__kf0b", 1639969290::BIGINT), (xor("__kf0b", 1639969290::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
              FROM (
                SELECT "offer_id" AS "offer_id",
                       "channel" AS "channel",
                       "__kf0a" AS "__kf0a",
                       "__kf0t" AS "__kf0t",
                       xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
                FROM (
                  SELECT "offer_id" AS "offer_id",
                         "channel" AS "channel",
                         "__kf0b" AS "__kf0b",
                         "__kf0a" AS "__kf0a",
                         ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                  FROM (
                    SELECT "offer_id" AS "offer_id",
                           "channel" AS "channel",
                           "__kf0b" AS "__kf0b",
                           "__kf0a" AS "__kf0a",
                           ((xor(xor("__kf0a", 2937484563::BIGINT), (xor("__kf0a", 2937484563::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                    FROM (
                      SELECT "offer_id" AS "offer_id",
                             "channel" AS "channel",
                             "__kf0b" AS "__kf0b",
                             "__kf0t" AS "__kf0t",
                             xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
                      FROM (
                        SELECT "offer_id" AS "offer_id",
                               "channel" AS "channel",
                               "__kf0a" AS "__kf0a",
                               "__kf0b" AS "__kf0b",
                               ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                        FROM (
                          SELECT "offer_id" AS "offer_id",
                                 "channel" AS "channel",
                                 "__kf0a" AS "__kf0a",
                                 "__kf0b" AS "__kf0b",
                                 ((xor(xor("__kf0b", 4057319607::BIGINT), (xor("__kf0b", 4057319607::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                          FROM (
                            SELECT "offer_id" AS "offer_id",
                                   "channel" AS "channel",
                                   ("offer_id" >> 26) AS "__kf0a",
                                   ("offer_id" & 67108863::BIGINT) AS "__kf0b"
                            FROM (
                              SELECT "offer_id" AS "offer_id",
                                     "channel" AS "channel"
                              FROM (
                                SELECT "__key" AS "__key",
                                       "__r0" AS "__r0",
                                       "__key" AS "offer_id",
                                       CASE WHEN "__r0" < 2147483648::BIGINT THEN 'email' ELSE 'ctv' END AS "channel"
                                FROM (
                                  SELECT "__key" AS "__key",
                                         xor("__r0", ("__r0" >> 16)) AS "__r0"
                                  FROM (
                                    SELECT "__key" AS "__key",
                                           ((xor("__r0", ("__r0" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r0"
                                    FROM (
                                      SELECT "__key" AS "__key",
                                             ((xor("__r0", ("__r0" >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r0"
                                      FROM (
                                        SELECT "__key" AS "__key",
                                               xor(xor(xor("__r0", ("__r0" >> 16)), ("__key" >> 32)), 1333838374::BIGINT) AS "__r0"
                                        FROM (
                                          SELECT "__key" AS "__key",
                                                 ((xor("__r0", ("__r0" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__r0"
                                          FROM (
                                            SELECT "__key" AS "__key",
                                                   ((xor(xor(("__key" & 4294967295::BIGINT), 1285296263::BIGINT), (xor(("__key" & 4294967295::BIGINT), 1285296263::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__r0"
                                            FROM (
                                              SELECT "r"."__range" AS "__key"
                                              FROM range(0::BIGINT, 2::BIGINT) AS "r"("__range")
                                            ) "l0"
                                          ) "l1"
                                        ) "l2"
                                      ) "l3"
                                    ) "l4"
                                  ) "l5"
                                ) "l6"
                              ) "l7"
                            ) "l8"
                          ) "l9"
                        ) "l10"
                      ) "l11"
                    ) "l12"
                  ) "l13"
                ) "l14"
              ) "l15"
            ) "l16"
          ) "l17"
        ) "l18"
      ) "l19"
    ) "l20"
  ) "l21"
) "f";

-- table matches
CREATE OR REPLACE TABLE "matches" AS
SELECT CAST("__id0" AS BIGINT) AS "match_id",
       CAST("__id1" AS BIGINT) AS "household_id",
       CAST("channel" AS VARCHAR) AS "channel"
FROM (
  SELECT "match_id" AS "match_id",
         "household_id" AS "household_id",
         "channel" AS "channel",
         (("__kf0a" * 67108864::BIGINT) + "__kf0b") AS "__id0",
         (("__kf1a" * 67108864::BIGINT) + "__kf1b") AS "__id1"
  FROM (
    SELECT "match_id" AS "match_id",
           "household_id" AS "household_id",
           "channel" AS "channel",
           "__kf0a" AS "__kf0a",
           "__kf1a" AS "__kf1a",
           "__kf0t" AS "__kf0t",
           "__kf1t" AS "__kf1t",
           xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b",
           xor("__kf1b", (xor("__kf1t", ("__kf1t" >> 16)) & 67108863::BIGINT)) AS "__kf1b"
    FROM (
      SELECT "match_id" AS "match_id",
             "household_id" AS "household_id",
             "channel" AS "channel",
             "__kf0b" AS "__kf0b",
             "__kf1b" AS "__kf1b",
             "__kf0a" AS "__kf0a",
             "__kf1a" AS "__kf1a",
             ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
             ((xor("__kf1t", ("__kf1t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
      FROM (
        SELECT "match_id" AS "match_id",
               "household_id" AS "household_id",
               "channel" AS "channel",
               "__kf0b" AS "__kf0b",
               "__kf1b" AS "__kf1b",
               "__kf0a" AS "__kf0a",
               "__kf1a" AS "__kf1a",
               ((xor(xor("__kf0a", 1212332792::BIGINT), (xor("__kf0a", 1212332792::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
               ((xor(xor("__kf1a", 1315238215::BIGINT), (xor("__kf1a", 1315238215::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
        FROM (
          SELECT "match_id" AS "match_id",
                 "household_id" AS "household_id",
                 "channel" AS "channel",
                 "__kf0b" AS "__kf0b",
                 "__kf1b" AS "__kf1b",
                 "__kf0t" AS "__kf0t",
                 "__kf1t" AS "__kf1t",
                 xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a",
                 xor("__kf1a", (xor("__kf1t", ("__kf1t" >> 16)) & 134217727::BIGINT)) AS "__kf1a"
          FROM (
            SELECT "match_id" AS "match_id",
                   "household_id" AS "household_id",
                   "channel" AS "channel",
                   "__kf0a" AS "__kf0a",
                   "__kf1a" AS "__kf1a",
                   "__kf0b" AS "__kf0b",
                   "__kf1b" AS "__kf1b",
                   ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                   ((xor("__kf1t", ("__kf1t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
            FROM (
              SELECT "match_id" AS "match_id",
                     "household_id" AS "household_id",
                     "channel" AS "channel",
                     "__kf0a" AS "__kf0a",
                     "__kf1a" AS "__kf1a",
                     "__kf0b" AS "__kf0b",
                     "__kf1b" AS "__kf1b",
                     ((xor(xor("__kf0b", 2865191533::BIGINT), (xor("__kf0b", 2865191533::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                     ((xor(xor("__kf1b", 1346810089::BIGINT), (xor("__kf1b", 1346810089::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
              FROM (
                SELECT "match_id" AS "match_id",
                       "household_id" AS "household_id",
                       "channel" AS "channel",
                       "__kf0a" AS "__kf0a",
                       "__kf1a" AS "__kf1a",
                       "__kf0t" AS "__kf0t",
                       "__kf1t" AS "__kf1t",
                       xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b",
                       xor("__kf1b", (xor("__kf1t", ("__kf1t" >> 16)) & 67108863::BIGINT)) AS "__kf1b"
                FROM (
                  SELECT "match_id" AS "match_id",
                         "household_id" AS "household_id",
                         "channel" AS "channel",
                         "__kf0b" AS "__kf0b",
                         "__kf1b" AS "__kf1b",
                         "__kf0a" AS "__kf0a",
                         "__kf1a" AS "__kf1a",
                         ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                         ((xor("__kf1t", ("__kf1t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
                  FROM (
                    SELECT "match_id" AS "match_id",
                           "household_id" AS "household_id",
                           "channel" AS "channel",
                           "__kf0b" AS "__kf0b",
                           "__kf1b" AS "__kf1b",
                           "__kf0a" AS "__kf0a",
                           "__kf1a" AS "__kf1a",
                           ((xor(xor("__kf0a", 924145408::BIGINT), (xor("__kf0a", 924145408::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                           ((xor(xor("__kf1a", 1118683235::BIGINT), (xor("__kf1a", 1118683235::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
                    FROM (
                      SELECT "match_id" AS "match_id",
                             "household_id" AS "household_id",
                             "channel" AS "channel",
                             "__kf0b" AS "__kf0b",
                             "__kf1b" AS "__kf1b",
                             "__kf0t" AS "__kf0t",
                             "__kf1t" AS "__kf1t",
                             xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a",
                             xor("__kf1a", (xor("__kf1t", ("__kf1t" >> 16)) & 134217727::BIGINT)) AS "__kf1a"
                      FROM (
                        SELECT "match_id" AS "match_id",
                               "household_id" AS "household_id",
                               "channel" AS "channel",
                               "__kf0a" AS "__kf0a",
                               "__kf0b" AS "__kf0b",
                               "__kf1a" AS "__kf1a",
                               "__kf1b" AS "__kf1b",
                               ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                               ((xor("__kf1t", ("__kf1t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
                        FROM (
                          SELECT "match_id" AS "match_id",
                                 "household_id" AS "household_id",
                                 "channel" AS "channel",
                                 "__kf0a" AS "__kf0a",
                                 "__kf0b" AS "__kf0b",
                                 "__kf1a" AS "__kf1a",
                                 "__kf1b" AS "__kf1b",
                                 ((xor(xor("__kf0b", 2362783645::BIGINT), (xor("__kf0b", 2362783645::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t",
                                 ((xor(xor("__kf1b", 1483724447::BIGINT), (xor("__kf1b", 1483724447::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf1t"
                          FROM (
                            SELECT "match_id" AS "match_id",
                                   "household_id" AS "household_id",
                                   "channel" AS "channel",
                                   ("match_id" >> 26) AS "__kf0a",
                                   ("match_id" & 67108863::BIGINT) AS "__kf0b",
                                   ("household_id" >> 26) AS "__kf1a",
                                   ("household_id" & 67108863::BIGINT) AS "__kf1b"
                            FROM (
                              SELECT "match_id" AS "match_id",
                                     "household_id" AS "household_id",
                                     "channel" AS "channel"
                              FROM (
                                SELECT "__key" AS "__key",
                                       "__left_household_id" AS "__left_household_id",
                                       "__left_size" AS "__left_size",
                                       "__right_channel" AS "__right_channel",
                                       "__kept" AS "__kept",
                                       "__key" AS "match_id",
                                       "__left_household_id" AS "household_id",
                                       "__right_channel" AS "channel"
                                FROM (
                                  SELECT "__key" AS "__key",
                                         "__left_household_id" AS "__left_household_id",
                                         "__left_size" AS "__left_size",
                                         "__right_channel" AS "__right_channel",
                                         unnest(range(CASE WHEN ("__keep" = TRUE) THEN 1::BIGINT ELSE 0::BIGINT END)) AS "__kept"
                                  FROM (
                                    SELECT "__key" AS "__key",
                                           "__left_household_id" AS "__left_household_id",
                                           "__left_size" AS "__left_size",
                                           "__right_channel" AS "__right_channel",
                                           "__kr0" AS "__kr0",
                                           (("__left_size" > 1::BIGINT) AND ("__kr0" < 2147483648::BIGINT)) AS "__keep"
                                    FROM (
                                      SELECT "__key" AS "__key",
                                             "__left_household_id" AS "__left_household_id",
                                             "__left_size" AS "__left_size",
                                             "__right_channel" AS "__right_channel",
                                             xor("__kr0", ("__kr0" >> 16)) AS "__kr0"
                                      FROM (
                                        SELECT "__key" AS "__key",
                                               "__left_household_id" AS "__left_household_id",
                                               "__left_size" AS "__left_size",
                                               "__right_channel" AS "__right_channel",
                                               ((xor("__kr0", ("__kr0" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kr0"
                                        FROM (
                                          SELECT "__key" AS "__key",
                                                 "__left_household_id" AS "__left_household_id",
                                                 "__left_size" AS "__left_size",
                                                 "__right_channel" AS "__right_channel",
                                                 ((xor("__kr0", ("__kr0" >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kr0"
                                          FROM (
                                            SELECT "__key" AS "__key",
                                                   "__left_household_id" AS "__left_household_id",
                                                   "__left_size" AS "__left_size",
                                                   "__right_channel" AS "__right_channel",
                                                   xor(xor(xor("__kr0", ("__kr0" >> 16)), ("__key" >> 32)), 2115866918::BIGINT) AS "__kr0"
                                            FROM (
                                              SELECT "__key" AS "__key",
                                                     "__left_household_id" AS "__left_household_id",
                                                     "__left_size" AS "__left_size",
                                                     "__right_channel" AS "__right_channel",
                                                     ((xor("__kr0", ("__kr0" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kr0"
                                              FROM (
                                                SELECT "__key" AS "__key",
                                                       "__left_household_id" AS "__left_household_id",
                                                       "__left_size" AS "__left_size",
                                                       "__right_channel" AS "__right_channel",
                                                       ((xor(xor(("__key" & 4294967295::BIGINT), 3148003288::BIGINT), (xor(("__key" & 4294967295::BIGINT), 3148003288::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kr0"
                                                FROM (
                                                  SELECT (("a"."household_id" * 2::BIGINT) + "b"."offer_id") AS "__key",
                                                         "a"."household_id" AS "__left_household_id",
                                                         CAST("a"."size" AS BIGINT) AS "__left_size",
                                                         "b"."channel" AS "__right_channel"
                                                  FROM (
                                                    SELECT "size" AS "size",
                                                           (("__kf0a" * 67108864::BIGINT) + "__kf0b") AS "household_id"
                                                    FROM (
                                                      SELECT "household_id" AS "household_id",
                                                             "size" AS "size",
                                                             "__kf0b" AS "__kf0b",
                                                             "__kf0t" AS "__kf0t",
                                                             xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
                                                      FROM (
                                                        SELECT "household_id" AS "household_id",
                                                               "size" AS "size",
                                                               "__kf0a" AS "__kf0a",
                                                               "__kf0b" AS "__kf0b",
                                                               ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                        FROM (
                                                          SELECT "household_id" AS "household_id",
                                                                 "size" AS "size",
                                                                 "__kf0a" AS "__kf0a",
                                                                 "__kf0b" AS "__kf0b",
                                                                 ((xor(xor("__kf0b", 1483724447::BIGINT), (xor("__kf0b", 1483724447::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                          FROM (
                                                            SELECT "household_id" AS "household_id",
                                                                   "size" AS "size",
                                                                   "__kf0a" AS "__kf0a",
                                                                   "__kf0t" AS "__kf0t",
                                                                   xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
                                                            FROM (
                                                              SELECT "household_id" AS "household_id",
                                                                     "size" AS "size",
                                                                     "__kf0b" AS "__kf0b",
                                                                     "__kf0a" AS "__kf0a",
                                                                     ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                              FROM (
                                                                SELECT "household_id" AS "household_id",
                                                                       "size" AS "size",
                                                                       "__kf0b" AS "__kf0b",
                                                                       "__kf0a" AS "__kf0a",
                                                                       ((xor(xor("__kf0a", 1118683235::BIGINT), (xor("__kf0a", 1118683235::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                FROM (
                                                                  SELECT "household_id" AS "household_id",
                                                                         "size" AS "size",
                                                                         "__kf0b" AS "__kf0b",
                                                                         "__kf0t" AS "__kf0t",
                                                                         xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
                                                                  FROM (
                                                                    SELECT "household_id" AS "household_id",
                                                                           "size" AS "size",
                                                                           "__kf0a" AS "__kf0a",
                                                                           "__kf0b" AS "__kf0b",
                                                                           ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                    FROM (
                                                                      SELECT "household_id" AS "household_id",
                                                                             "size" AS "size",
                                                                             "__kf0a" AS "__kf0a",
                                                                             "__kf0b" AS "__kf0b",
                                                                             ((xor(xor("__kf0b", 1346810089::BIGINT), (xor("__kf0b", 1346810089::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                      FROM (
                                                                        SELECT "household_id" AS "household_id",
                                                                               "size" AS "size",
                                                                               "__kf0a" AS "__kf0a",
                                                                               "__kf0t" AS "__kf0t",
                                                                               xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
                                                                        FROM (
                                                                          SELECT "household_id" AS "household_id",
                                                                                 "size" AS "size",
                                                                                 "__kf0a" AS "__kf0a",
                                                                                 "__kf0b" AS "__kf0b",
                                                                                 ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                          FROM (
                                                                            SELECT "household_id" AS "household_id",
                                                                                   "size" AS "size",
                                                                                   "__kf0a" AS "__kf0a",
                                                                                   "__kf0b" AS "__kf0b",
                                                                                   ((xor(xor("__kf0a", 1315238215::BIGINT), (xor("__kf0a", 1315238215::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                            FROM (
                                                                              SELECT "household_id" AS "household_id",
                                                                                     "size" AS "size",
                                                                                     ("household_id" >> 26) AS "__kf0a",
                                                                                     ("household_id" & 67108863::BIGINT) AS "__kf0b"
                                                                              FROM (
                                                                                SELECT "t"."household_id" AS "household_id",
                                                                                       "t"."size" AS "size"
                                                                                FROM "households" "t"
                                                                              ) "l0"
                                                                            ) "l1"
                                                                          ) "l2"
                                                                        ) "l3"
                                                                      ) "l4"
                                                                    ) "l5"
                                                                  ) "l6"
                                                                ) "l7"
                                                              ) "l8"
                                                            ) "l9"
                                                          ) "l10"
                                                        ) "l11"
                                                      ) "l12"
                                                    ) "l13"
                                                  ) "a"
                                                  CROSS JOIN (
                                                    SELECT "channel" AS "channel",
                                                           (("__kf0a" * 67108864::BIGINT) + "__kf0b") AS "offer_id"
                                                    FROM (
                                                      SELECT "offer_id" AS "offer_id",
                                                             "channel" AS "channel",
                                                             "__kf0b" AS "__kf0b",
                                                             "__kf0t" AS "__kf0t",
                                                             xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
                                                      FROM (
                                                        SELECT "offer_id" AS "offer_id",
                                                               "channel" AS "channel",
                                                               "__kf0a" AS "__kf0a",
                                                               "__kf0b" AS "__kf0b",
                                                               ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                        FROM (
                                                          SELECT "offer_id" AS "offer_id",
                                                                 "channel" AS "channel",
                                                                 "__kf0a" AS "__kf0a",
                                                                 "__kf0b" AS "__kf0b",
                                                                 ((xor(xor("__kf0b", 4057319607::BIGINT), (xor("__kf0b", 4057319607::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                          FROM (
                                                            SELECT "offer_id" AS "offer_id",
                                                                   "channel" AS "channel",
                                                                   "__kf0a" AS "__kf0a",
                                                                   "__kf0t" AS "__kf0t",
                                                                   xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
                                                            FROM (
                                                              SELECT "offer_id" AS "offer_id",
                                                                     "channel" AS "channel",
                                                                     "__kf0b" AS "__kf0b",
                                                                     "__kf0a" AS "__kf0a",
                                                                     ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                              FROM (
                                                                SELECT "offer_id" AS "offer_id",
                                                                       "channel" AS "channel",
                                                                       "__kf0b" AS "__kf0b",
                                                                       "__kf0a" AS "__kf0a",
                                                                       ((xor(xor("__kf0a", 2937484563::BIGINT), (xor("__kf0a", 2937484563::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                FROM (
                                                                  SELECT "offer_id" AS "offer_id",
                                                                         "channel" AS "channel",
                                                                         "__kf0b" AS "__kf0b",
                                                                         "__kf0t" AS "__kf0t",
                                                                         xor("__kf0a", (xor("__kf0t", ("__kf0t" >> 16)) & 134217727::BIGINT)) AS "__kf0a"
                                                                  FROM (
                                                                    SELECT "offer_id" AS "offer_id",
                                                                           "channel" AS "channel",
                                                                           "__kf0a" AS "__kf0a",
                                                                           "__kf0b" AS "__kf0b",
                                                                           ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                    FROM (
                                                                      SELECT "offer_id" AS "offer_id",
                                                                             "channel" AS "channel",
                                                                             "__kf0a" AS "__kf0a",
                                                                             "__kf0b" AS "__kf0b",
                                                                             ((xor(xor("__kf0b", 1639969290::BIGINT), (xor("__kf0b", 1639969290::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                      FROM (
                                                                        SELECT "offer_id" AS "offer_id",
                                                                               "channel" AS "channel",
                                                                               "__kf0a" AS "__kf0a",
                                                                               "__kf0t" AS "__kf0t",
                                                                               xor("__kf0b", (xor("__kf0t", ("__kf0t" >> 16)) & 67108863::BIGINT)) AS "__kf0b"
                                                                        FROM (
                                                                          SELECT "offer_id" AS "offer_id",
                                                                                 "channel" AS "channel",
                                                                                 "__kf0a" AS "__kf0a",
                                                                                 "__kf0b" AS "__kf0b",
                                                                                 ((xor("__kf0t", ("__kf0t" >> 15)) * (-2073254261)::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                          FROM (
                                                                            SELECT "offer_id" AS "offer_id",
                                                                                   "channel" AS "channel",
                                                                                   "__kf0a" AS "__kf0a",
                                                                                   "__kf0b" AS "__kf0b",
                                                                                   ((xor(xor("__kf0a", 1113691358::BIGINT), (xor("__kf0a", 1113691358::BIGINT) >> 16)) * 2146121005::BIGINT) & 4294967295::BIGINT) AS "__kf0t"
                                                                            FROM (
                                                                              SELECT "offer_id" AS "offer_id",
                                                                                     "channel" AS "channel",
                                                                                     ("offer_id" >> 26) AS "__kf0a",
                                                                                     ("offer_id" & 67108863::BIGINT) AS "__kf0b"
                                                                              FROM (
                                                                                SELECT "t"."offer_id" AS "offer_id",
                                                                                       "t"."channel" AS "channel"
                                                                                FROM "offers" "t"
                                                                              ) "l0"
                                                                            ) "l1"
                                                                          ) "l2"
                                                                        ) "l3"
                                                                      ) "l4"
                                                                    ) "l5"
                                                                  ) "l6"
                                                                ) "l7"
                                                              ) "l8"
                                                            ) "l9"
                                                          ) "l10"
                                                        ) "l11"
                                                      ) "l12"
                                                    ) "l13"
                                                  ) "b"
                                                ) "l0"
                                              ) "l1"
                                            ) "l2"
                                          ) "l3"
                                        ) "l4"
                                      ) "l5"
                                    ) "l6"
                                  ) "l7"
                                ) "l8"
                              ) "l9"
                            ) "l10"
                          ) "l11"
                        ) "l12"
                      ) "l13"
                    ) "l14"
                  ) "l15"
                ) "l16"
              ) "l17"
            ) "l18"
          ) "l19"
        ) "l20"
      ) "l21"
    ) "l22"
  ) "l23"
) "f";

-- check households.primaryKey(household_id)
SELECT coalesce(sum("d"."extra"), 0::BIGINT) AS "violations"
FROM (
  SELECT CASE WHEN ("t"."household_id" IS NULL) THEN count(*) ELSE (count(*) - 1::BIGINT) END AS "extra"
  FROM "households" "t"
  GROUP BY "t"."household_id"
  HAVING ((count(*) > 1::BIGINT) OR ("t"."household_id" IS NULL))
) "d";

-- check households.enum(tier)
SELECT count(*) AS "violations"
FROM "households" "t"
WHERE (("t"."tier" IS NOT NULL) AND ("t"."tier" NOT IN ('gold', 'it''s "silver"')));

-- check households.range(size in [1, 3])
SELECT count(*) AS "violations"
FROM "households" "t"
WHERE ((CAST("t"."size" AS BIGINT) < 1::BIGINT) OR (CAST("t"."size" AS BIGINT) > 3::BIGINT));

-- check members.primaryKey(member_id)
SELECT coalesce(sum("d"."extra"), 0::BIGINT) AS "violations"
FROM (
  SELECT CASE WHEN ("t"."member_id" IS NULL) THEN count(*) ELSE (count(*) - 1::BIGINT) END AS "extra"
  FROM "members" "t"
  GROUP BY "t"."member_id"
  HAVING ((count(*) > 1::BIGINT) OR ("t"."member_id" IS NULL))
) "d";

-- check members.foreignKey(household_id → households.household_id)
SELECT count(*) AS "violations"
FROM "members" "t"
LEFT JOIN "households" "p" ON ("t"."household_id" = "p"."household_id")
WHERE (("t"."household_id" IS NOT NULL) AND ("p"."household_id" IS NULL));

-- check members.rule(inactive_on)
SELECT count(*) AS "violations"
FROM (
  SELECT "t"."active" AS "active",
         "t"."label" AS "label"
  FROM "members" "t"
) "t"
WHERE (((NOT "t"."active") AND ("t"."label" = 'on')) = TRUE);

-- check household_stats.primaryKey(household_id)
SELECT coalesce(sum("d"."extra"), 0::BIGINT) AS "violations"
FROM (
  SELECT CASE WHEN ("t"."household_id" IS NULL) THEN count(*) ELSE (count(*) - 1::BIGINT) END AS "extra"
  FROM "household_stats" "t"
  GROUP BY "t"."household_id"
  HAVING ((count(*) > 1::BIGINT) OR ("t"."household_id" IS NULL))
) "d";

-- check household_stats.foreignKey(household_id → households.household_id)
SELECT count(*) AS "violations"
FROM "household_stats" "t"
LEFT JOIN "households" "p" ON ("t"."household_id" = "p"."household_id")
WHERE (("t"."household_id" IS NOT NULL) AND ("p"."household_id" IS NULL));

-- check household_stats.childCount(members = count of members.household_id)
SELECT count(*) AS "violations"
FROM "household_stats" "t"
LEFT JOIN (
  SELECT "c"."household_id" AS "k",
         count(*) AS "n"
  FROM "members" "c"
  GROUP BY "c"."household_id"
) "x" ON ("x"."k" = "t"."household_id")
WHERE (coalesce("x"."n", 0::BIGINT) <> "t"."members");

-- check member_ranks.primaryKey(member_id)
SELECT coalesce(sum("d"."extra"), 0::BIGINT) AS "violations"
FROM (
  SELECT CASE WHEN ("t"."member_id" IS NULL) THEN count(*) ELSE (count(*) - 1::BIGINT) END AS "extra"
  FROM "member_ranks" "t"
  GROUP BY "t"."member_id"
  HAVING ((count(*) > 1::BIGINT) OR ("t"."member_id" IS NULL))
) "d";

-- check member_ranks.unique(member_id)
SELECT coalesce(sum("d"."extra"), 0::BIGINT) AS "violations"
FROM (
  SELECT (count(*) - 1::BIGINT) AS "extra"
  FROM "member_ranks" "t"
  GROUP BY "t"."member_id"
  HAVING (count(*) > 1::BIGINT)
) "d";

-- check offers.primaryKey(offer_id)
SELECT coalesce(sum("d"."extra"), 0::BIGINT) AS "violations"
FROM (
  SELECT CASE WHEN ("t"."offer_id" IS NULL) THEN count(*) ELSE (count(*) - 1::BIGINT) END AS "extra"
  FROM "offers" "t"
  GROUP BY "t"."offer_id"
  HAVING ((count(*) > 1::BIGINT) OR ("t"."offer_id" IS NULL))
) "d";

-- check offers.notNull(channel)
SELECT count(*) AS "violations"
FROM "offers" "t"
WHERE ("t"."channel" IS NULL);

-- check matches.primaryKey(match_id)
SELECT coalesce(sum("d"."extra"), 0::BIGINT) AS "violations"
FROM (
  SELECT CASE WHEN ("t"."match_id" IS NULL) THEN count(*) ELSE (count(*) - 1::BIGINT) END AS "extra"
  FROM "matches" "t"
  GROUP BY "t"."match_id"
  HAVING ((count(*) > 1::BIGINT) OR ("t"."match_id" IS NULL))
) "d";

-- check matches.foreignKey(household_id → households.household_id)
SELECT count(*) AS "violations"
FROM "matches" "t"
LEFT JOIN "households" "p" ON ("t"."household_id" = "p"."household_id")
WHERE (("t"."household_id" IS NOT NULL) AND ("p"."household_id" IS NULL));

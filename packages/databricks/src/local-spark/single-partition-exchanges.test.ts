import { describe, expect, it } from 'vitest';
import { findSinglePartitionExchanges } from './single-partition-exchanges.js';

// Plans as printed by Apache Spark 4.0.1 (local[2], AQE on, 4 shuffle partitions).
const GROUP_BY_FORMATTED = `== Physical Plan ==
AdaptiveSparkPlan (6)
+- HashAggregate (5)
   +- Exchange (4)
      +- HashAggregate (3)
         +- Project (2)
            +- Range (1)


(1) Range
Output [1]: [id#696L]
Arguments: Range (0, 100000, step=1, splits=Some(4))

(2) Project
Output [1]: [(id#696L % 7) AS _groupingexpression#698L]
Input [1]: [id#696L]

(3) HashAggregate
Input [1]: [_groupingexpression#698L]
Keys [1]: [_groupingexpression#698L]
Functions [1]: [partial_count(1)]
Aggregate Attributes [1]: [count#699L]
Results [2]: [_groupingexpression#698L, count#700L]

(4) Exchange
Input [2]: [_groupingexpression#698L, count#700L]
Arguments: hashpartitioning(_groupingexpression#698L, 4), ENSURE_REQUIREMENTS, [plan_id=242]

(5) HashAggregate
Input [2]: [_groupingexpression#698L, count#700L]
Keys [1]: [_groupingexpression#698L]
Functions [1]: [count(1)]
Aggregate Attributes [1]: [count(1)#697L]
Results [2]: [_groupingexpression#698L AS k#690L, count(1)#697L AS n#691L]

(6) AdaptiveSparkPlan
Output [2]: [k#690L, n#691L]
Arguments: isFinalPlan=false
`;

const WINDOW_FORMATTED = `== Physical Plan ==
AdaptiveSparkPlan (5)
+- Window (4)
   +- Sort (3)
      +- Exchange (2)
         +- Range (1)


(1) Range
Output [1]: [id#706L]
Arguments: Range (0, 100000, step=1, splits=Some(4))

(2) Exchange
Input [1]: [id#706L]
Arguments: SinglePartition, ENSURE_REQUIREMENTS, [plan_id=258]

(3) Sort
Input [1]: [id#706L]
Arguments: [id#706L ASC NULLS FIRST], false, 0

(4) Window
Input [1]: [id#706L]
Arguments: [row_number() windowspecdefinition(id#706L ASC NULLS FIRST, specifiedwindowframe(RowFrame, unboundedpreceding$(), currentrow$())) AS rn#701], [id#706L ASC NULLS FIRST]

(5) AdaptiveSparkPlan
Output [2]: [id#706L, rn#701]
Arguments: isFinalPlan=false
`;

const WINDOW_SIMPLE = `== Physical Plan ==
AdaptiveSparkPlan isFinalPlan=false
+- Window [row_number() windowspecdefinition(id#720L ASC NULLS FIRST, specifiedwindowframe(RowFrame, unboundedpreceding$(), currentrow$())) AS rn#715], [id#720L ASC NULLS FIRST]
   +- Sort [id#720L ASC NULLS FIRST], false, 0
      +- Exchange SinglePartition, ENSURE_REQUIREMENTS, [plan_id=281]
         +- Range (0, 100000, step=1, splits=4)
`;

const GLOBAL_COUNT_SIMPLE = `== Physical Plan ==
AdaptiveSparkPlan isFinalPlan=false
+- HashAggregate(keys=[], functions=[count(1)])
   +- Exchange SinglePartition, ENSURE_REQUIREMENTS, [plan_id=320]
      +- HashAggregate(keys=[], functions=[partial_count(1)])
         +- Project
            +- Range (0, 1000, step=1, splits=4)
`;

describe('findSinglePartitionExchanges', () => {
  it('does not report a GROUP BY (hash partitioning over several partitions)', () => {
    expect(findSinglePartitionExchanges(GROUP_BY_FORMATTED)).toEqual([]);
    expect(findSinglePartitionExchanges(GROUP_BY_FORMATTED.replace(/\n\n\(1\)[\s\S]*$/, ''))).toEqual([]);
  });

  it('reports a global window in EXPLAIN FORMATTED (tree says only "Exchange (2)")', () => {
    expect(findSinglePartitionExchanges(WINDOW_FORMATTED)).toEqual(['(2) Exchange SinglePartition, ENSURE_REQUIREMENTS, [plan_id=258]']);
  });

  it('reports a global window and a global aggregate in simple EXPLAIN trees', () => {
    expect(findSinglePartitionExchanges(WINDOW_SIMPLE)).toEqual(['Exchange SinglePartition, ENSURE_REQUIREMENTS, [plan_id=281]']);
    expect(findSinglePartitionExchanges(GLOBAL_COUNT_SIMPLE)).toEqual(['Exchange SinglePartition, ENSURE_REQUIREMENTS, [plan_id=320]']);
  });

  it('reports one-partition hash, range and round-robin exchanges, under any tree prefix', () => {
    const plan = [
      'AdaptiveSparkPlan isFinalPlan=true',
      '+- == Final Plan ==',
      '   :- ShuffleQueryStage 0',
      '   :  +- Exchange hashpartitioning(k#1L, 1), ENSURE_REQUIREMENTS, [plan_id=1]',
      '   |  +- Exchange rangepartitioning(id#2L ASC NULLS FIRST, 1), ENSURE_REQUIREMENTS, [plan_id=2]',
      '   +- Exchange RoundRobinPartitioning(1), REPARTITION_BY_NUM, [plan_id=3]',
      '      +- Exchange hashpartitioning(pmod(id#3L, 1), 8), ENSURE_REQUIREMENTS, [plan_id=4]',
      '         +- *(1) Exchange SinglePartition, REPARTITION_BY_NUM, [plan_id=5]',
      '            +- BroadcastExchange HashedRelationBroadcastMode(List(input[0, bigint, false]),false), [plan_id=6]',
    ].join('\n');
    expect(findSinglePartitionExchanges(plan)).toEqual([
      'Exchange hashpartitioning(k#1L, 1), ENSURE_REQUIREMENTS, [plan_id=1]',
      'Exchange rangepartitioning(id#2L ASC NULLS FIRST, 1), ENSURE_REQUIREMENTS, [plan_id=2]',
      'Exchange RoundRobinPartitioning(1), REPARTITION_BY_NUM, [plan_id=3]',
      'Exchange SinglePartition, REPARTITION_BY_NUM, [plan_id=5]',
    ]);
  });

  it('ignores names that merely mention exchanges or partitions', () => {
    const plan = [
      '== Physical Plan ==',
      "*(1) Project [SinglePartition AS Exchange SinglePartition#1]",
      '+- Scan ExistingRDD[Exchange#2]',
      'Coalesce 1',
      '(7) BroadcastExchange',
      'Input [1]: [id#1L]',
      'Arguments: HashedRelationBroadcastMode(List(input[0, bigint, false]),false), [plan_id=9]',
    ].join('\n');
    expect(findSinglePartitionExchanges(plan)).toEqual([]);
  });
});

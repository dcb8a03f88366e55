import type { Migration } from 'kysely';
import * as createCoreTables from './2026-11-23T2000_create_core_tables.js';
import * as createScoringTables from './2026-11-23T2015_create_scoring_tables.js';
import * as createAmplifications from './2026-11-23T2030_create_amplifications.js';
import * as createWeeklyReports from './2026-11-23T2045_create_weekly_reports.js';
import * as compactStoryTerms from './2026-11-23T2100_compact_story_terms.js';
import * as rankStorySimilarities from './2026-11-24T0200_rank_story_similarities.js';
import * as storeNeighbourLists from './2026-12-02T1900_store_neighbour_lists.js';
import * as storeSimilarStories from './2026-12-03T0900_store_similar_stories.js';
import * as roomForInPlaceUpdates from './2026-12-03T1100_room_for_in_place_updates.js';
import * as countersBesideScores from './2026-12-03T1400_counters_beside_scores.js';
import * as dropDeletedNeighboursFromPages from './2026-12-03T1600_drop_deleted_neighbours_from_pages.js';
import * as keepUnitsApartFromFacts from './2026-12-04T1000_keep_units_apart_from_facts.js';
import * as dropStoryTermsUnit from './2026-12-04T1200_drop_story_terms_unit.js';

/**
 * Every migration, in order, by name. Imported statically rather than read from the folder, so migrations run
 * the same under tsx, vitest and plain node. A new migration is one file plus one line here.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-23T2000_create_core_tables': createCoreTables,
  '2026-11-23T2015_create_scoring_tables': createScoringTables,
  '2026-11-23T2030_create_amplifications': createAmplifications,
  '2026-11-23T2045_create_weekly_reports': createWeeklyReports,
  '2026-11-23T2100_compact_story_terms': compactStoryTerms,
  '2026-11-24T0200_rank_story_similarities': rankStorySimilarities,
  '2026-12-02T1900_store_neighbour_lists': storeNeighbourLists,
  '2026-12-03T0900_store_similar_stories': storeSimilarStories,
  '2026-12-03T1100_room_for_in_place_updates': roomForInPlaceUpdates,
  '2026-12-03T1400_counters_beside_scores': countersBesideScores,
  '2026-12-03T1600_drop_deleted_neighbours_from_pages': dropDeletedNeighboursFromPages,
  '2026-12-04T1000_keep_units_apart_from_facts': keepUnitsApartFromFacts,
  '2026-12-04T1200_drop_story_terms_unit': dropStoryTermsUnit,
};

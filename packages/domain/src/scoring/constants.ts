/**
 * Every weight and threshold of story scoring, each with why and where from. Tuned for an intranet: fewer
 * people than a public network, reading that follows the working week, and business units as the thing to
 * cross. Worked examples in `score-story.test.ts`.
 */
export const SCORING = {
  /**
   * Events dated up to this far after `now` still count: the API hosts' and the worker's clocks drift a
   * little. Later ones are ignored, so a future-dated import cannot keep a story fresh (Lemmy zeroes
   * future-dated posts).
   */
  clockSkewMs: 5 * 60 * 1000,
  /**
   * The author's own unit counts half in spread and hot, and so do its members in hot: colleagues reading a
   * colleague is not yet spread across the company, but it is a start.
   */
  authorUnitWeight: 0.5,
  engagement: {
    /**
     * What one member's act is worth, by the effort and commitment it shows: a view is a glance (1); a
     * reaction a one-click judgement (3; Discourse's hot topics rank on likes); a share puts the member's
     * name to it in front of colleagues (5); a comment takes thought and starts a discussion (6; Discourse
     * also counts recent posters); an adoption, "I am trying this in my area", is the outcome the feed
     * exists for (12, two comments).
     */
    weights: { view: 1, reaction: 3, share: 5, comment: 6, adoption: 12 },
    /** Added to an executive's comment: support from the top makes others try, like an adoption (6 + 6). */
    endorsementBonus: 6,
    /**
     * Each event's weight halves every 72 h: intranet reading follows the working week, so Monday's reading
     * still counts half on Thursday and 1/16 after 12 days. Mastodon's 4–8 h suit a network read all day,
     * every day.
     */
    halfLifeHours: 72,
  },
  spread: {
    /** A unit is new when its first member engaged within this many days: spread that is still happening. */
    newUnitDays: 7,
    /** Each new unit counts half again: spread that is happening now beats spread that happened. */
    newUnitBonus: 0.5,
  },
  hot: {
    /**
     * Mastodon trends compare distinct accounts today with yesterday; we compare this week with the week
     * before, because intranet engagement follows the working week (daily windows would make every Monday
     * a surge after a quiet weekend).
     */
    windowDays: 7,
    /**
     * The score is evaluated with windows ending now and on each of the 13 days before; the peak, decayed by
     * its age, is the hot score (Mastodon stores the peak; a pure function finds it again). Older peaks
     * would count for about 1 % (0.5^(13 × 24 / 48)).
     */
    peakLookbackDays: 14,
    /**
     * The peak halves every 48 h (Mastodon: peak × 0.5^(Δt / half-life), 4 h for tags over daily windows):
     * a surge counts in full while it is inside the current week, then fades within about a week.
     */
    peakHalfLifeHours: 48,
    /**
     * Nothing is hot below this many distinct members other than the author (Mastodon: 5 accounts, lowered
     * for business units smaller than an instance): one member is never enough.
     */
    memberFloor: 3,
    /** Nothing is hot below this many distinct units of those members: one unit alone is not a hot spot. */
    unitFloor: 2,
    /**
     * Units weigh more than members: the unit term, (observed − expected)² / expected over distinct units,
     * is multiplied by 10, so three units reached count 40, as much as seven people (36) reaching the first.
     */
    unitWeight: 10,
    /**
     * Members count 1 / log10(size of their unit), as Lemmy scales a post's rank by log10 of its community's
     * activity, so that large units do not drown small ones; the size is at least 10 (lemmy#5210: tiny
     * communities were over-favoured) and at least the members seen engaging from it.
     */
    unitSizeFloor: 10,
    /**
     * Flagged for curators from this hot score on. On a new story, with units of up to 10 members and none
     * the author's, the least that is flagged is 5 people in 3 units (16 + 40), 4 in 4 (9 + 90) or 8 in 2
     * (49 + 10): any lower, and every story read by a few people would fill the review queue.
     */
    flagThreshold: 50,
    /**
     * One author holds at most this many hot spots at a time, first flagged first served (mastodon#18181:
     * one author flooding trends): room for two of one author's practices, not a flood.
     */
    maxHotSpotsPerAuthor: 2,
    /** A unit is named in the reasons when it has this many times its members of the week before. */
    surgeRatio: 2,
  },
  practice: {
    /** A practice told independently in this many units is a hot spot: emerging, not one team's habit. */
    unitFloor: 3,
    /** Those stories fall within this many days before now: stories a year apart are no emergence. */
    windowDays: 30,
  },
} as const;

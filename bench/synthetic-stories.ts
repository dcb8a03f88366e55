/**
 * Deterministic synthetic leadership stories for benchmarks: word frequencies follow Zipf's law (as in
 * natural text), stories lean on one of a few hundred topics, and a tenth are retellings of an earlier
 * story, so a similarity index has real neighbours to find.
 */

import { Random } from '../scripts/demo/random.js';

export interface SyntheticStory {
  id: string;
  title: string;
  body: string;
  tags: string[];
}

/** The most frequent words of English prose: the head of the Zipf curve, removed again by the analyzer. */
const FUNCTION_WORDS = (
  'the and to of a in we our that it for was with on is they as at this be by their from have had ' +
  'but not all were so what when which more about them out up there one would into than then who also'
).split(' ');

const LEADERSHIP_WORDS = (
  'team teams manager managers leader leadership people work meeting meetings week weekly month ' +
  'customer customers colleagues decision decisions plan planning goal goals feedback review project ' +
  'projects unit site plant office change changes trust ownership autonomy coaching mentor mentoring ' +
  'learning training skills budget budgets cost costs forecast target targets quarter results ' +
  'improvement process processes quality safety production shift shifts supervisor operator engineers ' +
  'engineering service sales finance strategy priority priorities problem problems solution idea ideas ' +
  'experiment experiments pilot rollout conversation conversations one-on-one listening recognition ' +
  'celebrate failure failures mistakes psychological culture values purpose vision mission agile ' +
  'stand-up retrospective sprint board backlog workload wellbeing burnout hybrid remote flexible ' +
  'schedule calendar focus interruptions deep inclusion diversity onboarding hire hiring graduates ' +
  'interns juniors seniors executives director directors roadmap handover escalation escalations ' +
  'delegation empowerment accountability transparency metrics dashboard downtime maintenance ' +
  'warehouse logistics delivery deliveries supplier suppliers contract partnership community network ' +
  'volunteers rotation job crafting career growth promotion succession peer peers buddy lunch walk ' +
  'walking coffee town hall newsletter survey engagement morale energy initiative initiatives'
).split(' ');

const SYLLABLES =
  'ka ro mi ten sa lo vi pre con dis ant ber cal dor fen gal hum ist lam mor nel pol qua ris sul tor ul ven wex zan'.split(
    ' ',
  );

const VOCABULARY_SIZE = 4000;
const ZIPF_EXPONENT = 1;
const TOPICS = 400;
const WORDS_PER_TOPIC = 15;
/** Share of a story's words drawn from its topic rather than from the language at large. */
const TOPIC_SHARE = 0.3;
const RETELLING_SHARE = 0.1;
/** Share of a retelling's words replaced with fresh ones. */
const RETELLING_CHANGE = 0.25;

function vocabulary(random: () => number): string[] {
  const words = new Set([...FUNCTION_WORDS, ...LEADERSHIP_WORDS]);
  while (words.size < VOCABULARY_SIZE) {
    const syllables = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < syllables; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/** Draws word ranks with probability ∝ 1 / rank^s, by binary search over the cumulative distribution. */
function zipfSampler(size: number, random: () => number): () => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let rank = 0; rank < size; rank++) cumulative[rank] = total += 1 / (rank + 1) ** ZIPF_EXPONENT;
  return () => {
    const target = random() * total;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

export function generateStories(count: number, seed = 42): SyntheticStory[] {
  // The demo's seeded generator: the same seed gives the same corpus on every machine.
  const generator = new Random(seed);
  const random = () => generator.next();
  const words = vocabulary(random);
  const drawRank = zipfSampler(words.length, random);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  // Topic words come from below the head, where words are specific enough to tell stories apart.
  const topics = Array.from({ length: TOPICS }, () =>
    Array.from(
      { length: WORDS_PER_TOPIC },
      () => words[FUNCTION_WORDS.length + Math.floor(random() * (words.length - FUNCTION_WORDS.length))]!,
    ),
  );

  const stories: SyntheticStory[] = [];
  for (let i = 0; i < count; i++) {
    const id = `story-${i}`;
    if (i > 0 && random() < RETELLING_SHARE) {
      const original = pick(stories);
      const retell = (text: string) =>
        text
          .split(' ')
          .map((word) => (random() < RETELLING_CHANGE ? words[drawRank()]! : word))
          .join(' ');
      stories.push({
        id,
        title: retell(original.title),
        body: retell(original.body),
        tags: [...original.tags],
      });
      continue;
    }
    const topic = pick(topics);
    const word = () => (random() < TOPIC_SHARE ? pick(topic) : words[drawRank()]!);
    const title = Array.from({ length: 4 + Math.floor(random() * 6) }, word).join(' ');
    const body = Array.from({ length: 80 + Math.floor(random() * 221) }, word).join(' ');
    const tags = Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(topic));
    stories.push({ id, title, body, tags });
  }
  return stories;
}

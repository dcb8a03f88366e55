import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { words as naturalStopWords } from 'natural/lib/natural/util/stopwords.js';

/**
 * natural's English list plus the contractions it lacks (apostrophes are dropped before the lookup, so
 * "don't" arrives as "dont") and a few fillers common in spoken-style stories.
 */
const STOP_WORDS: ReadonlySet<string> = new Set([
  ...naturalStopWords,
  ...['dont', 'didnt', 'doesnt', 'isnt', 'wasnt', 'arent', 'werent', 'cant', 'couldnt', 'wont', 'wouldnt'],
  ...['im', 'ive', 'id', 'ill', 'weve', 'wed', 'youre', 'youve', 'theyre', 'theyve', 'lets', 'thats'],
  ...['us', 'will', 'just', 'really', 'one', 'every', 'even', 'yet', 'already', 'almost'],
]);

/** Letters or digits, with apostrophes allowed inside ("don't", "team's"); hyphens split words. */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const APOSTROPHES = /['’]/g;
const POSSESSIVE = /['’]s$/;
const NUMBER = /^\p{N}+$/u;

/**
 * Porter stemming is the slowest step and story vocabularies repeat heavily, so stems are memoised. The
 * cache is cleared when full rather than evicted entry by entry: cheap, and it refills with the common words
 * at once.
 */
const STEM_CACHE_LIMIT = 200_000;
const stemCache = new Map<string, string>();

function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemmed = PorterStemmer.stem(word);
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

/**
 * Calls `visit(stem, word)` for every indexable word of `text`: lowercased, not a stop word or number. The
 * words come as one array of strings rather than a match object each (`matchAll`), and the regular
 * expressions run only where they can change something (an apostrophe; a first character not a to z):
 * analysing a story a fifth faster, with the same terms.
 */
function forEachTerm(text: string, visit: (stem: string, word: string) => void): void {
  for (let word of text.toLowerCase().match(WORD) ?? []) {
    if (word.includes("'") || word.includes('’'))
      word = word.replace(POSSESSIVE, '').replace(APOSTROPHES, '');
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    const first = word.charCodeAt(0);
    if (!(first >= 97 && first <= 122) && NUMBER.test(word)) continue;
    visit(stem(word), word);
  }
}

/** The text's index terms in order: lowercased words without stop words and numbers, Porter-stemmed. */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  forEachTerm(text, (term) => terms.push(term));
  return terms;
}

function addTerms(counts: Map<string, number>, text: string, times: number): void {
  forEachTerm(text, (term) => counts.set(term, (counts.get(term) ?? 0) + times));
}

/** How often each index term occurs in `text`. */
export function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  addTerms(counts, text, 1);
  return counts;
}

export interface StoryText {
  title: string;
  body: string;
  tags: readonly string[];
}

/**
 * A story's term counts: title, body and tags. Title terms count twice because a title names the practice
 * in a few chosen words, the usual field boost of search engines (a title^2 query in Elasticsearch).
 */
export function storyTermCounts(story: StoryText): Map<string, number> {
  const counts = new Map<string, number>();
  addTerms(counts, story.title, 2);
  addTerms(counts, story.body, 1);
  for (const tag of story.tags) addTerms(counts, tag, 1);
  return counts;
}

/**
 * For each stem in `texts`, the lowercased word it most often came from ("manag" → "managed"), so labels
 * built from index terms read as words. Ties go to the word seen first.
 */
export function surfaceForms(texts: Iterable<string>): Map<string, string> {
  const wordCountsByStem = new Map<string, Map<string, number>>();
  for (const text of texts) {
    forEachTerm(text, (term, word) => {
      let wordCounts = wordCountsByStem.get(term);
      if (wordCounts === undefined) {
        wordCounts = new Map();
        wordCountsByStem.set(term, wordCounts);
      }
      wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
    });
  }
  const forms = new Map<string, string>();
  for (const [term, wordCounts] of wordCountsByStem) {
    let best = '';
    let bestCount = 0;
    for (const [word, count] of wordCounts) {
      if (count > bestCount) {
        best = word;
        bestCount = count;
      }
    }
    forms.set(term, best);
  }
  return forms;
}

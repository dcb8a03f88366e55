// natural's typings cover only its root module, and importing the root reads .env and loads database
// drivers; we import single CommonJS files instead and type just the parts we use (tokenizeAndStem and
// TfIdf are the baselines in bench/similarity.bench.ts).

declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: {
    stem(token: string): string;
    /** Lowercases, tokenises, drops natural's stop words and stems (uncached). */
    tokenizeAndStem(text: string): string[];
  };
  export = PorterStemmer;
}

declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: readonly string[];
}

declare module 'natural/lib/natural/tfidf/tfidf.js' {
  class TfIdf {
    addDocument(document: string | string[], key?: unknown): void;
    tfidfs(
      terms: string | string[],
      callback?: (index: number, measure: number, key?: unknown) => void,
    ): number[];
  }
  export = TfIdf;
}

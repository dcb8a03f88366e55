export { analyze, termCounts, storyTermCounts, surfaceForms, type StoryText } from './tokenize.js';
export {
  TfIdfIndex,
  type TermCounts,
  type Similar,
  type WeightedTerm,
  type SimilarityOptions,
  type TfIdfIndexOptions,
} from './tfidf-index.js';
export {
  PRACTICE_SIMILARITY_THRESHOLD,
  connectedComponents,
  assignClusterIds,
  type ClusterAssignment,
} from './clustering.js';

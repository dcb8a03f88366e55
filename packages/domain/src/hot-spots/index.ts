export * from './practice-hot-spot.js';
export * from './story-score.js';

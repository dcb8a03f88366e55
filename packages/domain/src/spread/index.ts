export {
  MAX_SPREAD_WINDOW_DAYS,
  computeAmplificationSpread,
  type AdoptionEvent,
  type AmplificationSpread,
  type SpreadBucket,
  type SpreadInput,
  type SpreadUnit,
  type SpreadWindow,
} from './amplification-spread.js';

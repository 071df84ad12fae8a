// Public API of the size estimator (see estimator.ts for the model).
export { estimateStage, estimateStages, finalBaseChain } from './estimator';
export { resolveBaseImage, splitImage } from './baseImage';
export { formatBytes, formatEstimate, formatRange, parseSize, MB, GB } from './units';
export type { BaseFigure, ContextSize, EstimateOptions, LayerEstimate, SizeIO, SizeRange, StageEstimate } from './types';

export { registeredBackends, selectBackend } from './backend/select-backend.ts';
export { buildNetwork } from './model/build-network.ts';
export { loadModel, savedModelKind } from './model/load-model.ts';
export { type ModelDocument, modelDocument, modelFormatVersion, saveModel, type TrainingRecord } from './model/save-model.ts';
export { createTrainedModel, type ModelPiece, type TrainedModel } from './model/trained-model.ts';
export { type TrainingWindow, windowProblem } from './model/window-problem.ts';
export { adamOptimiser, adamOptimiserOptions } from './optimisers/adam-optimiser.ts';
export { lbfgsOptimiser, lbfgsOptimiserOptions } from './optimisers/lbfgs-optimiser.ts';
export { type LearningRateSchedule, learningRateSchedule } from './optimisers/learning-rate-schedule.ts';
export {
  type LevenbergMarquardtOptions,
  levenbergMarquardt,
  levenbergMarquardtOptimiser,
  levenbergMarquardtOptimiserOptions,
} from './optimisers/levenberg-marquardt-optimiser.ts';
export { sgdOptimiser, sgdOptimiserOptions } from './optimisers/sgd-optimiser.ts';
export { articlePreset } from './presets/article-preset.ts';
export { bundlePreset } from './presets/bundle-preset.ts';
export { dataOnlyPreset } from './presets/data-only-preset.ts';
export { neuralOdePreset } from './presets/neural-ode-preset.ts';
export { pinnPreset } from './presets/pinn-preset.ts';
export { solverFirstOrderPreset } from './presets/solver-first-order-preset.ts';
export { solverPreset } from './presets/solver-preset.ts';
export { defaultRegistry } from './registry/default-registry.ts';
export { checkPlugin, loadPlugin } from './registry/load-plugin.ts';
export { parseEntryOptions } from './registry/parse-entry-options.ts';
export {
  createRegistry,
  pluginFields,
  type Registry,
  type RegistryEntries,
  type RegistryKind,
  type RegistryListing,
  type RegistrySettings,
  registryKinds,
} from './registry/registry.ts';
export { collocationPointsLimit } from './samplers/collocation-points.ts';
export { chebyshevSampler, chebyshevSamplerOptions } from './samplers/chebyshev-sampler.ts';
export { gridSampler, gridSamplerOptions } from './samplers/grid-sampler.ts';
export { jitteredGridSampler, jitteredGridSamplerOptions } from './samplers/jittered-grid-sampler.ts';
export { latinHypercubeSampler, latinHypercubeSamplerOptions } from './samplers/latin-hypercube-sampler.ts';
export { r3Sampler, r3SamplerOptions } from './samplers/r3-sampler.ts';
export { residualAdaptiveSampler, residualAdaptiveSamplerOptions } from './samplers/residual-adaptive-sampler.ts';
export { sobolSampler, sobolSamplerOptions } from './samplers/sobol-sampler.ts';
export { uniformSampler, uniformSamplerOptions } from './samplers/uniform-sampler.ts';
export { mergeSettings, resolveSettings } from './settings/resolve-settings.ts';
export { settingsLimits, type TrainingSettings, type TrainingSettingsInput, trainingSettingsSchema } from './settings/training-settings-schema.ts';
export { trainPlugin } from './train-plugin.ts';
export { defaultLogEvery, parameterValues } from './training/plan-training.ts';
export {
  type EpochInfo,
  type TrainingCallbacks,
  type TrainingData,
  type TrainingHistory,
  type TrainingOptions,
  type TrainingResult,
  train,
} from './training/train.ts';
export { type BundleAxis, type BundlePoint, boxGrid, boxPoint, bundleBox, nominalPoint, problemAt } from './bundles/bundle-box.ts';
export { type BundleErrors, type BundlePointError, bundleErrors } from './bundles/bundle-errors.ts';
export { type BundleModel, createBundleModel } from './bundles/bundle-model.ts';
export { type BundleFit, fitBundleParameters } from './bundles/fit-bundle-parameters.ts';
export { type BundleTraining, bundleLeastSquares, checkBundleSettings, trainBundle } from './bundles/train-bundle.ts';
export { loadBundle, saveBundle } from './bundles/save-bundle.ts';
export { judgeSolution, type Verdict } from './verdict/judge-solution.ts';
export { type DefectEstimate, propagateDefect } from './verdict/propagate-defect.ts';

import { z } from 'zod';

/**
 * Sizes an architecture's options may not exceed, refused when the options are parsed, before
 * any weight is allocated. A layer of 4096 units already holds 16.8 M weights against the next
 * one, past what trains on a CPU; 64 hidden layers is far deeper than a network for an ODE of
 * one input needs (the presets use 2–3).
 */
export const layerLimits = {
  /** Units of one hidden layer, and random or Fourier features. */
  width: 4096,
  /** Hidden layers (for `residual-mlp`, two per block). */
  layers: 64,
} as const;

/** A layer width or a number of features: a positive integer up to {@link layerLimits}.width. */
export const layerWidth = z.int().positive().max(layerLimits.width, `exceeds the limit of ${layerLimits.width} units per layer`);

/** Widths of the hidden layers, at most {@link layerLimits}.layers of them. */
export const hiddenWidths = z.array(layerWidth).max(layerLimits.layers, `exceeds the limit of ${layerLimits.layers} hidden layers`);

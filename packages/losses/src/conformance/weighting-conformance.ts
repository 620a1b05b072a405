import { checkDeclaration, type ConformanceCheck, QuadrantError, type WeightingStepV1, type WeightingV1, zodIssuePath } from '@quadrant/spec';

/** How to build a weighting scheme for the kit. */
export interface WeightingConformanceSettings {
  /** Raw options, parsed by the scheme's schema (default `{}`). */
  readonly options?: unknown;
  /** Epochs of the scripted run (default 60). */
  readonly epochs?: number;
}

// The scripted run's terms: a residual falling fast, an initial condition falling slowly, data flat.
const terms = ['residual', 'initial-condition', 'data'] as const;

/** Term values and gradient statistics at `epoch` of the scripted run; epoch 7 has a non-finite value, as a diverging step would. */
function scriptedStep(epoch: number, asked: { count: number }): WeightingStepV1 {
  const values = [Math.exp(-epoch / 5), 0.5 * Math.exp(-epoch / 40), 0.1 + 0.01 * Math.sin(epoch)];
  if (epoch === 7) values[1] = Number.NaN;
  return {
    epoch,
    values,
    gradientStatistics() {
      asked.count++;
      return values.map((value, i) => ({ max: (i + 1) * Math.abs(value || 1), mean: Math.abs(value || 1) / (i + 2) }));
    },
  };
}

/**
 * The conformance kit for loss-weighting schemes, run by the built-ins as by a plugin's:
 *
 * ```ts
 * for (const check of weightingConformance(gradNorm, { options: { every: 5 } })) it(check.name, check.run);
 * ```
 *
 * The checks: the scheme declares spec v1, a kebab-case name and a description, and its schema
 * parses the options given; over a scripted run of three terms (falling at different rates, one
 * value not finite at one epoch) it gives one factor per term, each positive and finite, all 1
 * before the first update; and a scheme with `state` continues from `restore` exactly as the
 * uninterrupted one (the state surviving JSON), and refuses another scheme's state with
 * `ARTEFACT_INVALID`.
 */
export function weightingConformance<Options>(weighting: WeightingV1<Options>, settings: WeightingConformanceSettings = {}): ConformanceCheck[] {
  const name = weighting.name;
  const epochs = settings.epochs ?? 60;
  const check = (title: string, run: () => Promise<void>): ConformanceCheck => ({ name: `${name}: ${title}`, run });
  const build = () => {
    const parsed = weighting.options.safeParse(settings.options ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${name}: its options schema refuses the options given at ${zodIssuePath(issue) || '(root)'}: ${issue.message}`);
    }
    return weighting.create({ terms, seed: 7 }, parsed.data);
  };
  const checkFactors = (factors: readonly number[], when: string) => {
    if (factors.length !== terms.length) throw new Error(`${name}: ${when}, factors() gives ${factors.length} factors for ${terms.length} terms`);
    factors.forEach((factor, i) => {
      if (!(Number.isFinite(factor) && factor > 0))
        throw new Error(`${name}: ${when}, the factor of term ${i} is ${factor}; factors must be positive and finite`);
    });
  };
  return [
    check('declares spec v1, a kebab-case name and a description; its schema parses the options', async () => {
      checkDeclaration(weighting, {
        declare: 'the scheme with defineWeighting',
        typed: '(--weighting)',
        example: 'grad-norm',
        describe: 'how the weights move',
      });
      build();
    }),
    check('gives one positive, finite factor per term at every epoch, all 1 before any update', async () => {
      const instance = build();
      const first = instance.factors();
      checkFactors(first, 'before any update');
      if (first.some((factor) => factor !== 1))
        throw new Error(`${name}: before any update the factors are ${first.join(', ')}; start from 1, the terms' own weights`);
      const asked = { count: 0 };
      for (let epoch = 0; epoch < epochs; epoch++) {
        instance.update(scriptedStep(epoch, asked));
        checkFactors(instance.factors(), `after epoch ${epoch}`);
      }
    }),
    check('continues from a restored state as the uninterrupted scheme does; refuses a state of another scheme', async () => {
      const probe = build();
      if (probe.state === undefined || probe.restore === undefined) {
        if ((probe.state === undefined) !== (probe.restore === undefined)) throw new Error(`${name}: it offers one of state() and restore() without the other`);
        return;
      }
      const whole = build();
      const first = build();
      const asked = { count: 0 };
      const half = Math.floor(epochs / 2);
      for (let epoch = 0; epoch < half; epoch++) {
        whole.update(scriptedStep(epoch, asked));
        first.update(scriptedStep(epoch, asked));
      }
      const continued = build();
      continued.restore!(JSON.parse(JSON.stringify(first.state!())));
      for (let epoch = half; epoch < epochs; epoch++) {
        whole.update(scriptedStep(epoch, asked));
        continued.update(scriptedStep(epoch, asked));
        const [expected, actual] = [whole.factors(), continued.factors()];
        if (expected.some((factor, i) => factor !== actual[i])) {
          throw new Error(
            `${name}: restored at epoch ${half}, its factors after epoch ${epoch} are ${actual.join(', ')}, and without stopping ${expected.join(', ')}`,
          );
        }
      }
      const foreign = { ...first.state!(), weighting: `not-${name}` };
      try {
        build().restore!(foreign);
      } catch (error) {
        if (QuadrantError.isInstance(error) && error.code === 'ARTEFACT_INVALID') return;
        throw new Error(`${name}: restoring another scheme's state threw ${String(error)}; throw QuadrantError ARTEFACT_INVALID`);
      }
      throw new Error(`${name}: restore() took the state of scheme '${foreign.weighting}'; refuse it with QuadrantError ARTEFACT_INVALID`);
    }),
  ];
}

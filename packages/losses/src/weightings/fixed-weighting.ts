import { defineWeighting } from '@quadrant/spec';
import { z } from 'zod';

/** Fixed weights: each term keeps the weight the settings give it. The default. */
export const fixedWeighting = defineWeighting({
  name: 'fixed',
  description: "each term keeps its settings' weight throughout",
  options: z.strictObject({}),
  create({ terms }) {
    const factors = terms.map(() => 1);
    return { factors: () => factors, update() {} };
  },
});

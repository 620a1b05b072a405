import { defineProblem } from '../parse/define-problem.ts';

/** dy/dx = x, y(0) = 0 on [0, 2]; y = x²/2. An independent variable other than t. */
export const linearGrowth = defineProblem(
  {
    name: 'linear-growth',
    description: 'dy/dx = x with y(0) = 0 on [0, 2]: the simplest equation whose solution is not a straight line',
    source: 'The introductory example dy/dx = x of blog posts on solving ODEs with neural networks; one integration gives the closed form',
    independent: 'x',
    equations: { "y'": 'x' },
    initial: { y: 0 },
    domain: [0, 2],
    exact: { y: 'x^2 / 2' },
  },
  'library:linear-growth',
);

import { definePlugin } from '@quadrant/spec';
import { problemLibrary } from './library/problem-library.ts';

/** The built-in problems as a plugin: how the default registry receives them. */
export const equationsPlugin = definePlugin({ name: '@quadrant/equations', problems: problemLibrary });

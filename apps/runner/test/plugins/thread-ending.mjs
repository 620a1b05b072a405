// A plugin whose architecture ends the thread that builds a network with it, as a native crash
// or an out-of-memory abort would: no result, no error to catch inside the cell. For the tests
// of how a queue worker retries a crashed cell and then records it as failed.
import { defineArchitecture, definePlugin } from '@quadrant/spec';
import { z } from 'zod';

export default definePlugin({
  name: 'thread-ending',
  architectures: [
    defineArchitecture({
      name: 'thread-ending',
      description: 'ends its thread when a network is built',
      options: z.object({}).strict(),
      jetOrder: 4,
      build() {
        process.exit(3);
      },
    }),
  ],
});

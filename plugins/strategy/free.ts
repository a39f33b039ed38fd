import { defineStrategy } from 'tsible';

/** Each host runs through the play as fast as it can, up to `forks` hosts at once. */
export default defineStrategy({
  name: 'free',
  shortDescription: 'Executes tasks without waiting for all hosts',
  async run(ctx) {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ctx.hosts.length) await ctx.runHost(ctx.hosts[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(ctx.forks, ctx.hosts.length) }, worker));
  },
});

/** Vitest global set-up: nothing shared yet; registry tests start their own registries. */
export default function setup(): void {}

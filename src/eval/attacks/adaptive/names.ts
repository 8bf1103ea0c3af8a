/** Names of the adaptive attacks (kept apart so the strategy registry can point at them without importing them). */
export const ADAPTIVE_ATTACK_NAMES: readonly string[] = ["crescendo", "pair"];

/**
 * A named bundle of training settings (`data-only`, `pinn`, `solver`, `article`). The
 * settings are validated by the trainer's configuration schema when the preset is applied;
 * explicit settings of a run override them.
 */
export interface PresetV1 {
  readonly specVersion: 'v1';
  readonly name: string;
  readonly description: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

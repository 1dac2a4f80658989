/**
 * Not a test file: `tsc --noEmit` (part of `npm test`) compiles it, so the generated Alexa
 * models must fit the SMAPI model type (ask-smapi-model's InteractionModelData). JSON imports
 * widen string literals ("PlainText" → string), hence `Widen`; `NoExtraKeys` turns a key the
 * SMAPI type does not know (a typo, a stray field) into a compile error.
 */
import type { v1 } from 'ask-smapi-model';
import deDE from '../../interaction-models/alexa/skill-package/interactionModels/custom/de-DE.json' with { type: 'json' };
import enGB from '../../interaction-models/alexa/skill-package/interactionModels/custom/en-GB.json' with { type: 'json' };
import enUS from '../../interaction-models/alexa/skill-package/interactionModels/custom/en-US.json' with { type: 'json' };

type Widen<T> = T extends string ? string
  : T extends number ? number
  : T extends boolean ? boolean
  : T extends ReadonlyArray<infer U> ? Array<Widen<U>>
  : T extends object ? { [K in keyof T]: Widen<T[K]> }
  : T;

type NoExtraKeys<T, Shape> = T extends ReadonlyArray<infer U>
  ? Shape extends ReadonlyArray<infer V> ? Array<NoExtraKeys<U, V>> : never
  : T extends object
    ? { [K in keyof T]: K extends keyof Shape ? NoExtraKeys<T[K], NonNullable<Shape[K]>> : never }
    : T;

type SmapiModel = Widen<v1.skill.interactionModel.InteractionModelData>;

export const models = [
  deDE satisfies SmapiModel,
  enGB satisfies SmapiModel,
  enUS satisfies SmapiModel,
] as const;

export const exact: [NoExtraKeys<typeof deDE, SmapiModel>, NoExtraKeys<typeof enGB, SmapiModel>, NoExtraKeys<typeof enUS, SmapiModel>] = [deDE, enGB, enUS];

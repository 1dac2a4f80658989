// The parts of NLP.js (https://github.com/axa-group/nlp.js) the simulator uses; the packages
// ship no type declarations.
declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
  }
  export function containerBootstrap(): Container;
}
declare module '@nlpjs/nlu' {
  import type { Container } from '@nlpjs/core';
  export interface Classification {
    intent: string;
    score: number;
  }
  export class NluNeural {
    constructor(settings: Record<string, unknown>, container: Container);
    train(corpus: Array<{ utterance: string; intent: string }>): Promise<unknown>;
    process(utterance: string): Promise<{ classifications: Classification[] }>;
    toJSON(): unknown;
    fromJSON(json: unknown): void;
  }
}
declare module '@nlpjs/lang-de' {
  export const LangDe: unknown;
}
declare module '@nlpjs/lang-en' {
  export const LangEn: unknown;
}

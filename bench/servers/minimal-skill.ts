import type { CustomSkillBuilder, HandlerInput, Skill } from 'ask-sdk-core';

/**
 * The smallest useful ask-sdk-core skill: any request gets one fixed spoken sentence. Shared by
 * the express baseline and the ask-sdk-express-adapter baseline, so they differ only in HTTP and
 * verification.
 */
export function minimalSkill(builder: CustomSkillBuilder): Skill {
  return builder
    .addRequestHandlers({
      canHandle: () => true,
      handle: (input: HandlerInput) =>
        input.responseBuilder.speak('Spülmittel Zitrone 500 ml kostet 1,29 €.').withShouldEndSession(false).getResponse(),
    })
    .create();
}

import type { Language } from '../catalog/commerce.js';

/**
 * What Alexa's built-in intents understand without any sample in the model file: the
 * interaction model lists `AMAZON.StopIntent` with `samples: []` and Alexa still knows "stopp".
 * These lists stand in for Amazon's own, per language; they are added to a built-in intent
 * only when the model declares it. Dialogflow has no built-ins: there, only the agent's
 * training phrases count.
 */
export const BUILT_IN_PHRASES: Record<Language, Record<string, string[]>> = {
  de: {
    'AMAZON.HelpIntent': ['hilfe', 'hilf mir', 'hilfe bitte', 'ich brauche hilfe', 'was kann ich sagen', 'was kann ich tun', 'was kannst du', 'wie geht das'],
    'AMAZON.StopIntent': ['stopp', 'stop', 'halt', 'aufhören', 'hör auf', 'beenden', 'beende', 'ende', 'schluss', 'tschüss', 'auf wiedersehen', 'sei still', 'das reicht', 'genug'],
    'AMAZON.CancelIntent': ['abbrechen', 'abbruch', 'brich ab', 'vergiss es', 'vergiss das', 'egal', 'lass es'],
    'AMAZON.YesIntent': ['ja', 'ja bitte', 'jawohl', 'jep', 'jo', 'genau', 'richtig', 'okay', 'ok', 'klar', 'na klar', 'sicher', 'gerne', 'gern', 'auf jeden fall', 'mach das'],
    'AMAZON.NoIntent': ['nein', 'nein danke', 'nee', 'nö', 'ne', 'lieber nicht', 'auf keinen fall', 'nicht jetzt'],
    'AMAZON.NavigateHomeIntent': ['zurück zum anfang', 'zum anfang', 'startseite', 'zum start', 'zum hauptmenü'],
    'AMAZON.RepeatIntent': ['wiederholen', 'wiederhole', 'wiederhol das', 'bitte wiederholen', 'was hast du gesagt', 'noch mal bitte'],
    'AMAZON.StartOverIntent': ['von vorne', 'neu anfangen', 'noch mal von vorne', 'neustart'],
    'AMAZON.NextIntent': ['weiter', 'nächste', 'nächster', 'der nächste'],
    'AMAZON.PreviousIntent': ['zurück', 'vorherige', 'vorheriger'],
    'AMAZON.MoreIntent': ['mehr', 'zeig mehr', 'mehr davon'],
    'AMAZON.PauseIntent': ['pause', 'pausieren'],
    'AMAZON.ResumeIntent': ['fortsetzen', 'weitermachen'],
  },
  en: {
    'AMAZON.HelpIntent': ['help', 'help me', 'help please', 'i need help', 'what can i say', 'what can you do', 'what do i do'],
    'AMAZON.StopIntent': ['stop', 'stop it', 'off', 'shut up', 'be quiet', 'quiet', 'exit', 'quit', 'enough', 'goodbye', 'bye', 'bye bye'],
    'AMAZON.CancelIntent': ['cancel', 'cancel that', 'never mind', 'nevermind', 'forget it', 'forget that'],
    'AMAZON.YesIntent': ['yes', 'yes please', 'yeah', 'yep', 'yup', 'sure', 'ok', 'okay', 'correct', 'right', 'of course', 'absolutely', 'go ahead', 'do it'],
    'AMAZON.NoIntent': ['no', 'no thanks', 'no thank you', 'nope', 'nah', 'no way', 'not now'],
    'AMAZON.NavigateHomeIntent': ['go home', 'home', 'main menu', 'go to the start'],
    'AMAZON.RepeatIntent': ['repeat', 'repeat that', 'say that again', 'again please', 'what did you say'],
    'AMAZON.StartOverIntent': ['start over', 'restart', 'start again', 'begin again'],
    'AMAZON.NextIntent': ['next', 'next one', 'skip'],
    'AMAZON.PreviousIntent': ['previous', 'go back', 'back'],
    'AMAZON.MoreIntent': ['more', 'tell me more', 'show more'],
    'AMAZON.PauseIntent': ['pause'],
    'AMAZON.ResumeIntent': ['resume', 'continue'],
  },
};

/** The built-in intent Alexa answers "yes" with, and the one for "no". */
export const YES_INTENT = 'AMAZON.YesIntent';
export const NO_INTENT = 'AMAZON.NoIntent';
export const FALLBACK_INTENT = 'AMAZON.FallbackIntent';
